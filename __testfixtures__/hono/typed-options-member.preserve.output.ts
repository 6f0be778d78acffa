// Shared helpers that take the Hono context inside an options object.
import type { Context } from 'hono';

type FinishOptions = {
  c: Context;
  next: string;
};

interface FailOptions {
  c: Context;
  code: string;
}

export const finishSignIn = async (options: FinishOptions) => {
  const { c, next } = options;
  if (!next.startsWith('/')) return c.redirect('/', 302);
  return c.redirect(next, 302);
};

export const failSignIn = (options: FailOptions) => options.c.redirect(`/signin?error=${options.code}`, 302);

// A member typed with something that is not the framework's: not proved by its type.
type Other = { c: { redirect(to: string): void } };
export const other = ({ c }: Other) => c.redirect('/elsewhere');
