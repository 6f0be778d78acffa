// Route options built by a factory and spread into server.route() elsewhere: `{ handler }` objects.
function makeControllers(basePath) {
  const listRefresh = {
    handler: async (request, h) => {
      return h.redirect(`${basePath}/list`);
    },
  };
  const remove = {
    options: { id: 'remove' },
    async handler(request, h) {
      await request.server.methods.remove(request.params.id);
      return h.redirect(basePath);
    },
  };
  return { listRefresh, remove };
}

module.exports = { makeControllers };
