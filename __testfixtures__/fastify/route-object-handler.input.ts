import fastify from 'fastify';

const server = fastify();

server.route({
  method: 'PUT',
  url: '/items/:id',
  handler: async (request, reply) => {
    return reply.redirect('/items');
  },
});
