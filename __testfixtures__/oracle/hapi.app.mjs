// A hapi app whose routes redirect; run by __tests__/real-js-frameworks.test.ts.
import Hapi from '@hapi/hapi';

const server = Hapi.server({ port: 0, host: '127.0.0.1' });

server.route([
  { method: 'GET', path: '/get', handler: (request, h) => h.redirect('/target/get') },
  { method: 'POST', path: '/post', handler: (request, h) => h.redirect('/target/post') },
  {
    method: 'PUT',
    path: '/put',
    options: {
      handler(request, h) {
        return h.redirect('/target/put');
      },
    },
  },
  { method: 'DELETE', path: '/delete', handler: (request, h) => h.redirect('/target/delete') },
  { method: 'GET', path: '/explicit', handler: (request, h) => h.redirect('/target/explicit').permanent() },
]);

await server.start();
console.log(`listening ${server.info.port}`);
