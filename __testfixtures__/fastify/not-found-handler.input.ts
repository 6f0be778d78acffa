import Fastify from 'fastify';

const app = Fastify();

// Unknown paths go back to the home page.
app.setNotFoundHandler((req, res) => res.redirect('/'));

export default app;
