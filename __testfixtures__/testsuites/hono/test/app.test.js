import { describe, expect, test } from 'vitest';
import app from '../app.js';

describe('auth', () => {
  test('login redirects home', async () => {
    const res = await app.request('/auth/login', { method: 'POST' });
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toBe('/');
  });

  test('logout', async () => {
    expect((await app.request('/auth/logout')).status).toEqual(302);
  });

  test('kept names its status', async () => {
    const res = await app.request('http://localhost/auth/kept');
    expect(res.status).toBe(302);
  });
});
