// The app comes from a factory: nothing in routes.ts says which framework it is.
import { Hono } from 'hono';

export function makeApp() {
  return new Hono();
}
