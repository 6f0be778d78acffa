// A Koa app whose routes redirect; run by __tests__/real-js-frameworks.test.ts.
import Koa from 'koa';

const app = new Koa();

app.use(async (ctx) => {
  switch (`${ctx.method} ${ctx.path}`) {
    case 'GET /get':
      ctx.redirect('/target/get');
      break;
    case 'POST /post':
      ctx.redirect('/target/post');
      break;
    case 'PUT /put': {
      ctx.redirect('/target/put');
      break;
    }
    case 'DELETE /delete':
      ctx.redirect('/target/delete');
      break;
    case 'GET /explicit':
      ctx.status = 301;
      ctx.redirect('/target/explicit');
      break;
    default:
      ctx.body = 'not found';
  }
});

const server = app.listen(0, '127.0.0.1', () => console.log(`listening ${server.address().port}`));
