import { test } from 'node:test';
import assert from 'node:assert/strict';
import { build } from '../app.js';

test('login redirects home', async () => {
  const app = build();
  const res = await app.inject({ method: 'POST', url: '/auth/login' });
  assert.equal(res.statusCode, 302);
  assert.equal(res.headers.location, '/');
});

test('deleting the account redirects', async () => {
  const app = build();
  const url = '/auth/account';
  const response = await app.inject({ method: 'DELETE', url });
  assert.strictEqual(response.statusCode, 302);
});

test('logout, through the chained inject', async () => {
  const app = build();
  const res = await app.inject().get('/auth/logout').end();
  assert.equal(res.statusCode, 302);
});

test('explicit stays', async () => {
  const app = build();
  const res = await app.inject({ url: '/explicit' });
  assert.equal(res.statusCode, 302);
});
