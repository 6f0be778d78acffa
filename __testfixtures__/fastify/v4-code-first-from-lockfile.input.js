import Fastify from 'fastify';

const fastify = Fastify();

fastify.get('/old', async (request, reply) => {
  return reply.redirect('/new');
});
