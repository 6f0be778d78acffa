export default {
  async fetch(request) {
    return Response.redirect(new URL('/home', request.url), 303);
  },
};

export const moved = () => globalThis.Response.redirect('https://example.org/', 301);
