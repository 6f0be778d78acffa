/**
 * Runs the per-file analysis over the candidates, in one of two ways with identical results
 * in the same order:
 *   - here, on the main thread, when the candidates are few (a worker's start-up costs more
 *     than it saves); a file larger than SLOW_LANE_CHARS still goes to a worker, where the
 *     per-file budget can stop it;
 *   - on worker threads beside the main thread (one per core in all), when there are at least
 *     WORKERS_FROM candidates and a core is free; each worker holds a few files queued, and the
 *     main thread takes the next file between turns of its event loop (a large one still goes
 *     to a worker).
 * Either way the loop yields to the event loop often, so SIGINT / SIGTERM are seen within a
 * fraction of a second, and a file that outlives the per-file budget in a worker is reported
 * as taking too long. On the main thread a small file that takes longer is not stopped (it
 * cannot be) but it cannot hang the run either: its size bounds its parse.
 * REDIRECT_CODEMOD_WORKERS=N sets the threshold (1: always, for the tests) and skips the
 * idle-core check, =off never.
 */
import { availableParallelism, cpus } from 'node:os';
import { isMainThread } from 'node:worker_threads';
import type { Stats } from 'node:fs';
import type { Analyser, FileTask } from './analyseFile.js';
import { FilePool, type PoolOutcome } from './filePool.js';

export interface Candidate {
  task: FileTask;
  stats: Stats;
}

/**
 * Candidates from which worker threads may pay for themselves. Each thread loads and warms up
 * its own Babel (about a second of compiling on V8's threads), so they pay only when a core is
 * free: on a 2-core machine, e4 (2,994 candidates) took 2.4 s instead of 3.2 s with one worker
 * beside the main thread in a quiet moment, and longer when the other core was busy; 740
 * candidates ran faster on one thread. Workers also start only when a core was idle while the
 * files were read (`coreFree`).
 */
export const WORKERS_FROM = 2000;
/** Files larger than this (UTF-16 units) are analysed in a worker even in a small run. */
export const SLOW_LANE_CHARS = 256 * 1024;
export { DEFAULT_FILE_BUDGET_MS } from './fileBudget.js';
/** Workers at most: beyond this the main thread's reading is the limit. */
const MAX_WORKERS = 4;
/** The event loop runs at least this often during analysis (signals, the watchdog). */
const YIELD_EVERY_MS = 50;

/** Lets the event loop run every YIELD_EVERY_MS of synchronous work. */
export class Yielder {
  private last = performance.now();

  /** Whether a yield is due: a loop over every file skips the await (a microtask each) when it is not. */
  due(): boolean {
    return performance.now() - this.last >= YIELD_EVERY_MS;
  }

  /** Yields when due; true when the signal has fired. */
  async stopped(signal: AbortSignal | undefined): Promise<boolean> {
    if (performance.now() - this.last >= YIELD_EVERY_MS) {
      await new Promise((resolve) => setImmediate(resolve));
      this.last = performance.now();
    }
    return signal?.aborted === true;
  }
}

export interface AnalyseOptions {
  top: string;
  budgetMs: number;
  typeBudgetMs: number;
  signal: AbortSignal | undefined;
  yielder: Yielder;
  onDone: (done: number, sites: number) => void;
}

/** The worker pool for this many candidates, or null when the main thread does the work. */
export function workerPool(count: number, options: Pick<AnalyseOptions, 'top' | 'budgetMs' | 'typeBudgetMs'>): FilePool | null {
  const cores = availableParallelism();
  const idle = coreFree();
  if (!isMainThread || cores < 2 || count < workerThreshold() || (!process.env.REDIRECT_CODEMOD_WORKERS && !idle)) return null;
  // The main thread analyses files too: one worker fewer than cores.
  return new FilePool(Math.min(cores - 1, MAX_WORKERS), { top: options.top, typeBudgetMs: options.typeBudgetMs }, options.budgetMs);
}

/** The machine's CPU times when last looked at (this module's loading: the start of a run). */
let cpuTimes = totalCpuTimes();

