class Response {
  static redirect(url) {
    return { url };
  }
}

export const r = Response.redirect('/x');
