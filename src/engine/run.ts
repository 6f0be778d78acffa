/**
 * The pipeline: discover → prefilter → decode → transform (parse, find sites, plan,
 * verify) → refuse dirty files → write atomically → changelog. Every report is a view
 * over the `RunResult` this returns.
 */
import { mkdir, realpath } from 'node:fs/promises';
import { closeSync, constants, existsSync, fstatSync, openSync, readSync, type Stats } from 'node:fs';
import path from 'node:path';
import { planChangelog, type ChangelogPlan, type ChangelogRequest } from '../changelog/plan.js';
import { mayHoldJsSites } from '../js/clues.js';
import { mayHoldPythonSites } from '../python/clues.js';
import { PROJECT_BUDGET_MS, type TypeCheckerStats } from '../js/typeChecker.js';
import { Analyser } from './analyseFile.js';
import { DEFAULT_FILE_BUDGET_MS, JobStream, Yielder, type Candidate } from './analyseAll.js';
import type { FilePool } from './filePool.js';
import { clientsCanTell, STATUS_FOR_MODE, type FileError, type LookAlike, type Mode, type Site, type SiteEdit } from '../site.js';
import { redirectShapedCalls } from '../js/redirectShapedCalls.js';
import { isFrameworkPackage, noFrameworkReason, serverFrameworksOf } from '../js/unmatchedCalls.js';
import { FRAMEWORK_PACKAGES, readProjectVersions, runsAtLeast, type ProjectVersions } from '../versions/manifests.js';
import { decodeUtf8, encodeUtf8 } from '../text/decode.js';
import { createFileAtomic, writeFileAtomic } from './atomicWrite.js';
import { discoverFiles, isPythonFile, relativeToRoot } from './discover.js';
import { excluder, type ExcludeRule } from './exclude.js';
import { applySelection, type Selection } from './selection.js';
import { DEFAULT_MAX_FILE_SIZE, skipReason } from './generated.js';
import { directoriesUp, isWithin } from './paths.js';
import { workTreeRoot, workTreeState } from './git.js';
import { isTestFile, mayCheckRedirects, mayCheckRedirectsWithoutEdirect } from '../testsuite/testFiles.js';
import type { FollowingTest, TestAssertion } from '../testsuite/types.js';
import type { JsTransformed } from '../js/transformJs.js';

/** An export statement or a CommonJS export, as text: a library file exporting nothing registers nothing elsewhere. */
const EXPORTS = /\bexport\b|\bmodule\.exports\b|\bexports\.\w/;

export interface RunOptions {
  paths: readonly string[];
  mode: Mode;
  dry: boolean;
  allowDirty: boolean;
  /** Ask TypeScript's type checker about receivers syntax cannot tie to a framework. */
  types: boolean;
  /** Rewrite handlers the package alone vouches for (--trust-package; src/js/handlers.ts). */
  trustPackage?: boolean;
  /** Write even when the mode would change behaviour on the framework version the project runs. */
  forceMode?: boolean;
  changelog: ChangelogRequest;
  cwd: string;
  /** Candidate files larger than this are skipped (bytes). */
  maxFileSize?: number;
  /** Parse minified / bundled files too. */
  includeMinified?: boolean;
  /** Read files through symbolic links (never written through). */
  followSymlinks?: boolean;
  /** Directory names excluded by default (node_modules, dist) to search anyway. */
  include?: readonly string[];
  /** A file whose analysis takes longer is skipped and listed as taking too long (milliseconds). */
  fileBudgetMs?: number;
  /** Files left out by gitignore patterns (--exclude, the config's exclude; src/engine/exclude.ts). */
  exclude?: readonly ExcludeRule[];
  /** --interactive: only the sites the user accepted are written (src/engine/selection.ts). */
  selection?: Selection;
  /** The project config the command line's defaults came from, for the reports (src/config/). */
  config?: ConfigUsed | null;
  /** Aborted by SIGINT/SIGTERM: the file being written is finished, nothing more is written. */
  signal?: AbortSignal;
  /** False (--no-update-tests): test assertions tied to a rewritten redirect are listed, not rewritten. */
  updateTests?: boolean;
  /** Called after each file: files done, files in all, sites found so far. */
  onProgress?: (done: number, total: number, sites: number) => void;
}

/** A project config that was applied: where, and the settings it gave (those the command line did not). */
export interface ConfigUsed {
  /** Relative to the working directory. */
  file: string;
  /** `[tool.redirect-codemod]` in pyproject.toml, `"redirect-codemod"` in package.json, '' for redirect-codemod.config.json. */
  section: string;
  applied: string[];
}

export interface FileChange {
  /** Absolute path. */
  file: string;
  /** Path for reports, relative to the root. */
  path: string;
  before: string;
  after: string;
  /** The insertions that turn `before` into `after`, when known: diffs are built from them per hunk. */
  edits?: SiteEdit[];
}

