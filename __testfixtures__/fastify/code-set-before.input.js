const fastify = require('fastify')();

fastify.get('/a', (request, reply) => reply.code(303).redirect('/b'));

fastify.post('/c', async (request, reply) => {
  reply.status(301);
  return reply.redirect('/d');
});
