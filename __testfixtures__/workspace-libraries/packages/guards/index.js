export async function requireAdmin(ctx, next) {
  if (!ctx.state.admin) {
    return ctx.redirect('/denied'); // expect: rewritten (koa, registered by apps/site with router.use)
  }
  await next();
}