export interface RunResult {
  root: string;
  /** The repository's top directory (the root outside a repository): patches and annotations are relative to it. */
  top: string;
  mode: Mode;
  dry: boolean;
  filesScanned: number;
  changes: FileChange[];
  sites: Site[];
  /** Redirect-shaped calls proved not to be framework redirects (and those counted in files never parsed). */
  notFramework: LookAlike[];
  errors: FileError[];
  changelog: ChangelogPlan | null;
  /** What the type checker did, when it was on. */
  typeChecker: TypeCheckerStats | null;
  /** Framework versions the project declares and locks, and manifest warnings. */
  versions: ProjectVersions;
  /** Set when the mode would change behaviour on the installed framework; without --force-mode nothing was written. */
  modeWarning: { message: string; refused: boolean } | null;
  /** Set when a signal stopped the run; what was written is in `changes`, the rest is for review. */
  interrupted: boolean;
  /** Candidate files not parsed, and why (too large, minified). */
  skipped: Array<{ file: string; reason: string }>;
  /** Build-output directories not searched (dist/), relative to the root; --include dist searches them. */
  excludedDirectories: string[];
  /** Files left out by --exclude / the config's exclude patterns, relative to the root. */
  excludedByPattern: string[];
  config: ConfigUsed | null;
  /** Files that would have been written but hold uncommitted changes; when set, nothing was written. */
  refusedDirty: Array<{ path: string; why: string }>;
  /** Status assertions of 302 in test files, tied to the redirects they check (src/testsuite/). */
  tests: TestAssertion[];
  /** Tests that follow a redirect after a PUT, PATCH or DELETE whose redirect now sends 303. */
  followingTests: FollowingTest[];
  /** Whether the root lies in a git work tree (where a rewrite can be reviewed and undone). */
  inGitWorkTree: boolean;
}

/** The run refused to write (dirty files, or the mode would change behaviour without --force-mode). */
export function refusedToWrite(result: Pick<RunResult, 'refusedDirty' | 'modeWarning'>): boolean {
  return result.refusedDirty.length > 0 || result.modeWarning?.refused === true;
}

/** Whether the run's changes exist only as a plan: a dry run, or a refused one. */
export function nothingWritten(result: Pick<RunResult, 'dry' | 'refusedDirty' | 'modeWarning'>): boolean {
  return result.dry || refusedToWrite(result);
}

/**
 * Cheap text scan: every form of the call spells "redirect" or "Redirect" (`sendRedirect`,
 * `@Redirect`) somewhere in the file.
 */
export const PREFILTER = Buffer.from('edirect');

interface FileRead {
  stats: Stats;
  bytes: Buffer;
  /** A test file that passed only the test step's scan (302, follow_redirects): not a redirect candidate. */
  testsOnly: boolean;
}

/** Reused for every read: most files fail the prefilter, and then nothing is allocated for them. */
let scratch = Buffer.allocUnsafe(1 << 20);
const SCRATCH_KEPT = 8 << 20;

/**
 * Reads a file with its stats through one descriptor, or null when the prefilter rules it out.
 * O_NOFOLLOW: a file swapped for a symbolic link since discovery is refused, not followed.
 * Synchronous on purpose: for many small files it costs a fraction of the promise-based calls
 * (no thread-pool round trip per call), and the parser waits for the bytes anyway. The file
 * is read into a reused buffer and copied out only when it passes. Most files do not pass, so
 * their stats are never asked: for one that does, the stats are taken and the file is read
 * again from its start (an edit after that point shows at write time), and checked after.
 */
function readCandidate(file: string, follow: boolean, parseAll: boolean, testFile: boolean): FileRead | null {
  const fd = openSync(file, follow ? constants.O_RDONLY : constants.O_RDONLY | constants.O_NOFOLLOW);
  try {
    const passing = (bytes: Buffer) => {
      const passes = parseAll || bytes.indexOf(PREFILTER) !== -1;
      return { passes, testsOnly: !passes && testFile && mayCheckRedirectsWithoutEdirect(bytes) };
    };
    if (!parseAll) {
      const first = passing(readAll(fd, null));
      if (!first.passes && !first.testsOnly) return null;
    }
    const before = fstatSync(fd);
    const bytes = readAll(fd, 0);
    const { passes, testsOnly } = passing(bytes);
    if ((passes || testsOnly) && !sameFile(fstatSync(fd), before)) throw new Error('changed while it was being read; not processed');
    return passes || testsOnly ? { stats: before, bytes: Buffer.from(bytes), testsOnly } : null;
  } finally {
    closeSync(fd);
    if (scratch.length > SCRATCH_KEPT) scratch = Buffer.allocUnsafe(1 << 20);
  }
}

/** The file's bytes from `position` (null: where the descriptor stands) to its end, in the reused buffer. */
function readAll(fd: number, position: number | null): Buffer {
  let length = 0;
  for (;;) {
    if (length === scratch.length) {
      const larger = Buffer.allocUnsafe(scratch.length * 2);
      scratch.copy(larger);
      scratch = larger;
    }
    const read = readSync(fd, scratch, length, scratch.length - length, position === null ? null : position + length);
    if (read === 0) break;
    length += read;
  }
  return scratch.subarray(0, length);
}

