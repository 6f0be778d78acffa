// Route options built by a factory and spread into server.route() elsewhere: `{ handler }` objects.
function makeControllers(basePath) {
  const listRefresh = {
    handler: async (request, h) => {
      return h.redirect(`${basePath}/list`).code(303);
    },
  };
  const remove = {
    options: { id: 'remove' },
    async handler(request, h) {
      await request.server.methods.remove(request.params.id);
      return h.redirect(basePath).code(303);
    },
  };
  return { listRefresh, remove };
}

module.exports = { makeControllers };
