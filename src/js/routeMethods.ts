/**
 * Which HTTP methods can reach a JavaScript / TypeScript redirect: the method its handler is
 * registered with (`app.put`, `router.route(p).delete`, `fastify.route({ method })`,
 * `server.route({ method })`, Hono's `on('PURGE', ...)`), NestJS's `@Get()`/`@Post()`...,
 * React Router's `loader` (GET) and `action` (the mutations), Astro's exported method names.
 * `all`, `use` and middleware mean every method.
 */
import path from 'node:path';
import type * as t from '@babel/types';
import type { Methods } from '../site.js';
import { exportedNameOf, routeObjectAround, type HandlerTyper } from './handlers.js';
import { isFunctionNode, propertyKeyName, type FunctionNode, type JsScopes } from './scopes.js';

export interface MethodsFound {
  methods: Methods;
  why: string;
  /** When unknown: the exported name of the handler, whose registration may be in another file. */
  handler?: string;
  /** An exported helper no file registers: what its callers in other files pass it (src/js/crossFileCallers.ts). */
  calledWith?: CalledWith;
  /** Registrations in other files (src/js/crossFileRegistrations.ts): the framework each ties the handler to. */
  frameworks?: FrameworkFound[];
}

/** A framework a registration in another file ties a handler to, and how it was found. */
export interface FrameworkFound {
  /** The handler shape's type (`express.Response`). */
  type: string;
  /** The framework's package (`express`). */
  framework: string;
  /** `registration`: the router's own framework; `package`: the registering file's package depends on that framework alone. */
  proof: 'registration' | 'package';
  why: string;
}

export interface CalledWith {
  /** Per parameter position, the framework object every caller passes there, or null. */
  types: Array<string | null>;
  /** The files the calls are in (base names). */
  files: string[];
  /** Why no position is proved whatever the calls pass (a caller the tool cannot read). */
  refused?: string;
}

const VERBS: Record<string, string> = { get: 'GET', post: 'POST', put: 'PUT', patch: 'PATCH', delete: 'DELETE', del: 'DELETE', head: 'HEAD', options: 'OPTIONS' };
const EVERY = new Set(['all', 'use']);

/** The methods a registering method name stands for (`put` → PUT, `all`/`use` → ALL), or null. */
export function methodsOfRegistration(method: string): string[] | null {
  if (VERBS[method]) return [VERBS[method]!];
  return EVERY.has(method) ? ['ALL'] : null;
}
const NEST_DECORATORS: Record<string, string> = { Get: 'GET', Post: 'POST', Put: 'PUT', Patch: 'PATCH', Delete: 'DELETE', Head: 'HEAD', Options: 'OPTIONS', All: 'ALL' };
const ENDPOINT_NAMES = new Set(['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS', 'ALL']);

/**
 * `registeredElsewhere`: what other files register this file's exported handlers with
 * (src/js/crossFileRegistrations.ts), by export name.
 */
export function methodsReaching(call: t.Node, file: string, scopes: JsScopes, typer: HandlerTyper, registeredElsewhere?: ReadonlyMap<string, MethodsFound>): MethodsFound {
  // A decorator call (`@Redirect()`) belongs to the method it decorates.
  let node: t.Node | undefined = call;
  let exported: string | null = null;
  for (;;) {
    const parent = scopes.parentOf(node);
    if (!parent) break;
    if (parent.type === 'Decorator') {
      const owner = scopes.parentOf(parent);
      if (owner && isFunctionNode(owner)) return fromFunction(owner, file, scopes, typer) ?? { methods: 'unknown', why: 'the decorated method has no route decorator' };
    }
    if (isFunctionNode(parent)) {
      const found = fromFunction(parent, file, scopes, typer);
      if (found) return found;
      exported ??= exportedNameOf(parent, scopes);
    }
    node = parent;
  }
  // A default export is imported under any name: it cannot be looked for by name.
  if (exported !== null && exported !== 'default') {
    const elsewhere = registeredElsewhere?.get(exported);
    if (elsewhere) return elsewhere;
    return { methods: 'unknown', why: `${exported} is exported, and no file among those scanned registers it`, handler: exported };
  }
  return { methods: 'unknown', why: 'no route registration for this handler in the file' };
}