function sameFile(a: Stats, b: Stats): boolean {
  return a.size === b.size && a.mtimeMs === b.mtimeMs && a.ctimeMs === b.ctimeMs;
}

export async function runCodemod(options: RunOptions): Promise<RunResult> {
  const discovered = await discoverFiles(options.paths, options.cwd, { followSymlinks: options.followSymlinks === true, include: options.include ?? [] });
  const { root, followed, excluded, linksNotFollowed } = discovered;
  const isExcluded = excluder(options.exclude ?? []);
  const files = discovered.files.filter((file) => !isExcluded(file));
  const workTree = await workTreeRoot(root);
  const top = workTree ?? root;
  const result: RunResult = {
    root,
    top,
    mode: options.mode,
    dry: options.dry,
    filesScanned: files.length,
    changes: [],
    sites: [],
    notFramework: [],
    errors: [],
    changelog: null,
    typeChecker: null,
    versions: { packages: [], warnings: [] },
    modeWarning: null,
    interrupted: false,
    skipped: [],
    excludedDirectories: excluded.map((dir) => relativeToRoot(root, dir)),
    excludedByPattern: discovered.files.filter(isExcluded).map((file) => relativeToRoot(root, file)),
    config: options.config ?? null,
    refusedDirty: [],
    tests: [],
    followingTests: [],
    inGitWorkTree: workTree !== null,
  };
  for (const link of linksNotFollowed) {
    result.skipped.push({ file: relativeToRoot(root, link), reason: 'a symbolic link (or below one): not followed; --follow-symlinks reads it for review, never writes through it' });
  }
  const readStats = new Map<string, Stats>();
  // For the test that compares the fast path with parsing every file: no prefilter, no clues.
  const parseAll = process.env.REDIRECT_CODEMOD_PARSE_ALL === '1';

  // The parsers load on the first file of their language; ts-morph on the type checker's first question.
  const analyser = new Analyser(top, typeBudget());
  const packages = analyser.packages;
  const js = () => analyser.jsKit();
  const python = () => analyser.pythonKit();
  const typesFor = (file: string, text: string) => (options.types ? analyser.typesFor(file, text) : null);
  /** Files whose exported handlers' methods stayed unknown: followed across files below (with the first pass's result). */
  const unresolved = new Map<string, { text: string; names: Set<string>; first: unknown }>();
  /** The JavaScript files the first pass parsed: the cross-file pass reads their registrations instead of parsing them again. */
  const parsedJs = new Map<string, { text: string; registrations: NonNullable<JsTransformed['registrations']>; calls?: JsTransformed['calls'] }>();
  /**
   * Files of a library package (its package.json lists no server framework) that export a
   * function with a redirect-shaped call: not parsed by the prefilter, but an app package that
   * imports and registers them can prove them (below, after the other files).
   */
  const libraries = new Map<string, { text: string; stats: Stats; job: number }>();
  /** Test files that may assert a redirect status: tied to the redirects once all are known (scanned as jobs). */
  const testFiles: Array<{ file: string; shown: string; text: string; followed: boolean; job: number }> = [];
  /** What the test step's route table needs from the JavaScript files with sites, taken from their first parse. */
  const jsRouteFacts = new Map<string, NonNullable<JsTransformed['routeFacts']>>();
  let jsTestSeen = false;
  let pool: FilePool | null = null;
  const budgetMs = options.fileBudgetMs ?? DEFAULT_FILE_BUDGET_MS;
  // The candidates' analysis and the test files' scans, started as the files are read (on a
  // worker thread too, once there is enough of them and if a core is free). Results keep the files' order.
  const stream = new JobStream(analyser, { top, budgetMs, typeBudgetMs: typeBudget(), onDone: (done, sites) => options.onProgress?.(files.length - candidates.length + done, files.length, sites) }, 2 * files.length);
  const stopped = () => {
    // Stopped while reading: nothing has been written, and nothing will be.
    void stream.close();
    result.interrupted = true;
    for (const change of [...result.changes]) unwritten(result, change, 'the run was interrupted before this file was written');
    result.changelog = null;
    return result;
  };
  const yielder = new Yielder();

  // A package.json a Dockerfile copies beside code that has none of its own (src/js/imageManifests.ts).
  await packages.loadImageLayouts();
  // 1. Read and prefilter every file (cheap): what is left is the parse work.
  const candidates: Candidate[] = [];
  /** In file order: what the prefilter decided, or the index of the candidate to analyse. */
  const order: Array<{ file: string; skipped?: string; error?: FileError; crashed?: string; notFramework?: LookAlike[] } | number> = [];
  for (const [index, file] of files.entries()) {
    if (yielder.due() ? await yielder.stopped(options.signal) : options.signal?.aborted === true) return stopped();
    const shown = relativeToRoot(root, file);
    try {
      // Fault injection for the tests: a crash in one file must not stop the others.
      if (process.env.REDIRECT_CODEMOD_INJECT_CRASH && shown === process.env.REDIRECT_CODEMOD_INJECT_CRASH) throw new Error('injected crash');
      const testFile = isTestFile(shown);
      const read = readCandidate(file, followed.has(file), parseAll, testFile);
      if (read === null) continue;
      const skip = skipReason(read.bytes, options.maxFileSize ?? DEFAULT_MAX_FILE_SIZE, options.includeMinified === true);
      if (skip) {
        order.push({ file: shown, skipped: skip });
        continue;
      }
      const decoded = decodeUtf8(read.bytes);
      if (!decoded.ok) {
        order.push({ file: shown, error: { file: shown, message: decoded.message, line: decoded.line } });
        continue;
      }
      if (testFile && (read.testsOnly || mayCheckRedirects(read.bytes))) {
        testFiles.push({ file, shown, text: decoded.text, followed: followed.has(file), job: stream.add({ kind: 'scan', file, shown, text: decoded.text }) });
        jsTestSeen ||= !isPythonFile(file);
        readStats.set(file, read.stats);
      }
      if (read.testsOnly) continue;
      const python = isPythonFile(file);
      // No import of a framework's package: no rule can match, so no parse.
      if (python && !parseAll && !mayHoldPythonSites(decoded.text)) continue;
      if (!python) {
        const pkg = packages.forFile(file);
        // No framework import, global or dependency in sight: no rule can match, so no parse.
        // (With installed types, a project module may re-export a framework's redirect: the checker decides.)
        if (!parseAll && !typesFor(file, decoded.text)?.answers && !mayHoldJsSites(decoded.text, pkg)) {
          // Not parsed, yet its redirect-shaped calls are listed: nothing is missed in silence.
          const reason = noFrameworkReason(pkg);
          const calls = redirectShapedCalls(decoded.text).map((call) => ({ file: shown, line: call.line, column: call.column, api: call.api, reason, parsed: false }));
          if (calls.length > 0) order.push({ file: shown, notFramework: calls });
          if (calls.length > 0 && !followed.has(file) && serverFrameworksOf(pkg).length === 0 && !isFrameworkPackage(pkg) && EXPORTS.test(decoded.text)) {
            const task = { file, shown, text: decoded.text, python: false, mode: options.mode, types: false, trustPackage: options.trustPackage === true };
            libraries.set(file, { text: decoded.text, stats: read.stats, job: stream.add({ kind: 'analyse', task, library: true }) });
          }
          continue;
        }
      }
      order.push(candidates.length);
      // (Route facts as below, for a file a worker may take before the read ends.)
      const task = { file, shown, text: decoded.text, python, mode: options.mode, types: options.types, trustPackage: options.trustPackage === true, ...(jsTestSeen && !python ? { routeFacts: true } : {}) };
      candidates.push({ task, stats: read.stats, job: stream.add({ kind: 'analyse', task }) });
    } catch (error) {
      order.push({ file: shown, crashed: describe(error) });
    } finally {
      options.onProgress?.(index + 1 - candidates.length + stream.analysed, files.length, stream.sites);
    }
  }

  // The test step ties JavaScript tests to routes: the files with sites hand back their route
  // facts from the analysis's parse, so that step need not parse them again. (A file a worker
  // took before the first JavaScript test file was read has none: the test step parses it.)
  if (testFiles.some((test) => !isPythonFile(test.file))) for (const { task } of candidates) if (!task.python) task.routeFacts = true;
  // 2. Finish the jobs: here and on the worker if one started (or starts now, for many
  // candidates); large files go to a worker, where the per-file budget holds.
  if (!(await stream.finish(candidates.length, options.signal, yielder))) return stopped();
  pool = stream.pool;
  /** The cross-file pass's second look at a file: on the workers when there are workers. */
  const redoTask = async (file: string, text: string, registeredElsewhere: ReadonlyMap<string, never>): Promise<Redone | null> => {
    if (!pool) return null;
    const python = isPythonFile(file);
    const outcome = await pool.run({ file, shown: relativeToRoot(root, file), text, python, mode: options.mode, types: options.types, trustPackage: options.trustPackage === true, registeredElsewhere });
    if (outcome.kind === 'unavailable') return null;
    return outcome.kind === 'done' ? outcome.outcome : { ok: false };
  };

  // 3. Gather, in file order.
  for (const entry of order) {
    if (typeof entry !== 'number') {
      if (entry.skipped) result.skipped.push({ file: entry.file, reason: entry.skipped });
      if (entry.error) result.errors.push(entry.error);
      if (entry.crashed) result.errors.push({ file: entry.file, message: `could not be processed: ${entry.crashed}` });
      if (entry.notFramework) result.notFramework.push(...entry.notFramework);
      continue;
    }
    const { task, stats, job } = candidates[entry]!;
    const { file, shown, text } = task;
    const outcome = stream.result(job)!;
    if (outcome.kind === 'too-long') {
      result.skipped.push({ file: shown, reason: `took too long: more than ${budgetMs / 1000} s to analyse; not edited (--file-budget SECONDS to allow more)` });
      continue;
    }
    if (outcome.kind !== 'done') {
      result.errors.push({ file: shown, message: `could not be processed: ${outcome.kind === 'failed' ? outcome.message : 'stopped'}` });
      continue;
    }
    const transformed = outcome.outcome;
    if (!transformed.ok) {
      result.errors.push({ file: shown, message: transformed.message, ...(transformed.line ? { line: transformed.line } : {}) });
      continue;
    }
    if ('lookAlikes' in transformed) result.notFramework.push(...(transformed.lookAlikes as LookAlike[]));
    if ('routeFacts' in transformed && transformed.routeFacts) jsRouteFacts.set(file, transformed.routeFacts);
    if ('registrations' in transformed && transformed.registrations) parsedJs.set(file, { text, registrations: transformed.registrations, ...('calls' in transformed && transformed.calls ? { calls: transformed.calls } : {}) });
    if (followed.has(file)) {
      // Read through a symbolic link on request: reported, never written through.
      for (const site of transformed.sites) {
        if (site.action !== 'rewritten') continue;
        site.action = 'review';
        site.reason = 'read through a symbolic link (--follow-symlinks): the tool never writes through one; rewrite the target itself';
        delete site.edit;
        delete site.status.after;
      }
      result.sites.push(...transformed.sites);
      continue;
    }
    result.sites.push(...transformed.sites);
    if (transformed.output !== text) {
      result.changes.push({ file, path: shown, before: text, after: transformed.output, edits: editsOf(transformed.sites) });
    }
    readStats.set(file, stats);
    if (transformed.unknownHandlers.length > 0) unresolved.set(file, { text, names: new Set(transformed.unknownHandlers), first: transformed });
  }

  if (options.signal?.aborted) return stopped();
  if (libraries.size > 0) {
    // Parsed for their exported handlers' names (as jobs, beside the candidates): a registration in an importing package decides them.
    for (const [file, { text, stats, job }] of libraries) {
      const outcome = stream.result(job);
      const first =
        outcome?.kind === 'done'
          ? (outcome.outcome as JsTransformed)
          : await (await js()).transformJs(text, relativeToRoot(root, file), options.mode, { pkg: packages.forFile(file), types: null, trustPackage: options.trustPackage === true });
      if (!first.ok || first.unknownHandlers.length === 0) continue;
      unresolved.set(file, { text, names: new Set(first.unknownHandlers), first });
      readStats.set(file, stats);
    }
  }
  const unresolvedPython = new Map([...unresolved].filter(([file]) => isPythonFile(file)));
  const unresolvedJs = new Map([...unresolved].filter(([file]) => !isPythonFile(file)));
  // Registrations live in the same project as their handlers: the same package.json for
  // JavaScript, the same top-level Python package. Only those files are searched.
  const within = (dirs: Set<string>) => (file: string) => [...dirs].some((dir) => isWithin(file, dir));
  if (unresolvedPython.size > 0) {
    const kit = await python();
    const pythonFiles = files.filter(isPythonFile).filter(within(new Set([...unresolvedPython.keys()].map(pythonProjectDir))));
    await followHandlersAcrossFiles(
      result,
      unresolvedPython,
      (wanted) => kit.pythonRegistrationsElsewhere(wanted, pythonFiles),
      async (file, text, registeredElsewhere) => (await redoTask(file, text, registeredElsewhere as never)) ?? kit.transformPython(text, relativeToRoot(root, file), options.mode, registeredElsewhere),
    );
  }
  if (unresolvedJs.size > 0) {
    const kit = await js();
    // A package that depends on one server framework registers its own handlers; a library
    // (none, or several) whose calls are left unproved may be registered by the packages that
    // import it: for those files the whole run is searched.
    const projects = new Set(
      [...unresolvedJs].map(([file, { first }]) => {
        const pkg = packages.forFile(file);
        const unproved = libraries.has(file) || ((first as JsTransformed).sites ?? []).some((site) => site.action === 'review');
        return serverFrameworksOf(pkg).length === 1 || !unproved ? path.dirname(pkg.file ?? path.join(root, 'package.json')) : root;
      }),
    );
    const jsFiles = files.filter((file) => !isPythonFile(file)).filter(within(projects));
    const resolver = new kit.ModuleResolver(top);
    await followHandlersAcrossFiles(
      result,
      unresolvedJs,
      (wanted) => kit.followedElsewhere(wanted, jsFiles, parsedJs, (file) => packages.forFile(file), resolver),
      async (file, text, registeredElsewhere) =>
        // Most second looks need no parse: the first pass's sites, with the methods found elsewhere.
        kit.withRegistrations(unresolvedJs.get(file)!.first as JsTransformed, registeredElsewhere, options.mode) ??
        (await redoTask(file, text, registeredElsewhere as never)) ??
        kit.transformJs(text, relativeToRoot(root, file), options.mode, { pkg: packages.forFile(file), types: typesFor(file, text), registeredElsewhere, trustPackage: options.trustPackage === true }),
    );
  }
  if (pool) {
    analyser.addWorkerStats(pool.typeStats());
    // Not awaited: stopping a worker takes a few milliseconds of the main thread, and an idle worker keeps nothing alive.
    void pool.close();
  }
  result.typeChecker = analyser.typeStats();
  // The analysis is done with the candidates' texts and first results (the changes hold their
  // own): released before the test step, whose garbage V8 collects against what stays alive.
  candidates.length = 0;
  stream.releaseAnalyses();
  for (const held of [parsedJs, unresolved, unresolvedJs, unresolvedPython, libraries]) held.clear();
  if (options.signal?.aborted) return stopped();
  const versions = readProjectVersions(directoriesUp(root, top), top);
  const frameworks = new Set(result.sites.map((site) => site.framework));
  // Report the frameworks this run found calls of (Werkzeug too when Flask is there: it carries the default).
  if (frameworks.has('flask')) frameworks.add('werkzeug');
  // A Quart app's app.redirect is Flask's: the installed Flask decides its default.
  if (frameworks.has('quart')) frameworks.add('flask');
  result.versions = { warnings: versions.warnings, packages: versions.packages.filter((p) => frameworks.has(FRAMEWORK_PACKAGES[p.name]!)) };
  // Before risks, tests and the changelog: they describe only what is written.
  if (options.selection) applySelection(result, options.selection);
  settleRisk(result);
  if (testFiles.length > 0) {
    // Loaded only for a run that found test files asserting 302 or following redirects.
    const { planTestUpdates } = await import('../testsuite/plan.js');
    const flask32 = runsAtLeast(result.versions, 'flask', '3.2') || runsAtLeast(result.versions, 'werkzeug', '3.2');
    const scanned = (job: number) => {
      const outcome = stream.result(job);
      return outcome?.kind === 'scanned' ? { scanned: outcome.scanned } : {};
    };
    const planned = await planTestUpdates({ root, mode: options.mode, updateTests: options.updateTests !== false, flask32, sites: result.sites, changes: result.changes, testFiles: testFiles.map((test) => ({ ...test, ...scanned(test.job) })), projectFiles: files, jsRouteFacts });
    result.tests = planned.assertions;
    result.followingTests = planned.following;
    result.errors.push(...planned.errors);
    for (const change of planned.changes) result.changes = [...result.changes.filter((c) => c.file !== change.file), change];
  }
  const packageNames = [...new Set(result.changes.flatMap((change) => packages.forFile(change.file).name ?? []))];
  const testsUpdated = result.tests.filter((test) => test.action === 'test-updated').length;
  // What an earlier, interrupted run wrote without its changelog entry: the entry describes the files as they are.
  const earlier = options.changelog.kind === 'none' ? [] : await explicitSinceLastCommit(result);
  result.changelog = await planChangelog(options.changelog, options.mode, [...result.sites, ...earlier], root, top, packageNames, testsUpdated);
  if (result.modeWarning && !options.forceMode && !options.dry) result.modeWarning.refused = true;
  if (options.dry) return result;
  if (result.modeWarning?.refused) return refused(result);

  const toWrite = result.changes.map((change) => change.file);
  if (result.changelog?.write?.stats) toWrite.push(result.changelog.write.file);
  if (!options.allowDirty) {
    result.refusedDirty = await uncommitted(toWrite, root);
    if (result.refusedDirty.length > 0) return refused(result);
  }

  for (const change of [...result.changes]) {
    if (options.signal?.aborted) {
      result.interrupted = true;
      unwritten(result, change, 'the run was interrupted before this file was written');
      continue;
    }
    try {
      await writeFileAtomic(change.file, encodeUtf8(change.after), readStats.get(change.file)!, root);
    } catch (error) {
      result.errors.push({ file: change.path, message: `${describe(error)}` });
      unwritten(result, change, `the file could not be written (${describe(error)})`);
    }
  }
  if (result.interrupted) {
    if (result.changelog) result.changelog = { entry: result.changelog.entry, note: 'the run was interrupted; the changelog was not updated (the next run adds the entry for what was written)' };
    return result;
  }
  // The entry counts what was written: a file refused or failed above is not in it.
  if (result.changelog?.write) {
    const writtenPackages = [...new Set(result.changes.flatMap((change) => packages.forFile(change.file).name ?? []))];
    result.changelog = await planChangelog(options.changelog, options.mode, [...result.sites, ...earlier], root, top, writtenPackages, testsUpdated);
  }
  await writeChangelog(result, root, top, options.changelog.kind === 'file', earlier.length);
  return result;
}

