/**
 * The command line: parses arguments, runs the pipeline, prints the reports.
 *
 * Exit codes — run: 0 done (changed or not; 1 with --exit-code when files changed),
 * 2 usage error or refusal (nothing written), 3 finished but some files could not be
 * processed. check: 0 no implicit redirect, 1 some remain (or, with --strict, some are left for review), 2 usage error, 3 some files could
 * not be checked. All: 70 internal error, 74 standard output could not be written or the system's
 * limits stopped the run (too many open files).
 */
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import type { ChangelogRequest } from './changelog/plan.js';
import { writeOutputFile } from './engine/atomicWrite.js';
import { GitUnavailableError } from './engine/gitCommand.js';
import { EXCLUDED_BY_DEFAULT, MissingPathError } from './engine/discover.js';
import { DEFAULT_FILE_BUDGET_MS } from './engine/fileBudget.js';
import { DEFAULT_MAX_FILE_SIZE } from './engine/generated.js';
import { BOUND_FROM_FILES, boundHeapGrowth } from './engine/heapGrowth.js';
import type { ConfigUsed, FileChange, RunOptions, RunResult } from './engine/run.js';
import type { ExcludeRule } from './engine/exclude.js';
import type { Selection } from './engine/selection.js';
import type { CheckFormat } from './reports/checkReport.js';
import { wantsColor } from './reports/color.js';
import { Progress } from './reports/progress.js';
import type { HunkNote } from './reports/unifiedDiff.js';
import { MODES, type Mode } from './site.js';
import { parseCommandLine, suggest, type Grammar } from './cliArgs.js';
import { TOOL } from './version.js';

/** 70 is sysexits' EX_SOFTWARE: an internal error stays apart from run's --exit-code and check's 1. */
export const EXIT = { ok: 0, changed: 1, implicitFound: 1, usage: 2, someFilesFailed: 3, internal: 70, ioError: 74, interrupted: 130 } as const;

const MODE_HELP = [
  'Choose a mode with --mode:',
  '  preserve  write 302 (code=302), the status these redirects send today: upgrading to Flask 3.2 / Werkzeug 3.2 changes nothing',
  '  adopt     write 303 (code=303), the new default of Flask 3.2 / Werkzeug 3.2: the code says what it will do after the upgrade',
  '  adopt-safe  write 303 where only GET, HEAD or POST reach the call (no client can tell), 302 elsewhere, and list those',
].join('\n');

export interface Io {
  stdout: NodeJS.WriteStream;
  stderr: NodeJS.WriteStream;
  cwd: string;
  env: NodeJS.ProcessEnv;
  /** For --interactive, which reads the answers from the terminal. */
  stdin?: NodeJS.ReadStream;
}

type Args = Record<string, unknown>;

