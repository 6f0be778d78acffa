// Several frameworks in the package's manifest: the registration decides.
export async function checkout(req: any, res: any) {
  res.redirect('/thanks'); // expect: rewritten (express, registered through the tsconfig alias @lib/billing)
}

export async function portal(ctx: any) {
  ctx.redirect('/portal'); // expect: rewritten (koa, registered by apps/site on new Router())
}
