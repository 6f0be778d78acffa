/**
 * `redirect-codemod fleet`: every repository of the list through `migrateRepo`, at most
 * `concurrency` at once, the report rewritten after each. One repository's failure never
 * stops the others; a signal stops new repositories from starting and lets the running ones
 * finish their commit or roll back.
 */
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { EnginePool } from './enginePool.js';
import { newFleetReport, pendingRepo, RETRIED, writeFleetReport, type FleetReport, type RepoReport } from './fleetReport.js';
import { migrateRepo, type MigrateOptions } from './migrateRepo.js';
import type { RepoEntry } from './repoList.js';

export interface FleetOptions extends Omit<MigrateOptions, 'signal'> {
  repos: RepoEntry[];
  concurrency: number;
  reportFile: string;
  /** The report of an earlier run: entries not in `repos` are carried over as they were. */
  previous?: FleetReport;
  signal: AbortSignal;
  onRepoDone?: (repo: RepoReport, done: number, total: number) => void;
}

export async function runFleet(options: FleetOptions): Promise<FleetReport> {
  await mkdir(path.join(options.workdir, 'clones'), { recursive: true });
  await mkdir(path.join(options.workdir, 'worktrees'), { recursive: true });

  // Retried entries take their old place in the earlier report; the others are carried over.
  const earlier = options.previous?.repos ?? [];
  const slots = options.repos.map((entry) => pendingRepo(entry.spec, entry.kind));
  const repos = earlier.map((repo) => slots.find((slot) => slot.repo === repo.repo) ?? repo);
  for (const slot of slots) if (!repos.includes(slot)) repos.push(slot);
  const report = newFleetReport({ mode: options.mode, branch: options.branch, dry: options.dry, push: options.push }, repos);
  let writing = writeFleetReport(options.reportFile, report);
  // A failed write (too many open files) is the next save's error; until a lane asks for it,
  // it must not count as unhandled, which would end the process with a stack trace.
  writing.catch(() => {});
  const save = () => (writing = writing.then(() => writeFleetReport(options.reportFile, report)));

  const pool = new EnginePool(options.concurrency);
  const onAbort = () => pool.abort();
  options.signal.addEventListener('abort', onAbort);
  let next = 0;
  let done = 0;
  const lane = async () => {
    while (next < options.repos.length && !options.signal.aborted) {
      const index = next++;
      const reviewPrefix = options.reportFile.replace(/\.json$/, '');
      const result = await migrateRepo(options.repos[index]!, { ...options, reviewPrefix }, pool);
      report.repos[report.repos.indexOf(slots[index]!)] = result;
      slots[index] = result;
      done++;
      options.onRepoDone?.(result, done, options.repos.length);
      await save();
    }
  };
  try {
    await Promise.all(Array.from({ length: Math.min(options.concurrency, options.repos.length) }, lane));
  } finally {
    options.signal.removeEventListener('abort', onAbort);
    await pool.close();
  }

  if (options.signal.aborted) {
    report.interrupted = true;
    for (const repo of report.repos) {
      if (repo.status === 'pending' && slots.includes(repo)) {
        repo.status = 'interrupted';
        repo.reason = 'not started';
      }
    }
  }
  report.finishedAt = new Date().toISOString();
  await save();
  return report;
}

/** The entries of an earlier report that `--retry-failed` runs again. */
export function retryable(previous: FleetReport): string[] {
  return previous.repos.filter((repo) => RETRIED.includes(repo.status)).map((repo) => repo.repo);
}