/**
 * Sites an earlier run made explicit whose changelog entry it never wrote (it was stopped
 * between its last source write and the changelog): explicit with the mode's status, in files
 * with uncommitted changes. Counted as rewritten for the entry only, so that a rerun completes
 * a missing entry; once committed, an explicit status is the project's own.
 */
async function explicitSinceLastCommit(result: RunResult): Promise<Site[]> {
  if (!result.inGitWorkTree) return [];
  const status = STATUS_FOR_MODE[result.mode];
  const ours = (site: Site) => site.action === 'explicit' && (result.mode === 'adopt-safe' ? site.status.before === 302 || site.status.before === 303 : site.status.before === status);
  const candidates = result.sites.filter(ours);
  if (candidates.length === 0) return [];
  const state = await workTreeState(result.top);
  if (!state) return [];
  return candidates
    .filter((site) => {
      const file = path.resolve(result.root, site.file);
      return state.changed.has(file) && state.tracked.has(file);
    })
    .map((site) => ({ ...site, action: 'rewritten' as const, status: { before: 'implicit' as const, after: site.status.before as number } }));
}

/** The type checker's time per project; REDIRECT_CODEMOD_TYPE_BUDGET_MS lets the tests spend it at once. */
function typeBudget(): number {
  const set = Number(process.env.REDIRECT_CODEMOD_TYPE_BUDGET_MS);
  return process.env.REDIRECT_CODEMOD_TYPE_BUDGET_MS !== undefined && Number.isFinite(set) && set >= 0 ? set : PROJECT_BUDGET_MS;
}

