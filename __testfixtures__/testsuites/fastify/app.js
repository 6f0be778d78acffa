import Fastify from 'fastify';
import authRoutes from './routes/auth.js';

export function build() {
  const app = Fastify();
  app.register(authRoutes, { prefix: '/auth' });
  app.get('/', async () => 'home');
  app.get('/explicit', async (request, reply) => reply.redirect('/', 302));
  return app;
}
