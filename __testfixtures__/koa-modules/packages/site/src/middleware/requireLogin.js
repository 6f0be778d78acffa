// Shape 4: a middleware in a file that imports nothing from the framework.
export async function requireLogin(ctx, next) {
  const user = ctx.get('x-user');
  if (!user) {
    return ctx.redirect('/login');
  }
  ctx.state.user = user;
  await next();
}
