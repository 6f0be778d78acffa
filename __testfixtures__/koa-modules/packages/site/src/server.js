// Run by __tests__/real-js-frameworks.test.ts under the real Koa and @koa/router.
import Koa from 'koa';
import router from './routes.js';

const app = new Koa();
app.use(router.routes());

const server = app.listen(0, '127.0.0.1', () => console.log(`listening ${server.address().port}`));
