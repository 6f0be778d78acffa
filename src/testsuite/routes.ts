/**
 * The route table the tests are tied against: for each redirect the run found, the paths
 * (with blueprints' and routers' prefixes), the endpoint names and the methods (the risk
 * analysis's) of the handler it answers.
 */
import type { Language, Methods, Site } from '../site.js';

export interface Route {
  /** Full paths as the framework matches them (`/auth/logout`, `/post/<int:id>`, `/users/:id`). */
  paths: string[];
  /** Flask endpoints (`auth.logout`), for `url_for`. */
  endpoints: string[];
  methods: Methods;
  /** The redirects this route's handler holds. */
  sites: Site[];
  /** Set when the path could not be read (a variable, a mount the tool cannot follow). */
  unknownPath?: string;
  /** A hook that runs before every request (`@app.before_request`): its redirects can answer any route. */
  hook?: string;
  /** The names of the handler's other decorators (`@login_required`): their redirects answer this route too. */
  decorators?: string[];
  /** The function holding these redirects, when it is no handler (a decorator, a helper): by name. */
  defines?: string;
  /** Where the handler is, for the reasons: `shop/views.py`. */
  file?: string;
  /** Set on the routes of handlers without a redirect of their own (the others' sites say it). */
  language?: Language;
}

/** The offset of a site's 1-based line and column (columns count code points). */
export function offsetOf(text: string, line: number, column: number): number {
  return offsetsOf(text, [{ line, column }])[0]!;
}

/** offsetOf() of several positions in one text, its line breaks found once (the same breaks: `\r\n`, `\r`, `\n`). */
export function offsetsOf(text: string, positions: ReadonlyArray<{ line: number; column: number }>): number[] {
  let last = 1;
  for (const { line } of positions) if (line > last) last = line;
  const starts = [0];
  if (last > 1) {
    for (const found of text.matchAll(/\r\n|\r|\n/g)) {
      starts.push(found.index + found[0].length);
      if (starts.length >= last) break;
    }
  }
  return positions.map(({ line, column }) => {
    if (line - 1 >= starts.length) return text.length;
    let offset = starts[Math.max(0, line - 1)]!;
    for (let c = 1; c < column && offset < text.length; c++) {
      const code = text.charCodeAt(offset);
      offset += code >= 0xd800 && code <= 0xdbff ? 2 : 1;
    }
    return offset;
  });
}

/**
 * Joins a prefix and a rule the way Flask and Express do: one slash between them. `mounted`:
 * a router's `/` answers its mount path itself (Express, Hono, Fastify); a blueprint's `/`
 * under `/auth` is `/auth/` (Flask).
 */
export function joinPath(prefix: string, rule: string, mounted = false): string {
  if (!prefix) return rule;
  if (mounted && (rule === '/' || rule === '')) return prefix.length > 1 ? prefix.replace(/\/+$/, '') : prefix;
  if (!rule || rule === '/') return prefix.endsWith('/') || rule === '' ? prefix : `${prefix.replace(/\/+$/, '')}/`;
  return `${prefix.replace(/\/+$/, '')}/${rule.replace(/^\/+/, '')}`;
}

/**
 * Whether a request path (`*` stands for an interpolated part) can reach a route's path.
 * Route parameters (`<int:id>`, `:id`, `{id}`) match one segment; `<path:p>`, `*` and `(.*)` any rest.
 */
export function pathMatches(route: string, request: string): boolean {
  const requested = request.split(/[?#]/)[0]!;
  const want = requested.split('/');
  const have = route.split('/');
  for (let i = 0; i < have.length; i++) {
    const part = have[i]!;
    if (/^<path:[^>]+>$/.test(part) || part === '*' || /^:\w+\*$/.test(part) || part === '(.*)') return want.length > i;
    if (i >= want.length) return false;
    const got = want[i]!;
    if (/^(<[^>]+>|:\w+\??|\{\w+\})$/.test(part)) {
      if (got === '' && !part.endsWith('?')) return false;
      continue;
    }
    if (got === '*' || got === part) continue;
    if (got.includes('*')) {
      const pattern = new RegExp(`^${got.split('*').map((s) => s.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`);
      if (pattern.test(part)) continue;
    }
    return false;
  }
  return want.length === have.length;
}

/** A rule that matches any rest of a path: `/<path:p>`, `/*`, `/:p*`, `(.*)`. */
export function isCatchAll(route: string): boolean {
  return route.split('/').some((part) => /^<path:[^>]+>$/.test(part) || part === '*' || /^:\w+\*$/.test(part) || part === '(.*)');
}

/** Whether the methods a route answers include the request's (unknown methods: it may). */
export function methodMatches(methods: Methods, method: string): boolean {
  if (methods === 'unknown' || method === 'unknown') return true;
  return methods.includes('ALL') || methods.includes(method) || (method === 'HEAD' && methods.includes('GET'));
}