export const GRAMMAR: Grammar = {
  program: 'redirect-codemod',
  version: TOOL.version,
  commands: [
    {
      name: 'run',
      positional: { key: 'paths', name: 'file or directory', required: true },
      usage: '[run] <paths..> --mode preserve|adopt|adopt-safe [options]',
      describe: 'rewrite implicit redirects under the given paths (the default command)',
      options: {
        mode: {
          type: 'string',
          choices: MODES,
          describe: 'preserve: write 302 (behaviour unchanged); adopt: write 303 (the new default); adopt-safe: 303 where only GET/HEAD/POST reach the call, else 302',
        },
        dry: { type: 'boolean', default: false, describe: 'write nothing; print the unified diff and the summary' },
        json: { type: 'string', value: 'FILE', describe: 'write the JSON report to FILE (- for stdout)' },
        patch: { type: 'string', value: 'FILE', describe: 'write every change as one unified diff (git apply) to FILE (- for stdout)' },
        'summary-md': { type: 'string', value: 'FILE', describe: 'write a Markdown summary, ready as a pull-request body, to FILE (- for stdout)' },
        'commit-message': { type: 'string', value: 'FILE', describe: 'write a ready commit message (subject and body) to FILE (- for stdout), for tools that commit themselves' },
        changelog: { type: 'string', value: 'FILE', valueOptional: true, describe: "add the changelog entry to FILE (default: find the project's changelog; --no-changelog to skip)" },
        'allow-dirty': { type: 'boolean', default: false, describe: 'write files even when they have uncommitted changes in git' },
        'force-mode': { type: 'boolean', default: false, describe: 'write even when the mode changes behaviour on the framework version the project runs (preserve on Flask >= 3.2)' },
        'exit-code': { type: 'boolean', default: false, describe: 'exit 1 when files changed (for pre-commit style use)' },
        interactive: { type: 'boolean', default: false, describe: 'show each rewrite (hunk, framework, methods, risk) and ask y/n/a/d/q as git add -p does; only what you accept is written (a terminal only)' },
        'update-tests': { type: 'boolean', default: true, describe: 'in adopt modes, rewrite 302 to 303 in test assertions tied to a redirect rewritten to 303 (--no-update-tests lists them)' },
      },
    },
    {
      name: 'check',
      positional: { key: 'paths', name: 'file or directory', required: true },
      usage: 'check <paths..> [--format text|json|github|sarif]',
      describe: 'report implicit redirects without changing anything; exit 1 when any remain',
      options: {
        format: { type: 'string', choices: ['text', 'json', 'github', 'sarif'], default: 'text', describe: 'output format' },
        strict: { type: 'boolean', default: false, describe: 'exit 1 also when calls are left for review (the tool could not prove them)' },
      },
    },
    {
      name: 'fleet',
      positional: { key: 'repositories', name: 'repository', required: false },
      usage: 'fleet --repos FILE | <repositories..> --mode preserve|adopt|adopt-safe [options]',
      describe: 'migrate many repositories, each on its own branch, with a report (local repositories are used in place, git URLs cloned into --workdir)',
      options: {
        repos: { type: 'string', value: 'FILE', describe: 'a file listing repositories, one per line (# comments)' },
        mode: { type: 'string', choices: MODES, describe: 'preserve, adopt or adopt-safe, as for run' },
        workdir: { type: 'string', value: 'DIR', describe: 'where clones and temporary worktrees live (default: ~/.cache/redirect-codemod/fleet)' },
        branch: { type: 'string', value: 'NAME', describe: 'the branch to commit on (default: redirect-codemod/<mode>)' },
        concurrency: { type: 'number', min: 1, integer: true, describe: 'repositories migrated at once (default: the number of cores)' },
        push: { type: 'boolean', default: false, describe: "push each changed branch to the repository's origin" },
        dry: { type: 'boolean', default: false, describe: 'no branch, commit or push; report what would change' },
        report: { type: 'string', value: 'FILE', describe: 'the JSON report, with a Markdown twin beside it (default: <workdir>/report.json)' },
        'retry-failed': { type: 'boolean', default: false, describe: 'run again only the repositories the previous report lists as failed, interrupted or not reached' },
        'force-mode': { type: 'boolean', default: false, describe: 'write even when the mode changes behaviour on the framework version a repository runs' },
      },
    },
  ],
  common: {
    types: { type: 'string', choices: ['on', 'off'], default: 'on', describe: "ask TypeScript's type checker (ts-morph) about receivers syntax cannot tie to a framework" },
    'max-file-size': { type: 'number', default: DEFAULT_MAX_FILE_SIZE, min: 1, integer: true, describe: 'skip candidate files larger than this many bytes (listed as skipped)' },
    'file-budget': { type: 'number', default: DEFAULT_FILE_BUDGET_MS / 1000, min: 0.001, value: 'SECONDS', describe: 'skip a file whose analysis takes longer than this (listed as taking too long)' },
    'include-minified': { type: 'boolean', default: false, describe: 'parse minified / bundled files too (skipped and listed by default)' },
    include: { type: 'strings', choices: EXCLUDED_BY_DEFAULT, describe: 'search these directories too, skipped by default: node_modules (dependencies), dist (build output)' },
    'follow-symlinks': { type: 'boolean', default: false, describe: 'read files through symbolic links and report their redirects (never written through)' },
    exclude: { type: 'strings', value: 'PATTERN', describe: "leave out files matching this gitignore pattern (relative to the working directory), besides the config's exclude" },
    'trust-package': {
      type: 'boolean',
      default: false,
      describe: "treat a function as its framework's handler on the package's word alone: the package depends on one server framework and the parameter has that framework's name and position",
    },
  },
  epilogue:
    'Makes every implicit redirect status explicit (Flask, Werkzeug, Quart, Express, Fastify, Koa, Hono, hapi, React Router, ...) before Flask 3.2 changes the default from 302 to 303.',
};

