const test = require('node:test');
const assert = require('node:assert');
const request = require('supertest');
const app = require('../app');

test('moved names its status', async () => {
  await request(app).get('/moved').expect(301);
});

test('legacy is written by hand', async () => {
  const res = await request(app).get('/legacy');
  assert.equal(res.status, 302);
});

test('login, through then()', () => {
  return request(app)
    .post('/auth/login')
    .then((res) => {
      assert.equal(res.statusCode, 302);
    });
});
