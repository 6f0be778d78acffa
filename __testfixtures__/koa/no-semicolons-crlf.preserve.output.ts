import Koa from 'koa'

const app = new Koa()

app.use(async (ctx) => {
  ctx.redirect('/home')
  ctx.status = 302
})
