/**
 * The test-suite step: reads the test files' status assertions (pythonTests.ts, jsTests.ts),
 * ties each to the route its request reaches (pythonRoutes.ts, jsRoutes.ts), decides what
 * happens to it in this mode, and plans the literal replacements, verified like every edit.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { isPythonFile } from '../engine/discover.js';
import { parseJs } from '../js/parser.js';
import type { Language, Mode, Site } from '../site.js';
import { decodeUtf8 } from '../text/decode.js';
import { LineIndex } from '../text/lineIndex.js';
import { JsRouteTable, PARSED_KEPT, type JsModule, type JsRouteFacts } from './jsRoutes.js';
import { scanJsTests } from './jsTests.js';
import { applyLiteralEdits, isLiteralReplacementOnly, shiftPastInsertions } from './literalEdits.js';
import type { PythonModule } from './pythonRoutes.js';
import { scanPythonTests, type FoundAssertion } from './pythonTests.js';
import { isCatchAll, methodMatches, pathMatches, type Route } from './routes.js';
import { isTestFile } from './testFiles.js';
import type { FollowingTest, TestAssertion, TestRequest } from './types.js';

export interface TestFileInput {
  /** Absolute path. */
  file: string;
  /** Relative to the run's root. */
  shown: string;
  text: string;
  /** Read through a symbolic link: never written. */
  followed: boolean;
  /** Its scan, when the run already made it (on a worker thread while files were read); null: it does not parse. */
  scanned?: TestScan | null;
}

export interface PlanInput {
  root: string;
  mode: Mode;
  /** False with --no-update-tests: tied assertions are listed, not rewritten. */
  updateTests: boolean;
  /** The project runs Flask / Werkzeug 3.2 or later, where an implicit redirect sends 303. */
  flask32: boolean;
  sites: readonly Site[];
  /** The run's planned changes: a test file that also held a redirect is edited on top of its change. */
  changes: ReadonlyArray<{ file: string; path: string; before: string; after: string }>;
  testFiles: readonly TestFileInput[];
  /** Every file the run discovered (absolute): where blueprints are registered and routers mounted. */
  projectFiles: readonly string[];
  /** The analysis's route facts of JavaScript files with sites, by absolute path: those files are not parsed again where they hold. */
  jsRouteFacts?: ReadonlyMap<string, JsRouteFacts>;
}

export interface TestPlan {
  assertions: TestAssertion[];
  following: FollowingTest[];
  changes: Array<{ file: string; path: string; before: string; after: string }>;
  /** Test files the step could not process, and why: their assertions are not reported, nothing in them is changed. */
  errors: Array<{ file: string; message: string }>;
}

interface Scanned {
  input: TestFileInput;
  language: Language;
  assertions: FoundAssertion[];
  following: Array<{ offset: number; line: number; column: number; request: TestRequest }>;
}