function fromFunction(fn: FunctionNode, file: string, scopes: JsScopes, typer: HandlerTyper): MethodsFound | null {
  const nest = fromNestDecorators(fn, scopes);
  if (nest) return nest;

  const registration = typer.registrationOf(fn, scopes);
  if (registration) {
    const { method, routeObject, call } = registration;
    if (routeObject) {
      const declared = routeObjectMethods(routeObject);
      if (declared) return declared;
    }
    const methods = methodsOfRegistration(method);
    if (methods) return { methods, why: `registered with .${method}()${methods[0] === 'ALL' ? ': every method reaches it' : ''}` };
    if (method === 'on') {
      const listed = stringsOf(call.arguments[0]);
      if (listed) return { methods: listed.map((m) => m.toUpperCase()), why: 'registered with .on()' };
    }
  }

  const route = registration ? null : routeObjectAround(fn, scopes);
  const declared = route && routeObjectMethods(route);
  if (declared) return declared;

  const exported = exportedNameOf(fn, scopes);
  if (exported === 'loader') return { methods: ['GET', 'HEAD'], why: 'a loader answers GET' };
  if (exported === 'action') return { methods: ['POST', 'PUT', 'PATCH', 'DELETE'], why: 'an action answers form submissions: their method is not known here' };
  if (exported && ENDPOINT_NAMES.has(exported)) return { methods: [exported], why: `an exported ${exported} endpoint` };
  if (exported === 'onRequest') return { methods: ['ALL'], why: 'middleware runs for every method' };

  // Nuxt names a server route's method in its file name: `login.post.ts`.
  const suffix = /\.(get|post|put|patch|delete|head|options)\.[cm]?[jt]sx?$/.exec(path.basename(file));
  if (suffix && registrationIsDefault(fn, scopes)) return { methods: [suffix[1]!.toUpperCase()], why: 'the server route file name' };
  return null;
}

function fromNestDecorators(fn: FunctionNode, scopes: JsScopes): MethodsFound | null {
  if (fn.type !== 'ClassMethod') return null;
  const methods: string[] = [];
  for (const decorator of fn.decorators ?? []) {
    const expression = decorator.expression;
    if (expression.type !== 'CallExpression') continue;
    const resolved = scopes.resolve(expression.callee, scopes.scopeOf(decorator));
    const name = resolved?.name.startsWith('@nestjs/common.') ? resolved.name.slice('@nestjs/common.'.length) : null;
    if (name && NEST_DECORATORS[name]) methods.push(NEST_DECORATORS[name]!);
  }
  return methods.length > 0 ? { methods, why: 'NestJS route decorator' } : null;
}

/** The `method` of a route object (`{ method: ['GET', 'POST'], handler }`; `'*'` is every method). */
export function routeObjectMethods(route: t.ObjectExpression): MethodsFound | null {
  for (const property of route.properties) {
    if (property.type !== 'ObjectProperty' || property.computed) continue;
    const key = propertyKeyName(property);
    if (key !== 'method') continue;
    const listed = stringsOf(property.value);
    if (!listed) return { methods: 'unknown', why: 'the route\'s method is not a literal' };
    const methods = listed.map((m) => (m === '*' ? 'ALL' : m.toUpperCase()));
    return { methods, why: 'the route object\'s method' };
  }
  return null;
}

function stringsOf(node: t.Node | undefined): string[] | null {
  if (node?.type === 'StringLiteral') return [node.value];
  if (node?.type === 'ArrayExpression' && node.elements.every((e) => e?.type === 'StringLiteral')) return node.elements.map((e) => (e as t.StringLiteral).value);
  return null;
}

/** `export default defineEventHandler(fn)`: the file's one handler. */
function registrationIsDefault(fn: FunctionNode, scopes: JsScopes): boolean {
  const wrapper = scopes.parentOf(fn);
  const holder = wrapper && scopes.parentOf(wrapper);
  return holder?.type === 'ExportDefaultDeclaration' || scopes.parentOf(fn)?.type === 'ExportDefaultDeclaration';
}

