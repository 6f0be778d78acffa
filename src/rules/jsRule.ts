/**
 * What a JavaScript / TypeScript framework rule declares: which resolved callee names are
 * its redirect, how its handlers receive the object that redirects (so a parameter can be
 * proven to be, say, an Express response), and how a matched call is read and rewritten.
 */
import type * as t from '@babel/types';
import type { PackageInfo } from '../js/packageInfo.js';
import type { JsScope, JsScopes } from '../js/scopes.js';
import type { SourceText } from '../js/edits.js';
import type { Framework, SiteEdit, SiteStatus } from '../site.js';

/** How a framework hands its request/response objects to handlers. */
export interface HandlerShape {
  /** Resolved names of objects whose methods register handlers (`express()`, `hono.Hono()`). */
  instances: RegExp[];
  /** The registering methods (`get`, `post`, ...). */
  methods: readonly string[];
  /** Handlers may sit in route objects: `X.route({ method, handler })`. */
  routeObjects?: boolean;
  /** Functions that take a handler and give it the context (`defineMiddleware(fn)`). */
  wrappers?: readonly string[];
  /** Exported functions with these names are handlers when the package depends on the framework. */
  exportedNames?: readonly string[];
  /**
   * Functions the framework calls with `this` bound to that object: hapi's
   * `server.decorate('toolkit', name, fn)` (`method`, `kind`), with the server proved as an
   * instance or as the first parameter of a plugin's `pluginKey` function (`register(server)`).
   */
  thisDecorations?: { method: string; kind: string; pluginKey: string };
  /** The handler parameter that redirects, and the name it resolves to. */
  param: number;
  type: string;
  /** Type annotations that prove a parameter is that object. */
  annotations: readonly string[];
  /** Function types (`RequestHandler`, `APIRoute`) that give the parameter its type. */
  functionAnnotations?: readonly string[];
  /** Package names that mean a project runs this framework. */
  packages: readonly string[];
  /**
   * Names handlers of this framework give that parameter. When only the package.json ties a
   * handler to the framework, a parameter with another name goes to review.
   */
  paramNames: readonly string[];
}

export interface JsCallContext {
  call: t.CallExpression | t.OptionalCallExpression;
  scope: JsScope;
  scopes: JsScopes;
  source: SourceText;
  pkg: PackageInfo;
  /** The status the mode writes. */
  status: number;
}

export type JsPlan =
  | { kind: 'explicit'; before: SiteStatus['before']; reason?: string }
  | { kind: 'review'; reason: string; before?: SiteStatus['before'] }
  | { kind: 'rewrite'; edit: SiteEdit; reason?: string };

export interface JsMatch {
  api: string;
  /** Methods chained between the receiver and `.redirect` (`res.status(303).redirect`). */
  chain: string[];
}

/**
 * What a file must spell for a rule to match a call in it. Every name a rule matches starts
 * at an import of one of `modules` (the specifier, as written in the file's import or
 * require), at one of `globals` (an undeclared name), or at a handler parameter its
 * `handler.packages` vouch for. The engine parses only files that show one (src/js/clues.ts).
 */
export interface JsClues {
  modules: readonly string[];
  globals?: readonly string[];
}

export interface JsRedirectRule {
  framework: Framework;
  clues: JsClues;
  handler?: HandlerShape;
  /** The API this resolved callee name is, or null when it is not this framework's redirect. */
  match(name: string, pkg: PackageInfo): JsMatch | null;
  plan(context: JsCallContext, match: JsMatch): JsPlan;
}

/** Splits `express.Response.status().set().redirect` into the chained method names. */
export function chainOf(name: string, receiver: string, method: string): string[] | null {
  if (!name.startsWith(`${receiver}.`) || !name.endsWith(`.${method}`)) return null;
  const middle = name.slice(receiver.length + 1, name.length - method.length - 1);
  if (middle === '') return [];
  const parts = middle.split('.');
  return parts.every((part) => /^\w+\(\)$/.test(part)) ? parts.map((part) => part.slice(0, -2)) : null;
}