function totalCpuTimes(): { idle: number; all: number } {
  let idle = 0;
  let all = 0;
  for (const { times } of cpus()) {
    idle += times.idle;
    all += times.user + times.nice + times.sys + times.idle + times.irq;
  }
  return { idle, all };
}

/**
 * Whether at least half a core stood idle since the last look (while this run discovered and
 * read its files, on one thread): another thread would get a core rather than take turns on a
 * busy one. Unknown (no CPU times): yes.
 */
function coreFree(): boolean {
  const before = cpuTimes;
  cpuTimes = totalCpuTimes();
  const all = cpuTimes.all - before.all;
  if (all <= 0) return true;
  return ((cpuTimes.idle - before.idle) / all) * cpus().length >= 0.5;
}

/**
 * Every candidate's outcome by index, and the type checker counts of the workers; null when
 * stopped by a signal. `pool` (from workerPool) stays open for the cross-file pass.
 */
export async function analyseAll(candidates: readonly Candidate[], analyser: Analyser, pool: FilePool | null, options: AnalyseOptions): Promise<{ results: PoolOutcome[] } | null> {
  let slowLane: FilePool | null = null;
  const onAbort = () => {
    void pool?.close();
    void slowLane?.close();
  };
  options.signal?.addEventListener('abort', onAbort);
  const inline = async (task: FileTask): Promise<PoolOutcome> => {
    try {
      return { kind: 'done', outcome: await analyser.analyse(task) };
    } catch (error) {
      return { kind: 'failed', message: error instanceof Error ? error.message : String(error) };
    }
  };
  const results: PoolOutcome[] = new Array(candidates.length);
  let done = 0;
  let sites = 0;
  const record = (index: number, outcome: PoolOutcome) => {
    results[index] = outcome;
    if (outcome.kind === 'done' && outcome.outcome.ok) sites += outcome.outcome.sites.length;
    options.onDone(++done, sites);
  };
  try {
    if (pool) {
      let next = 0;
      const feed = async () => {
        while (next < candidates.length && !options.signal?.aborted) {
          const index = next++;
          const outcome = await pool.run(candidates[index]!.task);
          record(index, outcome.kind === 'unavailable' ? await inline(candidates[index]!.task) : outcome);
        }
      };
      // The main thread takes files too, between its turns of the event loop (which keep the
      // workers' queues full); a large file goes to a worker, where the budget holds.
      const here = async () => {
        while (next < candidates.length && !options.signal?.aborted) {
          await new Promise((resolve) => setImmediate(resolve));
          if (next >= candidates.length) break;
          const index = next++;
          const task = candidates[index]!.task;
          // (The injected hang of the tests is a worker's: that file goes to one.)
          if (task.text.length > SLOW_LANE_CHARS || process.env.REDIRECT_CODEMOD_INJECT_HANG === task.shown) {
            const outcome = await pool.run(task);
            record(index, outcome.kind === 'unavailable' ? await inline(task) : outcome);
          } else record(index, await inline(task));
        }
      };
      await Promise.all([...Array.from({ length: pool.capacity }, feed), here()]);
    } else {
      for (const [index, { task }] of candidates.entries()) {
        if (await options.yielder.stopped(options.signal)) break;
        if (task.text.length > SLOW_LANE_CHARS) {
          slowLane ??= new FilePool(1, { top: options.top, typeBudgetMs: options.typeBudgetMs }, options.budgetMs);
          const outcome = await slowLane.run(task);
          record(index, outcome.kind === 'unavailable' ? await inline(task) : outcome);
          continue;
        }
        record(index, await inline(task));
      }
    }
    if (options.signal?.aborted) return null;
    if (slowLane) analyser.addWorkerStats(slowLane.typeStats());
    return { results };
  } finally {
    options.signal?.removeEventListener('abort', onAbort);
    await slowLane?.close();
  }
}

function workerThreshold(): number {
  const set = process.env.REDIRECT_CODEMOD_WORKERS;
  if (set === 'off') return Infinity;
  const n = Number(set);
  return set !== undefined && set !== '' && Number.isInteger(n) && n >= 0 ? n : WORKERS_FROM;
}