/** Nothing is written: the changelog note says what would have been added, not that it was. */
function refused(result: RunResult): RunResult {
  const plan = result.changelog;
  if (plan?.write) plan.note = `the entry would be added to ${plan.write.shown}; nothing was written`;
  return result;
}

/** A change that was not written: its sites are still implicit, so they go to review. */
function unwritten(result: RunResult, change: FileChange, why: string): void {
  result.changes.splice(result.changes.indexOf(change), 1);
  for (const test of result.tests) {
    if (test.file === change.path && test.action === 'test-updated') Object.assign(test, { action: 'listed', reason: `${why}; the assertion still expects 302` });
  }
  for (const site of result.sites) {
    if (site.file === change.path && site.action === 'rewritten') {
      site.action = 'review';
      site.reason = `${why}; the call is still implicit`;
      delete site.edit;
      delete site.status.after;
    }
  }
}

async function writeChangelog(result: RunResult, root: string, top: string, namedByUser: boolean, earlier: number): Promise<void> {
  const plan = result.changelog;
  if (!plan?.write) return;
  const rewritten = result.sites.filter((site) => site.action === 'rewritten');
  if (rewritten.length + earlier === 0) {
    result.changelog = null;
    return;
  }
  const { file, after, stats } = plan.write;
  try {
    if (stats) {
      await writeFileAtomic(file, encodeUtf8(after), stats, isWithin(file, top) ? top : path.dirname(file));
    } else {
      // A fragment directory comes from the repository's configuration: it must stay inside it.
      if (!namedByUser && !(await insideDirectory(file, top))) throw new Error(`${file} lies outside ${top}`);
      await mkdir(path.dirname(file), { recursive: true });
      await createFileAtomic(file, encodeUtf8(after));
    }
  } catch (error) {
    plan.note = `${relativeToRoot(root, file)} could not be written (${describe(error)}); add this entry by hand`;
    delete plan.write;
  }
}

