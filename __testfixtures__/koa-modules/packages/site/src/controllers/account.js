// Shape 1: function declarations, exported later as an object.
async function show(ctx) {
  if (ctx.get('x-unverified')) {
    return ctx.redirect('/verify');
  }
  ctx.body = `account of ${ctx.state.user}`;
}

async function update(ctx) {
  ctx.state.saved = true;
  ctx.redirect('/account');
}

export default { show, update };
