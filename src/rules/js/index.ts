/**
 * The JavaScript / TypeScript registry. Next.js (`NextResponse.redirect` is 307,
 * `next/navigation` has no status) and SvelteKit (the status is required) have no rule
 * on purpose: their calls never match, so they are never rewritten.
 */
import type { HandlerShape, JsRedirectRule } from '../jsRule.js';
import { astroRule } from './astro.js';
import { elysiaRule } from './elysia.js';
import { expressRule } from './express.js';
import { fastifyRule } from './fastify.js';
import { fetchResponseRule } from './fetchResponse.js';
import { h3Rule } from './h3.js';
import { hapiRule } from './hapi.js';
import { honoRule } from './hono.js';
import { koaRule } from './koa.js';
import { nestRule } from './nest.js';
import { reactRouterRule } from './reactRouter.js';

export const JS_RULES: readonly JsRedirectRule[] = [
  expressRule,
  fastifyRule,
  koaRule,
  honoRule,
  hapiRule,
  elysiaRule,
  astroRule,
  reactRouterRule,
  fetchResponseRule,
  nestRule,
  h3Rule,
];

export const HANDLER_SHAPES: readonly HandlerShape[] = JS_RULES.flatMap((rule) => (rule.handler ? [rule.handler] : []));