/** Whether `file` (which may not exist yet) resolves, symbolic links included, to a place inside `dir`. */
async function insideDirectory(file: string, dir: string): Promise<boolean> {
  let ancestor = path.dirname(path.resolve(file));
  const rest = [path.basename(file)];
  let real: string | null = null;
  while (real === null) {
    try {
      real = await realpath(ancestor);
    } catch {
      if (path.dirname(ancestor) === ancestor) return false;
      rest.unshift(path.basename(ancestor));
      ancestor = path.dirname(ancestor);
    }
  }
  const realDir = await realpath(dir);
  const target = path.join(real, ...rest);
  return target !== realDir && isWithin(target, realDir);
}

/** The files among `files` that git could not give back: modified, staged, or not tracked at all. */
async function uncommitted(files: string[], root: string): Promise<Array<{ path: string; why: string }>> {
  const refused: Array<{ path: string; why: string }> = [];
  const states = new Map<string, Awaited<ReturnType<typeof workTreeState>>>();
  const tops = new Map<string, string | null>();
  for (const file of files) {
    const dir = path.dirname(file);
    if (!tops.has(dir)) tops.set(dir, await workTreeRoot(dir));
    const top = tops.get(dir);
    if (!top) continue;
    if (!states.has(top)) states.set(top, await workTreeState(top));
    const state = states.get(top);
    if (!state) continue;
    const shown = relativeToRoot(root, file);
    if (state.changed.has(file) && state.tracked.has(file)) refused.push({ path: shown, why: 'has uncommitted changes' });
    else if (!state.tracked.has(file)) refused.push({ path: shown, why: 'is not committed to git' });
  }
  return refused;
}

