/**
 * The one record every stage speaks: a redirect call site.
 * The finders produce sites, the engine applies their edits, and every report is a view over them.
 */

export type Mode = 'preserve' | 'adopt' | 'adopt-safe';

export const MODES: readonly Mode[] = ['preserve', 'adopt', 'adopt-safe'];

/**
 * The status each mode writes: preserve keeps today's 302, adopt writes Flask 3.2's new 303;
 * adopt-safe writes 303 only where no client can tell it from 302 (see `statusFor`).
 */
export const STATUS_FOR_MODE: Readonly<Record<Mode, number>> = {
  preserve: 302,
  adopt: 303,
  'adopt-safe': 303,
};

/**
 * Methods for which 302 and 303 look the same to every client: browsers, fetch and htmx turn
 * a POST into a GET on both (RFC 9110 §15.4); GET and HEAD stay as they are; OPTIONS is
 * answered by the frameworks themselves.
 */
export const SAFE_METHODS: ReadonlySet<string> = new Set(['GET', 'HEAD', 'POST', 'OPTIONS']);

/** The methods that can reach a site: HTTP method names, `ALL` for any method, or 'unknown'. */
export type Methods = string[] | 'unknown';

/** Whether a client could tell a 303 from a 302 here: PUT, PATCH, DELETE, custom, any or unknown methods. */
export function clientsCanTell(methods: Methods): boolean {
  return methods === 'unknown' || methods.some((method) => !SAFE_METHODS.has(method));
}

/** The status a mode writes at a site the given methods reach. */
export function statusFor(mode: Mode, methods: Methods): number {
  if (mode === 'adopt-safe') return clientsCanTell(methods) ? 302 : 303;
  return STATUS_FOR_MODE[mode];
}

export interface SiteRisk {
  methods: Methods;
  /** Whether the rewrite changes what a client sees, on the framework version the project runs. */
  changesBehaviour: boolean;
  /** Where the methods come from, or why they are unknown. */
  why: string;
}

export type Language = 'python' | 'js';

export type Framework =
  | 'flask'
  | 'werkzeug'
  | 'quart'
  | 'express'
  | 'fastify'
  | 'koa'
  | 'hono'
  | 'hapi'
  | 'react-router'
  | 'fetch'
  | 'nest'
  | 'h3'
  | 'elysia'
  | 'astro'
  /** A redirect-shaped call nothing ties to a framework: always `review` (see `LookAlike` for the proved look-alikes). */
  | 'unknown';

export type Action = 'rewritten' | 'explicit' | 'review';

/** How a site's reason says TypeScript's type checker decided it (and how reports count those). */
export const TYPE_CHECKER_PROOF = 'proved by type checker';

export interface SiteStatus {
  /** 'implicit' when the call names no status, a number for a literal, 'dynamic' for any other expression. */
  before: 'implicit' | number | 'dynamic';
  /** The status the call names after the rewrite (only for rewritten sites). */
  after?: number;
}

export interface SiteEdit {
  /** Offset in the decoded text (UTF-16 code units, BOM included) where the text is inserted. */
  offset: number;
  insert: string;
}

export interface Site {
  /** Path relative to the run's root, with forward slashes. */
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  language: Language;
  framework: Framework;
  api: string;
  status: SiteStatus;
  action: Action;
  reason?: string;
  risk?: SiteRisk;
  edit?: SiteEdit;
}

/**
 * A call shaped like a redirect (`x.redirect(...)`, `redirect(...)`, `sendRedirect`,
 * `redirectDocument`, `@Redirect`) that is proved not to be a framework redirect this tool
 * rewrites: a project function, Next.js, SvelteKit, Cypress, a browser API, a framework's
 * own source, or a file that imports no framework in a package that depends on none
 * (`parsed: false`: such files are counted by a token scan, never parsed).
 */
export interface LookAlike {
  file: string;
  line: number;
  column: number;
  /** The call as written, receiver and name (`helpers.redirect`, `navigate`). */
  api: string;
  reason: string;
  parsed: boolean;
}

/** A file the run could not process, and why. */
export interface FileError {
  file: string;
  message: string;
  line?: number;
}
