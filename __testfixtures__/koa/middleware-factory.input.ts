// A middleware factory in a file that imports nothing from Koa: the returned function is the middleware.
export default function requireSession(loginUrl: string) {
  return async (ctx, next) => {
    if (!ctx.session?.user) {
      return ctx.redirect(loginUrl);
    }
    await next();
  };
}

export const requireAdmin = () => async (ctx, next) => {
  if (!ctx.state.user.admin) {
    ctx.redirect('/');
    return;
  }
  await next();
};