/**
 * Handlers registered in another file: finds the registrations of the exported handlers whose
 * methods stayed unknown, and redoes those files with what was found, so that risk and
 * adopt-safe's choice see the methods.
 */
async function followHandlersAcrossFiles<M>(
  result: RunResult,
  unresolved: ReadonlyMap<string, { text: string; names: Set<string> }>,
  find: (wanted: Map<string, Set<string>>) => Promise<Map<string, Map<string, M>>>,
  redo: (file: string, text: string, registeredElsewhere: ReadonlyMap<string, M>) => Promise<Redone> | Redone,
): Promise<void> {
  const wanted = new Map([...unresolved].map(([file, { names }]) => [file, names]));
  const found = [...(await find(wanted))];
  // Every second look at once (the workers take them side by side), then applied in one pass.
  const redone = await Promise.all(found.map(([file, registrations]) => redo(file, unresolved.get(file)!.text, registrations)));
  const replaced = new Map<string, Extract<Redone, { ok: true }>>();
  for (const [i, [file]] of found.entries()) {
    const again = redone[i]!;
    if (again.ok) replaced.set(relativeToRoot(result.root, file), again);
  }
  if (replaced.size === 0) return;
  result.sites = [...result.sites.filter((site) => !replaced.has(site.file)), ...[...replaced.values()].flatMap((again) => again.sites)].sort(
    (a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column,
  );
  result.changes = result.changes.filter((change) => !replaced.has(change.path));
  for (const [file] of found) {
    const shown = relativeToRoot(result.root, file);
    const again = replaced.get(shown);
    if (!again) continue;
    if (again.lookAlikes) result.notFramework = [...result.notFramework.filter((call) => call.file !== shown), ...again.lookAlikes];
    const { text } = unresolved.get(file)!;
    if (again.output !== text) result.changes.push({ file, path: shown, before: text, after: again.output, edits: editsOf(again.sites) });
  }
}

function editsOf(sites: readonly Site[]): SiteEdit[] {
  return sites.flatMap((site) => (site.edit ? [site.edit] : []));
}

type Redone = { ok: true; sites: Site[]; output: string; lookAlikes?: LookAlike[] } | { ok: false };

/** The directory holding a module's top-level package (the first directory up without __init__.py). */
function pythonProjectDir(file: string): string {
  let dir = path.dirname(file);
  while (existsSync(path.join(dir, '__init__.py')) && path.dirname(dir) !== dir) dir = path.dirname(dir);
  return dir;
}

/** Flask's `redirect`, `Flask.redirect` and `current_app.redirect` (and Quart's app method) follow the installed Flask. */
function followsFlask(site: Site): boolean {
  return site.framework === 'flask' || (site.framework === 'quart' && site.api !== 'quart.redirect');
}

/**
 * Whether each rewrite changes what a client sees: the status it wrote differs from the one
 * the installed framework sends today, and a method that tells 302 from 303 can reach it.
 */
function settleRisk(result: RunResult): void {
  // Per API: werkzeug.utils.redirect follows the installed Werkzeug (Flask 3.2 may run on
  // Werkzeug 3.1); flask.redirect and a Quart app's inherited app.redirect follow Flask.
  const flask32 = runsAtLeast(result.versions, 'flask', '3.2');
  const werkzeug32 = runsAtLeast(result.versions, 'werkzeug', '3.2');
  const todayDefault = (site: Site) => ((followsFlask(site) && flask32) || (site.framework === 'werkzeug' && werkzeug32) ? 303 : 302);
  for (const site of result.sites) {
    if (!site.risk) continue;
    site.risk.changesBehaviour = site.action === 'rewritten' && site.status.after !== todayDefault(site) && clientsCanTell(site.risk.methods);
  }
  const flaskRewrites = result.sites.filter((site) => site.action === 'rewritten' && site.language === 'python' && todayDefault(site) === 303 && site.status.after === 302);
  if (flaskRewrites.length > 0) {
    result.modeWarning = {
      message:
        `the project already runs Flask/Werkzeug 3.2 or later, where redirect() sends 303: writing 302 at ${flaskRewrites.length} site(s) ` +
        `CHANGES behaviour (${flaskRewrites.filter((s) => s.risk?.changesBehaviour).length} of them reachable by PUT, PATCH, DELETE or unknown methods). ` +
        `Use --mode adopt to keep today's behaviour, or --force-mode to write 302 anyway.`,
      refused: false,
    };
  }
}

/** A path relative to the repository top, with forward slashes: what git, GitHub and SARIF expect. */
export function topRelative(result: Pick<RunResult, 'root' | 'top'>, file: string): string {
  return path.relative(result.top, path.resolve(result.root, file)).split(path.sep).join('/');
}

function describe(error: unknown): string {
  if (error instanceof Error) return (error as NodeJS.ErrnoException).code ? `${(error as NodeJS.ErrnoException).code}: ${error.message}` : error.message;
  return String(error);
}