export async function main(argv: string[], io: Io): Promise<number> {
  const parsed = parseCommandLine(argv, GRAMMAR, Math.min(110, io.stdout.columns ?? 100));
  if (parsed.kind === 'error') {
    io.stderr.write(`redirect-codemod: ${parsed.message}\n\nRun redirect-codemod --help for the options.\n`);
    return EXIT.usage;
  }
  if (parsed.kind === 'help') {
    io.stdout.write(parsed.text);
    return EXIT.ok;
  }
  if (parsed.kind === 'version') {
    io.stdout.write(parsed.text);
    return EXIT.ok;
  }
  const { command, args } = parsed;
  // Collect a large run's garbage sooner (src/engine/heapGrowth.ts): its peak memory, not its
  // answers. A fleet at once; a run or check once it has BOUND_FROM_FILES files (execute).
  if (command === 'fleet') boundHeapGrowth();
  if (command === 'fleet') {
    // Loaded for this command only: a run or check does not pay for it at start.
    const { fleetCommand } = await import('./fleet/fleetCommand.js');
    const excludePatterns = (args.exclude as string[] | undefined) ?? [];
    const bad = (await import('./engine/exclude.js')).invalidPattern(excludePatterns);
    if (bad) {
      io.stderr.write(`redirect-codemod fleet: --exclude ${bad}: not a gitignore pattern\n`);
      return EXIT.usage;
    }
    // The options of every command reach each repository's run; --exclude is relative to each repository.
    const given = sizeOptions(args);
    return fleetCommand(
      {
        repositories: (args.repositories as string[] | undefined) ?? [],
        reposFile: args.repos as string | undefined,
        mode: args.mode as Mode | undefined,
        workdir: args.workdir as string | undefined,
        branch: args.branch as string | undefined,
        concurrency: args.concurrency as number | undefined,
        push: args.push === true,
        dry: wantsDry(args, io.env),
        report: args.report as string | undefined,
        retryFailed: args['retry-failed'] === true,
        types: args.types !== 'off',
        forceMode: args['force-mode'] === true,
        run: {
          trustPackage: given.trustPackage === true,
          maxFileSize: given.maxFileSize ?? DEFAULT_MAX_FILE_SIZE,
          fileBudgetMs: given.fileBudgetMs ?? DEFAULT_FILE_BUDGET_MS,
          includeMinified: given.includeMinified === true,
          followSymlinks: given.followSymlinks === true,
          include: [...(given.include ?? [])],
          exclude: excludePatterns,
        },
      },
      io,
    ).catch((error: unknown) => resourceFailure(error, io));
  }

  // run and check require at least one path: the grammar refuses a command line without one.
  const paths = args.paths as string[];
  const configured = await withProjectConfig(command, args, parsed.given, paths, io);
  if (typeof configured === 'number') return configured;
  // `redirect-codemod chek src` runs the default command on a path "chek": say what was meant.
  const meant = command === 'run' && !existsSync(path.resolve(io.cwd, paths[0]!)) ? suggest(paths[0]!, GRAMMAR.commands.map((c) => c.name)) : null;
  if (meant) {
    io.stderr.write(`redirect-codemod: ${paths[0]}: no such file or directory (did you mean the command ${meant}?)\n`);
    return EXIT.usage;
  }
  return command === 'check' ? check(args, paths, io) : rewrite(args, paths, io);
}

