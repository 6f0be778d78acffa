import Fastify from 'fastify';

const fastify = Fastify();

fastify.get('/old', async (request, reply) => {
  return reply.code(302).redirect('/new');
});
