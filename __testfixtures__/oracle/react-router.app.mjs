// React Router's redirect() and the WHATWG Response.redirect() return a Response;
// __tests__/real-js-frameworks.test.ts reads the status of each.
import { redirect, redirectDocument, replace } from 'react-router';

export const loaders = {
  redirect: () => redirect('/target'),
  withHeaders: () => redirect('/target', { headers: { 'X-From': 'loader' } }),
  redirectDocument: () => redirectDocument('/target'),
  replace: () => replace('/target'),
  fetchResponse: () => Response.redirect('http://127.0.0.1/target'),
  explicit: () => redirect('/target', 301),
};

const results = {};
for (const [name, loader] of Object.entries(loaders)) {
  const response = loader();
  results[name] = { status: response.status, location: response.headers.get('Location'), from: response.headers.get('X-From') };
}
console.log(JSON.stringify(results));
