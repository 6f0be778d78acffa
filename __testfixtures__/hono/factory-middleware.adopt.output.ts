import { createFactory, createMiddleware } from 'hono/factory';

export function protect(loginPath: string) {
  return createMiddleware(async (c, next) => {
    if (!c.get('user')) {
      return c.redirect(`${loginPath}?redirectTo=${c.req.path}`, 303);
    }
    return next();
  });
}

const factory = createFactory();

export const handlers = factory.createHandlers(async (c) => c.redirect('/home', 303));
