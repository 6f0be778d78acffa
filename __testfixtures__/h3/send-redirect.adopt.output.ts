import { defineEventHandler, sendRedirect } from 'h3';

export default defineEventHandler((event) => {
  return sendRedirect(event, '/login', 303);
});

export const moved = defineEventHandler((event) => sendRedirect(event, '/new', 301));
