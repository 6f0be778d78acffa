// Shape 6: a library package that lists no framework; the site that registers it decides.
export async function requireAdmin(ctx, next) {
  if (ctx.get('x-role') !== 'admin') {
    return ctx.redirect('/denied');
  }
  await next();
}