async function rewrite(args: Args, paths: string[], io: Io): Promise<number> {
  if (args.mode === undefined) {
    io.stderr.write(`redirect-codemod: --mode is required\n\n${MODE_HELP}\n`);
    return EXIT.usage;
  }
  const mode = args.mode as Mode;
  const dry = wantsDry(args, io.env);
  const changelog: ChangelogRequest =
    (args.changelog as unknown) === false ? { kind: 'none' } : typeof args.changelog === 'string' && args.changelog !== '' ? { kind: 'file', file: path.resolve(io.cwd, args.changelog) } : { kind: 'auto' };
  const outputs = {
    json: outputTarget(args.json),
    patch: outputTarget(args.patch),
    summaryMd: outputTarget(args['summary-md']),
    commitMessage: outputTarget(args['commit-message']),
  };
  const onStdout = Object.entries(outputs).filter(([, target]) => target === '-');
  if (onStdout.length > 1) {
    io.stderr.write(`redirect-codemod: only one of --json, --patch, --summary-md, --commit-message can write to stdout (-)\n`);
    return EXIT.usage;
  }
  const missing = Object.values(outputs).find((target) => target !== undefined && target !== '-' && !existsSync(path.dirname(path.resolve(io.cwd, target))));
  if (missing) {
    io.stderr.write(`redirect-codemod: ${missing}: its directory does not exist\n`);
    return EXIT.usage;
  }
  // With a report on stdout, the human-readable output moves to stderr.
  const human = onStdout.length > 0 ? io.stderr : io.stdout;
  const color = wantsColor(human, io.env);

  const options = { paths, mode, dry, allowDirty: args['allow-dirty'] === true, types: args.types !== 'off', forceMode: args['force-mode'] === true, updateTests: args['update-tests'] !== false, changelog, cwd: io.cwd, ...sizeOptions(args) };
  let selection: Selection | undefined;
  if (args.interactive === true) {
    const refused = !io.stdin?.isTTY || !io.stdout.isTTY ? '--interactive asks on a terminal, and standard input or output is not one; review with --dry, or run it in a terminal' : dry ? '--interactive writes what you accept and --dry writes nothing: give one of them' : onStdout.length > 0 ? '--interactive talks on standard output: write the reports to files' : null;
    if (refused) {
      io.stderr.write(`redirect-codemod: ${refused}\n`);
      return EXIT.usage;
    }
    // A dry run shows what would be written; the run that writes applies only what was accepted.
    const planned = await execute({ ...options, dry: true, changelog: { kind: 'none' } }, io);
    if (typeof planned === 'number') return planned;
    const { reviewSites } = await import('./interactive/review.js');
    const reviewed = await reviewSites(planned, { stdin: io.stdin!, stdout: io.stdout }, color);
    if (reviewed === 'aborted') {
      io.stderr.write('redirect-codemod: review interrupted; nothing was written\n');
      return EXIT.interrupted;
    }
    selection = reviewed;
  }
  const result = await execute({ ...options, ...(selection ? { selection } : {}) }, io);
  if (typeof result === 'number') return result;
  const { renderSummary, jsonReport, renderSummaryMarkdown, renderCommitMessage } = await loadReports();

  const changes = changesWithChangelog(result);
  // The diff library loads only when there is a diff to show or a patch to write.
  const diffs = changes.length > 0 && (dry || outputs.patch !== undefined) ? { ...(await import('./reports/unifiedDiff.js')), ...(await import('./reports/patchFile.js')) } : null;
  if (dry && diffs) {
    // Paths as git writes them, relative to the repository top (never `b/../../CHANGELOG.md`).
    const shown = changes.map((change) => ({ ...change, path: path.relative(result.top, change.file).split(path.sep).join('/') }));
    const rootPath = new Map(changes.map((change, i) => [shown[i]!.path, change.path]));
    const risky = riskyHunks(result);
    human.write(`${diffs.renderDiff(shown, color, (file, start, end) => risky(rootPath.get(file) ?? file, start, end))}\n`);
  }
  human.write(renderSummary(result, color));

  let exitCode: number = EXIT.ok;
  const reports: Array<[string | undefined, () => string]> = [
    [outputs.json, () => `${JSON.stringify(jsonReport(result), null, 2)}\n`],
    [outputs.patch, () => diffs?.renderPatch(result, changes) ?? ''],
    [outputs.summaryMd, () => renderSummaryMarkdown(result, reproduceCommand(paths, args, result, io.cwd))],
    [outputs.commitMessage, () => renderCommitMessage(result)],
  ];
  for (const [target, render] of reports) {
    if (target !== undefined && !(await writeOutput(target, render(), io))) exitCode = EXIT.someFilesFailed;
  }

  if (result.interrupted) return EXIT.interrupted;
  if (result.refusedDirty.length > 0 || result.modeWarning?.refused) return EXIT.usage;
  if (result.errors.length > 0) return EXIT.someFilesFailed;
  if (exitCode !== EXIT.ok) return exitCode;
  return args['exit-code'] === true && result.changes.length > 0 ? EXIT.changed : EXIT.ok;
}

async function check(args: Args, paths: string[], io: Io): Promise<number> {
  const format = args.format as CheckFormat;
  const result = await execute({ paths, mode: 'preserve', dry: true, allowDirty: true, types: args.types !== 'off', changelog: { kind: 'none' }, cwd: io.cwd, ...sizeOptions(args) }, io);
  if (typeof result === 'number') return result;
  const { implicitSites, renderCheckText, renderCheckGithub, renderCheckSarif, jsonReport } = await loadReports();
  const render = { text: renderCheckText, github: renderCheckGithub, sarif: renderCheckSarif, json: (r: RunResult) => `${JSON.stringify(jsonReport(r), null, 2)}\n` }[format];
  io.stdout.write(render(result));
  if (result.interrupted) return EXIT.interrupted;
  if (implicitSites(result).length > 0) return EXIT.implicitFound;
  if (args.strict === true && result.sites.some((site) => site.action === 'review')) return EXIT.implicitFound;
  return result.errors.length > 0 ? EXIT.someFilesFailed : EXIT.ok;
}

