const test = require('node:test');
const assert = require('node:assert');
const request = require('supertest');
const app = require('../app');

test('login redirects home', async () => {
  await request(app).post('/auth/login').send('name=ada').expect(302).expect('Location', '/');
});

test('logout answers a redirect', async () => {
  const res = await request(app).get('/auth/logout');
  assert.equal(res.statusCode, 302);
});

test('logout, strictly', async () => {
  const response = await request(app).get('/auth/logout');
  assert.strictEqual(response.status, 302);
});

test('logout with a callback', (t, done) => {
  request(app).get('/auth/logout').expect(302, done);
});

test('deleting the account follows the redirect home', async () => {
  await request(app).delete('/auth/account').redirects(1).expect(200, 'home');
});
