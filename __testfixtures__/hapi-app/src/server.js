// A hapi service made the way real ones are: routes in one module, controllers in another,
// helpers given `h` in a lib folder, a plugin that decorates the toolkit. No node_modules of its own.
const Hapi = require('@hapi/hapi');
const forms = require('./plugins/forms');
const routes = require('./routes');

const start = async () => {
  const server = Hapi.server({ port: 0, host: '127.0.0.1' });
  await server.register(forms);
  server.route(routes);
  await server.start();
  console.log(`listening ${server.info.port}`);
};

start();
