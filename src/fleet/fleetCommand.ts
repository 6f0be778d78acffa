/**
 * The `fleet` command's front: checks the arguments, builds the list (or reads the earlier
 * report for --retry-failed), runs the fleet, prints a line per repository and the totals.
 *
 * Exit codes: 0 every repository finished (changed, unchanged or review-only, every file
 * processed); 2 usage error; 3 some repository failed, was skipped, or has files the engine
 * could not process; 130 interrupted.
 */
import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { availableParallelism, homedir } from 'node:os';
import path from 'node:path';
import type { Mode } from '../site.js';
import type { FleetRunOptions } from './engineTask.js';
import { markdownTwin, readFleetReport, type FleetReport, type RepoReport } from './fleetReport.js';
import { gitCommand } from '../engine/gitCommand.js';
import { classifyRepo, readRepoList, uniqueRepos } from './repoList.js';
import { retryable, runFleet } from './runFleet.js';

export interface FleetArgs {
  repositories: string[];
  reposFile: string | undefined;
  mode: Mode | undefined;
  workdir: string | undefined;
  branch: string | undefined;
  concurrency: number | undefined;
  push: boolean;
  dry: boolean;
  report: string | undefined;
  retryFailed: boolean;
  types: boolean;
  forceMode: boolean;
  /** The options of every command, for each repository's run. */
  run: FleetRunOptions;
}

interface FleetIo {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
  cwd: string;
  env: NodeJS.ProcessEnv;
}

const EXIT = { ok: 0, usage: 2, incomplete: 3, interrupted: 130 } as const;

/** Outside every repository, kept between runs so clones are fetched rather than cloned again. */
function defaultWorkdir(env: NodeJS.ProcessEnv): string {
  return path.join(env.XDG_CACHE_HOME || path.join(homedir(), '.cache'), 'redirect-codemod', 'fleet');
}

export async function fleetCommand(args: FleetArgs, io: FleetIo): Promise<number> {
  const usage = (message: string) => {
    io.stderr.write(`redirect-codemod fleet: ${message}\n`);
    return EXIT.usage;
  };
  const workdir = path.resolve(io.cwd, args.workdir ?? defaultWorkdir(io.env));
  const reportFile = path.resolve(io.cwd, args.report ?? path.join(workdir, 'report.json'));

  let previous: FleetReport | undefined;
  let specs: string[];
  if (args.retryFailed) {
    if (!existsSync(reportFile)) return usage(`--retry-failed reads the previous report, and ${reportFile} does not exist (pass --report FILE)`);
    try {
      previous = await readFleetReport(reportFile);
    } catch (error) {
      return usage(error instanceof Error ? error.message : String(error));
    }
    if (args.mode && args.mode !== previous.mode) return usage(`the previous report was made with --mode ${previous.mode}, not ${args.mode}`);
    if (args.branch && args.branch !== previous.branch) return usage(`the previous report used --branch ${previous.branch}, not ${args.branch}`);
    specs = retryable(previous);
  } else {
    specs = [...args.repositories];
    if (args.reposFile !== undefined) {
      try {
        specs.unshift(...(await readRepoList(path.resolve(io.cwd, args.reposFile))));
      } catch (error) {
        return usage(`cannot read --repos ${args.reposFile}: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
    if (specs.length === 0) return usage('give repositories (paths or git URLs) or --repos FILE');
  }

  const mode = args.mode ?? previous?.mode;
  if (!mode) return usage('--mode is required (preserve, adopt or adopt-safe)');
  const branch = args.branch ?? previous?.branch ?? `redirect-codemod/${mode}`;
  const refCheck = await gitCommand(io.cwd, ['check-ref-format', '--branch', branch]);
  if (branch.startsWith('-') || refCheck.code !== 0) return usage(`${JSON.stringify(branch)} is not a valid branch name`);
  const concurrency = args.concurrency ?? availableParallelism();
  if (!Number.isInteger(concurrency) || concurrency < 1) return usage('--concurrency must be a whole number of at least 1');
  try {
    await mkdir(workdir, { recursive: true });
  } catch (error) {
    return usage(`cannot create the work directory ${workdir}: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (!existsSync(path.dirname(reportFile))) return usage(`${path.dirname(reportFile)}: the report's directory does not exist`);

  const repos = uniqueRepos(specs.map((spec) => classifyRepo(spec, io.cwd)));
  if (previous && repos.length === 0) {
    io.stdout.write(`Nothing to retry: no repository failed, was skipped or was interrupted in ${reportFile}.\n`);
    return EXIT.ok;
  }

  const controller = new AbortController();
  const onSignal = () => {
    if (controller.signal.aborted) process.exit(EXIT.interrupted);
    io.stderr.write('redirect-codemod fleet: interrupted; running repositories finish their commit or are left untouched, no new one starts\n');
    controller.abort();
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  let report: FleetReport;
  try {
    report = await runFleet({
      repos,
      mode,
      branch,
      dry: args.dry,
      push: args.push,
      types: args.types,
      forceMode: args.forceMode,
      run: args.run,
      workdir,
      concurrency,
      reportFile,
      ...(previous ? { previous } : {}),
      signal: controller.signal,
      onRepoDone: (repo, done, total) => io.stdout.write(`[${done}/${total}] ${describeRepo(repo, args.dry)}\n`),
    });
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }

  const totals = Object.entries(report.totals).filter(([, n]) => n > 0).map(([status, n]) => `${n} ${status}`);
  io.stdout.write(`\n${totals.join(', ')}${report.interrupted ? ' (interrupted)' : ''}\nReport: ${reportFile} and ${markdownTwin(reportFile)}\n`);
  if (report.interrupted) return EXIT.interrupted;
  const incomplete = report.repos.some((repo) => ['failed', 'skipped', 'interrupted', 'pending'].includes(repo.status) || repo.filesNotProcessed.length > 0);
  return incomplete ? EXIT.incomplete : EXIT.ok;
}

function describeRepo(repo: RepoReport, dry: boolean): string {
  const counts = repo.counts ? `${repo.counts.sites} site(s) in ${repo.counts.files} file(s)` : '';
  const detail = {
    changed: `${dry ? 'would change ' : repo.resumed ? 'already migrated: ' : ''}${counts}${repo.commit ? ` → ${repo.branch} ${repo.commit.slice(0, 12)}${repo.resumed ? ' (earlier run)' : ''}` : ''}${repo.pushed ? ', pushed' : ''}`,
    unchanged: 'nothing to change',
    'review-only': `${repo.counts?.review ?? 0} call(s) left for review, nothing changed`,
    failed: `${repo.step}: ${repo.error}`,
    skipped: repo.reason ?? '',
    interrupted: repo.reason ?? '',
    pending: '',
  }[repo.status];
  const unprocessed = repo.filesNotProcessed.length > 0 ? `; ${repo.filesNotProcessed.length} file(s) not processed: ${repo.filesNotProcessed.map((f) => f.file).join(', ')}` : '';
  return `${repo.status.padEnd(11)} ${repo.repo}  ${detail}${unprocessed}`;
}
