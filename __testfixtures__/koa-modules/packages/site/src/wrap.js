// Shape 3: the project's own wrapper around handlers.
export default function wrap(handler) {
  return async (ctx, next) => {
    try {
      await handler(ctx, next);
    } catch {
      ctx.status = 500;
      ctx.body = 'failed';
    }
  };
}