export async function planTestUpdates(input: PlanInput): Promise<TestPlan> {
  const scanned: Scanned[] = [];
  const plan: TestPlan = { assertions: [], following: [], changes: [], errors: [] };
  const failed = (file: string, error: unknown) => plan.errors.push({ file, message: `test assertions not processed: ${error instanceof Error ? error.message : String(error)}` });
  for (const test of input.testFiles) {
    try {
      const found = test.scanned !== undefined ? test.scanned : await scanTestFile(test.text, test.file);
      if (found && (found.assertions.length > 0 || found.following.length > 0)) scanned.push({ input: test, language: isPythonFile(test.file) ? 'python' : 'js', ...found });
    } catch (error) {
      failed(test.shown, error);
    }
  }
  if (scanned.length === 0) return plan;

  let routes: Route[] = [];
  try {
    routes = await routeTable(input, new Set(scanned.map((s) => s.language)));
  } catch (error) {
    // Without routes nothing is tied: every assertion is listed, none is changed.
    failed(scanned[0]!.input.shown, new Error(`the route table could not be built (${error instanceof Error ? error.message : String(error)})`));
  }
  const sends = (site: Site) => statusAfterRun(site, input.flask32);
  for (const file of scanned) {
    try {
      await planFile(file);
    } catch (error) {
      failed(file.input.shown, error);
    }
  }
  return plan;

  async function planFile(file: Scanned): Promise<void> {
    const ofLanguage = routes.filter((route) => (route.language ?? route.sites[0]?.language) === file.language);
    const planned: TestAssertion[] = [];
    for (const found of file.assertions) {
      const base = { file: file.input.shown, line: found.line, column: found.column, language: file.language, text: found.text, expects: found.expects, request: found.request, tiedTo: [] as string[] };
      if (!found.request) {
        planned.push({ ...base, ...untied(input, found.noRequest ?? 'no request found in this test') });
        continue;
      }
      const tie = tieRequest(found.request, ofLanguage);
      if (tie.sites.length === 0) {
        planned.push({ ...base, ...untied(input, tie.why) });
        continue;
      }
      base.tiedTo = tie.sites.map((s) => `${s.file}:${s.line}`);
      const statuses = new Set(tie.sites.map(sends));
      const changed = tie.sites.some((s) => s.action === 'rewritten' && s.status.before === 'implicit' && s.status.after === 303);
      if (input.mode === 'preserve') {
        const flaskToday = input.flask32 && tie.sites.some((s) => s.language === 'python' && s.status.before === 'implicit');
        planned.push(
          flaskToday
            ? { ...base, action: 'listed', reason: `the project runs Flask/Werkzeug 3.2 or later: the implicit redirect at ${base.tiedTo.join(', ')} sends 303 today; this assertion of 302 holds only where the run writes code=302` }
            : { ...base, after: 302, action: 'unchanged' },
        );
        continue;
      }
      if (statuses.size === 1 && statuses.has(303) && changed) {
        if (file.input.followed) planned.push({ ...base, after: 303, action: 'listed', reason: 'read through a symbolic link (--follow-symlinks): never written; its redirect now sends 303' });
        else if (!input.updateTests) planned.push({ ...base, after: 303, action: 'listed', reason: `its redirect now sends 303 (--no-update-tests): change 302 to 303 here` });
        else planned.push({ ...base, after: 303, action: 'test-updated', edit: found.literals[0]! });
        continue;
      }
      if (statuses.size === 1 && statuses.has(302)) {
        planned.push({ ...base, after: 302, action: 'unchanged' });
        continue;
      }
      const each = tie.sites.map((s) => `${s.file}:${s.line} sends ${sends(s)}`).join(', ');
      planned.push({ ...base, action: 'listed', reason: `several redirects can answer ${describe(found.request)} and they do not send the same status (${each})` });
    }
    plan.assertions.push(...planned);

    for (const follow of file.following) {
      const tie = tieRequest(follow.request, ofLanguage);
      const base = { file: file.input.shown, line: follow.line, column: follow.column, language: file.language, request: follow.request, tiedTo: tie.sites.map((s) => `${s.file}:${s.line}`) };
      const to303 = tie.sites.filter((s) => (input.mode === 'preserve' ? input.flask32 && s.language === 'python' && s.status.before === 'implicit' : s.action === 'rewritten' && s.status.after === 303));
      if (to303.length > 0) {
        plan.following.push({ ...base, reason: `follows a redirect after a ${follow.request.method}, which now sends 303: every client follows a 303 with a GET, where after a 302 some repeat the ${follow.request.method}${file.language === 'python' ? " (Werkzeug 3.2's test client does)" : ''}` });
      } else if (tie.sites.length === 0 && input.mode !== 'preserve') {
        plan.following.push({ ...base, reason: `follows a redirect after a ${follow.request.method} on a route the tool could not tie (${tie.why}): if that redirect now sends 303, the follow-up request becomes a GET` });
      }
    }

    const edits = planned.filter((a) => a.action === 'test-updated').map((a) => a.edit!);
    if (edits.length === 0) return;
    const change = input.changes.find((c) => c.file === file.input.file);
    const before = change?.before ?? file.input.text;
    const current = change?.after ?? file.input.text;
    const insertions = input.sites.filter((s) => s.file === file.input.shown && s.edit).map((s) => s.edit!);
    const shifted = shiftPastInsertions(edits, insertions);
    const failure = await verify(current, shifted, file.input.file, file.assertions.length, planned.filter((a) => a.action === 'test-updated').length);
    if (failure) {
      for (const a of planned) {
        if (a.action !== 'test-updated') continue;
        a.action = 'listed';
        a.reason = `not edited: ${failure} (this is a bug in redirect-codemod; please report it)`;
        delete a.edit;
      }
      return;
    }
    plan.changes.push({ file: file.input.file, path: file.input.shown, before, after: applyLiteralEdits(current, shifted) });
  }
}

