// A Fastify app whose routes redirect; run by __tests__/real-js-frameworks.test.ts.
import Fastify from 'fastify';

const fastify = Fastify();

fastify.get('/get', async (request, reply) => reply.redirect('/target/get'));
fastify.post('/post', async (request, reply) => {
  return reply.redirect('/target/post');
});
fastify.route({
  method: 'PUT',
  url: '/put',
  handler: async (request, reply) => reply.redirect('/target/put'),
});
fastify.delete('/delete', async (request, reply) => reply.redirect('/target/delete'));
fastify.get('/explicit', async (request, reply) => reply.code(301).redirect('/target/explicit'));

const address = await fastify.listen({ port: 0, host: '127.0.0.1' });
console.log(`listening ${new URL(address).port}`);
