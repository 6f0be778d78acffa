import type { APIRoute } from 'astro';
import { defineMiddleware } from 'astro:middleware';

export const GET: APIRoute = ({ redirect }) => redirect('/new', 302);

export async function POST(context) {
  return context.redirect('/thanks', 302);
}

export const onRequest = defineMiddleware((context, next) => {
  if (!context.locals.user) return context.redirect('/login', 307);
  return next();
});
