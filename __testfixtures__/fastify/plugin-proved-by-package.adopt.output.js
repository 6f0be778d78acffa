export default async function routes(app) {
  app.delete('/session', async (request, reply) => reply.redirect('/', 303));
}