/** The status a site sends once the run is done: what it writes, what it names, or today's default. */
function statusAfterRun(site: Site, flask32: boolean): number | 'dynamic' {
  if (site.action === 'rewritten') return site.status.after!;
  if (typeof site.status.before === 'number') return site.status.before;
  if (site.status.before === 'dynamic') return 'dynamic';
  return flask32 && site.language === 'python' ? 303 : 302;
}

function untied(input: PlanInput, why: string): Pick<TestAssertion, 'action' | 'reason'> {
  // Preserve keeps 302 everywhere the tool writes; nothing to say unless Flask 3.2 already sends 303.
  if (input.mode === 'preserve' && !input.flask32) return { action: 'unchanged', reason: why };
  return { action: 'listed', reason: `not tied to a redirect: ${why}` };
}

function describe(request: TestRequest): string {
  return `${request.method} ${request.endpoint ? `url_for('${request.endpoint}')` : (request.path ?? '(a computed path)')}`;
}

/** The redirect sites a request reaches, or why none. */
function tieRequest(request: TestRequest, routes: readonly Route[]): { sites: Site[]; why: string } {
  if (request.method === 'unknown') return { sites: [], why: `the request's method is not a literal (${request.text})` };
  let matched: Route[];
  if (request.endpoint) matched = routes.filter((r) => r.endpoints.includes(request.endpoint!) && methodMatches(r.methods, request.method));
  else if (request.path !== null) {
    const reaching = routes.filter((r) => methodMatches(r.methods, request.method));
    matched = reaching.filter((r) => r.paths.some((p) => !isCatchAll(p) && pathMatches(p, request.path!)));
    // A catch-all rule (`/<path:p>`, `*`) answers only what no other rule does, and the table
    // holds only the handlers with redirects: a route without one may be the answer.
    const catchAll = reaching.filter((r) => r.paths.some((p) => isCatchAll(p) && pathMatches(p, request.path!)));
    if (matched.length === 0 && catchAll.length > 0) {
      return { sites: [], why: `only a catch-all route (${catchAll.flatMap((r) => r.paths.filter(isCatchAll)).join(', ')}) matches ${describe(request)}: a route without a redirect, a decorator or a hook may answer it` };
    }
  } else return { sites: [], why: `the request's path is not a literal (${request.text})` };
  // Hooks that run before every request can answer it as well as the route's handler, and so
  // can the handler's decorators (`@login_required`), found by name among the functions with redirects.
  const hooks = routes.filter((r) => r.hook);
  const decorators = new Set(matched.flatMap((r) => r.decorators ?? []));
  const viaDecorators = routes.filter((r) => r.defines && decorators.has(r.defines));
  const sites = [...new Set([...matched, ...hooks, ...viaDecorators].flatMap((r) => r.sites))];
  if (sites.length > 0) return { sites, why: '' };
  if (matched.length > 0) {
    const where = [...new Set(matched.flatMap((r) => (r.file ? [r.file] : [])))].join(', ');
    return { sites: [], why: `the route's handler${where ? ` (${where})` : ''} holds no redirect the tool found, nor do its decorators: the 302 comes from elsewhere` };
  }
  const unread = routes.filter((r) => r.unknownPath || r.hook).length;
  return { sites: [], why: `no redirect the tool found answers ${describe(request)}${unread > 0 ? ` (${unread} handler(s) with redirects have a route the tool could not read)` : ''}` };
}

/** A test file's status assertions and redirect-following requests. */
export type TestScan = Pick<Scanned, 'assertions' | 'following'>;

