// Route objects exported for the server to register elsewhere: no server.route() in this file.
module.exports = [
  { method: 'GET', path: '/old', handler: (request, h) => h.redirect('/new') },
  {
    method: 'POST',
    path: '/login',
    options: {
      auth: false,
      handler: async (request, h) => {
        return h.redirect('/home');
      },
    },
  },
];