/**
 * Runs the pipeline with a progress bar on a terminal; an exit code when it could not run.
 * SIGINT / SIGTERM: the file being written is finished (writes are atomic), nothing more is
 * written, and the summary says what was done. A second signal stops at once.
 */
/** Whether a run has gone past its own signal handling (bin/redirect-codemod.js says so if a signal comes later). */
export const signalState = { ran: false };

async function execute(options: Omit<RunOptions, 'onProgress' | 'signal'>, io: Io): Promise<RunResult | number> {
  const progress = new Progress(io.stderr, io.env);
  const controller = new AbortController();
  const onSignal = () => {
    if (controller.signal.aborted) process.exit(EXIT.interrupted);
    progress.done();
    io.stderr.write('redirect-codemod: interrupted; finishing the file being written, then stopping\n');
    controller.abort();
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  try {
    const { runCodemod } = await import('./engine/run.js');
    const onProgress = (done: number, total: number, sites: number) => {
      if (total >= BOUND_FROM_FILES) boundHeapGrowth();
      progress.update(done, total, sites);
    };
    return await runCodemod({ ...options, signal: controller.signal, onProgress });
  } catch (error) {
    if (error instanceof MissingPathError) {
      io.stderr.write(`redirect-codemod: ${error.message}\n`);
      return EXIT.usage;
    }
    if (isResourceFailure(error)) return resourceFailure(error, io);
    io.stderr.write(`redirect-codemod: internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    return EXIT.internal;
  } finally {
    signalState.ran = true;
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    progress.done();
  }
}

/**
 * The engine and the reports load when a command runs, not at start: --help, --version and a
 * usage error do not compile them.
 */
async function loadReports() {
  const [check, json, summary, markdown, commit] = await Promise.all([
    import('./reports/checkReport.js'),
    import('./reports/jsonReport.js'),
    import('./reports/summary.js'),
    import('./reports/summaryMarkdown.js'),
    import('./reports/commitMessage.js'),
  ]);
  return { ...check, ...json, ...summary, ...markdown, ...commit };
}

/**
 * The project's config (src/config/projectConfig.ts) fills in what the command line leaves out:
 * mode, exclude, changelog, types, strict. Read whole before anything runs; an error is exit 2.
 * `--exclude` patterns add to the config's. Sets `exclude-rules` and `config-used` in args.
 */
async function withProjectConfig(command: string, args: Args, given: ReadonlySet<string>, paths: string[], io: Io): Promise<number | null> {
  const cliPatterns = (args.exclude as string[] | undefined) ?? [];
  const { invalidPattern } = await import('./engine/exclude.js');
  const bad = invalidPattern(cliPatterns);
  if (bad) {
    io.stderr.write(`redirect-codemod: --exclude ${bad}: not a gitignore pattern\n`);
    return EXIT.usage;
  }
  const rules: ExcludeRule[] = [{ base: io.cwd, patterns: cliPatterns }];
  args['exclude-rules'] = rules;
  const first = path.resolve(io.cwd, paths[0]!);
  if (!existsSync(first)) return null; // the run says which path is missing
  const { findConfig, ConfigError } = await import('./config/projectConfig.js');
  let found;
  try {
    found = findConfig(statSync(first).isDirectory() ? first : path.dirname(first), io.cwd);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    io.stderr.write(`redirect-codemod: config: ${error.message}\nNothing was read or written.\n`);
    return EXIT.usage;
  }
  if (!found) return null;
  const base = path.dirname(found.file);
  const applied: string[] = [];
  const set = (key: string, value: unknown) => {
    if (value === undefined || given.has(key)) return;
    args[key] = value;
    applied.push(key);
  };
  const { values } = found;
  if (command === 'run') set('mode', values.mode);
  if (command === 'run') set('changelog', values.changelog === undefined || values.changelog === false ? values.changelog : path.resolve(base, values.changelog));
  if (command === 'check') set('strict', values.strict);
  set('types', values.types);
  if (values.exclude && values.exclude.length > 0) {
    rules.push({ base, patterns: values.exclude });
    applied.push('exclude');
  }
  args['config-used'] = { file: path.relative(io.cwd, found.file) || found.file, section: found.section, applied } satisfies ConfigUsed;
  return null;
}

/** git could not start, or the process ran out of file descriptors: the system's limits, not a bug. */
function isResourceFailure(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  return error instanceof GitUnavailableError || code === 'EMFILE' || code === 'ENFILE';
}

/** 74 (sysexits' EX_IOERR) with one clear line; anything else is an internal error after all. */
function resourceFailure(error: unknown, io: Io): number {
  if (!isResourceFailure(error)) throw error;
  const code = (error as NodeJS.ErrnoException).code;
  const said = error instanceof GitUnavailableError ? error.message : `too many open files (${code}); raise the limit (ulimit -n)`;
  io.stderr.write(`redirect-codemod: ${said}; stopped before writing anything more\n`);
  return EXIT.ioError;
}

/** --dry, or the dry-run variables multi-gitter (DRY_RUN) and git-xargs (XARGS_DRY_RUN) set. */
function wantsDry(args: Args, env: NodeJS.ProcessEnv): boolean {
  return args.dry === true || env.DRY_RUN === 'true' || env.XARGS_DRY_RUN === 'true';
}

function sizeOptions(args: Args): Pick<RunOptions, 'maxFileSize' | 'includeMinified' | 'followSymlinks' | 'include' | 'trustPackage' | 'fileBudgetMs' | 'exclude' | 'config'> {
  return {
    exclude: (args['exclude-rules'] as ExcludeRule[] | undefined) ?? [],
    config: (args['config-used'] as ConfigUsed | undefined) ?? null,
    // The grammar refuses a size that is not a whole number of at least 1, and a budget that is not positive.
    maxFileSize: (args['max-file-size'] as number | undefined) ?? DEFAULT_MAX_FILE_SIZE,
    fileBudgetMs: ((args['file-budget'] as number | undefined) ?? DEFAULT_FILE_BUDGET_MS / 1000) * 1000,
    includeMinified: args['include-minified'] === true,
    followSymlinks: args['follow-symlinks'] === true,
    include: (args.include as string[] | undefined) ?? [],
    trustPackage: args['trust-package'] === true,
  };
}

function outputTarget(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

async function writeOutput(target: string, text: string, io: Io): Promise<boolean> {
  if (target === '-') {
    io.stdout.write(text);
    return true;
  }
  try {
    await writeOutputFile(target, Buffer.from(text, 'utf8'), io.cwd);
    return true;
  } catch (error) {
    io.stderr.write(`redirect-codemod: could not write ${target}: ${error instanceof Error ? error.message : String(error)}\n`);
    return false;
  }
}

/** The file changes plus the changelog's, as one list for the diff and the patch. */
function changesWithChangelog(result: RunResult): FileChange[] {
  const write = result.changelog?.write;
  return write ? [...result.changes, { file: write.file, path: write.shown, before: write.before, after: write.after }] : result.changes;
}

/** Marks the dry-run hunks whose rewrite a client could notice. */
function riskyHunks(result: RunResult): HunkNote {
  const byFile = new Map<string, RunResult['sites']>();
  for (const site of result.sites) {
    if (site.action === 'rewritten' && site.risk?.changesBehaviour) byFile.set(site.file, [...(byFile.get(site.file) ?? []), site]);
  }
  return (file, start, end) => {
    const risky = (byFile.get(file) ?? []).filter((s) => s.line >= start && s.line <= end);
    if (risky.length === 0) return null;
    const methods = [...new Set(risky.flatMap((s) => (s.risk!.methods === 'unknown' ? ['unknown methods'] : s.risk!.methods)))].join(', ');
    return `!! changes what clients see: ${methods} reach line ${risky.map((s) => s.line).join(', ')}`;
  };
}

/** The command that reproduces this run, for the pull-request summary. */
function reproduceCommand(paths: string[], args: Args, result: RunResult, cwd: string): string {
  const quote = (word: string) => (/^[\w./:=@-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`);
  const shown = paths.map((p) => path.relative(result.top, path.resolve(cwd, p)) || '.');
  const words = ['redirect-codemod', 'run', ...shown, '--mode', result.mode];
  if (args.types === 'off') words.push('--types', 'off');
  if (args['trust-package'] === true) words.push('--trust-package');
  if ((args.changelog as unknown) === false) words.push('--no-changelog');
  return words.map(quote).join(' ');
}