/** The scan of one test file, null when it does not parse (also run on a worker thread: plain data out). */
export async function scanTestFile(text: string, file: string): Promise<TestScan | null> {
  const lines = new LineIndex(text);
  if (isPythonFile(file)) {
    // Loaded for a Python test file only: a JavaScript project's run never loads tree-sitter.
    const { withPythonTree } = await import('../python/parser.js');
    return withPythonTree(text, (tree) => (tree.rootNode.hasError ? null : scanPythonTests(tree.rootNode, lines)));
  }
  const parsed = parseJs(text, file);
  return parsed.ok ? scanJsTests(parsed.ast, text, lines) : null;
}

/** The re-check: the output differs by the allowed replacements only, parses, and holds that many fewer 302 assertions. */
async function verify(text: string, edits: ReturnType<typeof shiftPastInsertions>, file: string, found: number, updated: number): Promise<string | null> {
  let output: string;
  try {
    output = applyLiteralEdits(text, edits);
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
  if (!isLiteralReplacementOnly(text, output, edits)) return 'the test rewrite changed more than the status literals';
  const after = await scanTestFile(output, file);
  if (!after) return 'the rewritten test file would not parse';
  if (after.assertions.length !== found - updated) return 'the rewritten test file still asserts 302 where it was rewritten';
  return null;
}

async function routeTable(input: PlanInput, languages: Set<Language>): Promise<Route[]> {
  const byFile = new Map<string, Site[]>();
  for (const site of input.sites) {
    if (!languages.has(site.language)) continue;
    const file = path.resolve(input.root, site.file);
    byFile.set(file, [...(byFile.get(file) ?? []), site]);
  }
  // By file, the first change of each (as a search of the list would find it).
  const changed = new Map<string, PlanInput['changes'][number]>();
  for (const change of input.changes) if (!changed.has(change.file)) changed.set(change.file, change);
  const textOf = (file: string): string | null => {
    const change = changed.get(file);
    if (change) return change.before;
    try {
      const decoded = decodeUtf8(readFileSync(file));
      return decoded.ok ? decoded.text : null;
    } catch {
      return null;
    }
  };
  const withSites = [...byFile].flatMap(([file, sites]) => {
    const text = textOf(file);
    return text === null ? [] : [{ file, text, sites }];
  });
  // Blueprints are registered and routers mounted within the project of the redirects: the same
  // top-level Python package, the same package.json. Only those files are read, and decoded
  // only when their bytes name a registration.
  const projects = (python: boolean) => new Set(withSites.filter((m) => isPythonFile(m.file) === python).map((m) => (python ? pythonProjectDir(m.file) : packageDir(m.file, input.root))));
  const project = (python: boolean, marks: readonly string[]) => {
    const dirs = [...projects(python)];
    return input.projectFiles
      .filter((f) => isPythonFile(f) === python && dirs.some((dir) => f.startsWith(dir + path.sep)) && !isTestFile(path.relative(input.root, f).split(path.sep).join('/')))
      .flatMap((file) => {
        const change = changed.get(file);
        if (change) return [{ file, text: change.before }];
        try {
          const bytes = readFileSync(file);
          if (!marks.some((mark) => bytes.includes(mark))) return [];
          const decoded = decodeUtf8(bytes);
          return decoded.ok ? [{ file, text: decoded.text }] : [];
        } catch {
          return [];
        }
      });
  };
  const routes: Route[] = [];
  const python = withSites.filter((m) => isPythonFile(m.file));
  const js = withSites.filter((m) => !isPythonFile(m.file));
  if (python.length > 0) {
    const { pythonRoutes } = await import('./pythonRoutes.js');
    routes.push(...(await pythonRoutes(python, project(true, ['register_blueprint']) as PythonModule[])));
  }
  if (js.length > 0) routes.push(...new JsRouteTable(project(false, ['.use(', '.route(', '.register(']) as JsModule[], PARSED_KEPT, input.jsRouteFacts).routes(js));
  return routes;
}

/** The directory holding a module's top-level package (the first directory up without __init__.py). */
function pythonProjectDir(file: string): string {
  let dir = path.dirname(file);
  while (existsSync(path.join(dir, '__init__.py')) && path.dirname(dir) !== dir) dir = path.dirname(dir);
  return dir;
}

/** The directory of the nearest package.json (the run's root when there is none below it). */
function packageDir(file: string, root: string): string {
  for (let dir = path.dirname(file); ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, 'package.json'))) return dir;
    if (dir === root || path.dirname(dir) === dir) return root;
  }
}
