const Hapi = require('@hapi/hapi');

const server = Hapi.server({ port: 0 });

server.route({
  method: 'GET',
  path: '/old',
  handler: (request, h) => h.redirect('/new').code(302),
});

server.route([
  {
    method: 'POST',
    path: '/form',
    options: {
      handler(request, h) {
        return h.redirect('/thanks').code(302);
      },
    },
  },
  { method: 'GET', path: '/moved', handler: (request, h) => h.redirect('/here').permanent() },
  { method: 'GET', path: '/see', handler: (request, h) => h.redirect('/other').code(303) },
]);
