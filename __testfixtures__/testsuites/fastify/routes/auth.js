export default async function authRoutes(fastify) {
  fastify.post('/login', async (request, reply) => reply.redirect('/'));
  fastify.get('/logout', async (request, reply) => {
    return reply.redirect('/auth/login');
  });
  fastify.route({
    method: 'DELETE',
    url: '/account',
    handler: async (request, reply) => reply.redirect('/'),
  });
}
