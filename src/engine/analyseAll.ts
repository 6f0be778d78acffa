/**
 * Runs the per-file work of a run (analysing candidates, scanning test files) with identical
 * results in the same order, in one of two ways:
 *   - here, on the main thread, when the work is little (a worker's start-up costs more than it
 *     saves), no core is free, or the machine has fewer than WORKERS_FROM_CORES cores; a file
 *     larger than SLOW_LANE_CHARS still goes to a worker, where the per-file budget can stop it;
 *   - on a worker thread beside the main thread (more on a machine with more cores), started
 *     while the files are still read, as soon as WORKERS_FROM candidates are found, if a core
 *     stood idle (or after the read, if one is idle then): the worker works while the main
 *     thread reads, then both take the next job no thread took (a large one stays a worker's).
 * Either way the loop yields to the event loop often, so SIGINT / SIGTERM are seen within a
 * fraction of a second, and a file that outlives the per-file budget in a worker is reported
 * as taking too long. On the main thread a small file that takes longer is not stopped (it
 * cannot be) but it cannot hang the run either: its size bounds its parse.
 * REDIRECT_CODEMOD_WORKERS=N starts the worker at the N-th job (1: always, for the tests) and
 * skips the idle-core check, =off never.
 */
import { availableParallelism, cpus } from 'node:os';
import { isMainThread } from 'node:worker_threads';
import type { Stats } from 'node:fs';
import type { Analyser, FileTask } from './analyseFile.js';
import { FilePool, type PoolOutcome } from './filePool.js';

export interface Candidate {
  task: FileTask;
  stats: Stats;
  /** Its job in the run's JobStream. */
  job: number;
}

/**
 * Candidates from which a worker starts, as soon as the read has found that many, when a core
 * stood idle since start-up (`coreFree`); or after the read, if the core was busy then and is
 * free now. Each thread loads and warms up its own Babel.
 */
export const WORKERS_FROM = 2000;
/**
 * Cores a machine needs before workers start by default. On a 2-core machine a worker beside
 * the main thread (and both isolates' V8 helper threads) did not pay: e4 (2,994 candidates) took
 * 2.66 s on one thread and 2.70-2.77 s with a worker in a quiet moment, 2.72 against 2.85 s over
 * 8 alternated runs, for 1.1-1.3 s more CPU and 20 MB more memory; each thread ran its files
 * about half as fast while both ran. The 37-repository tree (813 candidates) was slower with a
 * worker from its 200th candidate (5.84 against 5.18 s), and corpus (a) too (0.53 against
 * 0.495 s: a second thread pays the parser's warm-up again). REDIRECT_CODEMOD_WORKERS skips this.
 */
export const WORKERS_FROM_CORES = 3;
/**
 * Jobs queued in a worker ahead of the one it works on (the main thread may still take them):
 * while the main thread reads it refills the queue only every YIELD_EVERY_MS.
 */
const STREAM_QUEUED = 64;
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

/** One piece of work the read loop found: a file to analyse, or a test file to scan for assertions. */
export type Job = { kind: 'analyse'; task: FileTask; /** Not a candidate: not counted as one in the progress. */ library?: boolean } | { kind: 'scan'; file: string; shown: string; text: string };

/**
 * The jobs of a run, found while the files are read, and done by the main thread and (once the
 * read has found WORKERS_FROM candidates, when a core is free) a worker thread started then: the
 * worker analyses while the main thread still reads, then both take the next job not taken
 * (each job's claim slot in shared memory decides who does it), so neither waits for the
 * other. Results are by job index, whoever did the job: the report's order does not depend on it.
 */
export class JobStream {
  readonly jobs: Job[] = [];
  private readonly results: Array<PoolOutcome | undefined> = [];
  private readonly settled: Array<Promise<void>> = [];
  private readonly claims: Int32Array;
  /** Whether to start a worker was decided (started, or not: one core, the other core busy, off). */
  private decided = false;
  /** Candidates found so far (jobs that analyse a file the prefilter kept). */
  private candidates = 0;
  private slowLane: FilePool | null = null;
  pool: FilePool | null = null;
  /** Analysed files and the sites found in them, for the progress line. */
  analysed = 0;
  sites = 0;

  constructor(
    private readonly analyser: Analyser,
    private readonly options: Pick<AnalyseOptions, 'top' | 'budgetMs' | 'typeBudgetMs' | 'onDone'>,
    /** At most this many jobs get a claim slot (and may go to a worker): two per file read. */
    maxJobs: number,
  ) {
    this.claims = new Int32Array(new SharedArrayBuffer(4 * Math.max(1, maxJobs)));
  }

  /** Adds a job (its index is the number of jobs before it); a worker may start or take it now. */
  add(job: Job): number {
    const index = this.jobs.push(job) - 1;
    if (job.kind === 'analyse' && !job.library) this.candidates++;
    if (this.pool) this.post(index);
    else if (!this.decided && this.startsNow()) this.start();
    return index;
  }

  /** The outcome of job `index` once `finish` returned (undefined: a scan left to the test step). */
  result(index: number): PoolOutcome | undefined {
    return this.results[index];
  }

  /** Drops the analyses (their texts and results: the run keeps what it needs); the test files' scans stay for the test step. */
  releaseAnalyses(): void {
    this.settled.length = 0;
    for (const [index, job] of this.jobs.entries()) {
      if (job.kind !== 'analyse') continue;
      this.jobs[index] = { kind: 'analyse', task: { ...job.task, text: '' } };
      this.results[index] = undefined;
    }
  }

  /** Stops the workers (a signal): jobs not done come back as 'stopped'. */
  close(): Promise<void> {
    return Promise.all([this.pool?.close(), this.slowLane?.close()]).then(() => undefined);
  }

  /**
   * Does every job not done yet, here and on the worker if one started; without one, starts
   * workers now when the candidates are at least WORKERS_FROM and a core is free. False when a
   * signal stopped it.
   */
  async finish(candidates: number, signal: AbortSignal | undefined, yielder: Yielder): Promise<boolean> {
    if (!this.pool && isMainThread && availableParallelism() >= coresNeeded() && candidates >= workerThreshold() && (process.env.REDIRECT_CODEMOD_WORKERS || coreFree())) this.start();
    const onAbort = () => void this.close();
    signal?.addEventListener('abort', onAbort);
    try {
      // Without workers, large files go to the slow lane first: its worker's start-up and their
      // analysis overlap the main thread's files instead of following them (the tree's main
      // thread stood idle ~0.9-1.4 s waiting for it).
      const large = this.pool ? [] : this.jobs.flatMap((job, index) => (this.results[index] === undefined && !this.mainMayTake(job, index) ? [this.onSlowLane(index, job)] : []));
      for (const [index, job] of this.jobs.entries()) {
        if (this.results[index] !== undefined || !this.mainMayTake(job, index)) continue;
        if (this.pool ? this.pool.claim(index) : true) this.record(index, await this.inline(job));
        // The workers' replies come in between files: their queues stay full, the watchdog runs.
        if (this.pool) await new Promise((resolve) => setImmediate(resolve));
        if (await yielder.stopped(signal)) return false;
      }
      // The large files, and the workers' files.
      await Promise.all(large);
      if (signal?.aborted) return false;
      await Promise.all(this.settled);
      if (signal?.aborted) return false;
      // A job no worker could take (none could be started): here.
      for (const [index, job] of this.jobs.entries()) if (this.results[index] === undefined && job.kind === 'analyse') this.record(index, await this.inline(job));
      if (this.slowLane) this.analyser.addWorkerStats(this.slowLane.typeStats());
      return !signal?.aborted;
    } finally {
      signal?.removeEventListener('abort', onAbort);
      await this.slowLane?.close();
      this.slowLane = null;
    }
  }

  /** A large file's analysis on the slow lane's worker (here if none can start). */
  private async onSlowLane(index: number, job: Job): Promise<void> {
    this.slowLane ??= new FilePool(1, { top: this.options.top, typeBudgetMs: this.options.typeBudgetMs }, this.options.budgetMs);
    const outcome = await this.slowLane.run((job as Extract<Job, { kind: 'analyse' }>).task);
    this.record(index, outcome.kind === 'unavailable' ? await this.inline(job) : outcome);
  }

  /**
   * A large file (and the tests' injected hang) is a worker's: there the per-file budget holds.
   * With REDIRECT_CODEMOD_WORKERS set (the tests), every other job is left to the worker, which
   * on a small tree would otherwise still be loading when the main thread has done them all.
   */
  private mainMayTake(job: Job, index: number): boolean {
    if (this.pool && process.env.REDIRECT_CODEMOD_WORKERS && index % 2 === 0) return false;
    return job.kind === 'scan' || (job.task.text.length <= SLOW_LANE_CHARS && process.env.REDIRECT_CODEMOD_INJECT_HANG !== job.task.shown);
  }

  /** From WORKERS_FROM candidates, if a core stood idle since start-up; REDIRECT_CODEMOD_WORKERS=N (the tests): from the N-th job, core free or not; =off never. */
  private startsNow(): boolean {
    const threshold = workerThreshold();
    if (!isMainThread || availableParallelism() < coresNeeded() || threshold === Infinity) {
      this.decided = true;
      return false;
    }
    if (process.env.REDIRECT_CODEMOD_WORKERS) return this.jobs.length >= threshold;
    if (this.candidates < threshold) return false;
    this.decided = true;
    return coreFree();
  }

  /** One worker (the main thread is the other thread), given every job found so far. */
  private start(): void {
    this.decided = true;
    // The main thread is one of the threads: one worker fewer than cores.
    this.pool = new FilePool(Math.min(availableParallelism() - 1, MAX_WORKERS), { top: this.options.top, typeBudgetMs: this.options.typeBudgetMs }, this.options.budgetMs, { claims: this.claims, queued: STREAM_QUEUED });
    this.pool.warm();
    for (let index = 0; index < this.jobs.length; index++) this.post(index);
  }

  private post(index: number): void {
    if (index >= this.claims.length) return;
    const job = this.jobs[index]!;
    const outcome = job.kind === 'analyse' ? this.pool!.run(job.task, index) : this.pool!.scanTests({ file: job.file, text: job.text }, index);
    this.settled.push(
      outcome.then((outcome) => {
        // Skipped: the main thread took it. Unavailable: it will. A scan that failed is done again by the test step, which reports why.
        if (outcome.kind === 'skipped' || outcome.kind === 'unavailable' || (job.kind === 'scan' && outcome.kind !== 'scanned')) return;
        this.record(index, outcome);
      }),
    );
  }

  private async inline(job: Job): Promise<PoolOutcome> {
    if (job.kind === 'scan') {
      try {
        const { scanTestFile } = await import('../testsuite/plan.js');
        return { kind: 'scanned', scanned: await scanTestFile(job.text, job.file) };
      } catch {
        // The test step scans it again and reports why.
        return { kind: 'skipped' };
      }
    }
    try {
      return { kind: 'done', outcome: await this.analyser.analyse(job.task) };
    } catch (error) {
      return { kind: 'failed', message: error instanceof Error ? error.message : String(error) };
    }
  }

  private record(index: number, outcome: PoolOutcome): void {
    this.results[index] = outcome;
    const job = this.jobs[index]!;
    if (job.kind !== 'analyse' || job.library) return;
    if (outcome.kind === 'done' && outcome.outcome.ok) this.sites += outcome.outcome.sites.length;
    this.options.onDone(++this.analysed, this.sites);
  }
}

/** Cores from which workers start: 2 when REDIRECT_CODEMOD_WORKERS asks for them (the tests), else WORKERS_FROM_CORES. */
function coresNeeded(): number {
  return process.env.REDIRECT_CODEMOD_WORKERS ? 2 : WORKERS_FROM_CORES;
}

function workerThreshold(): number {
  const set = process.env.REDIRECT_CODEMOD_WORKERS;
  if (set === 'off') return Infinity;
  const n = Number(set);
  return set !== undefined && set !== '' && Number.isInteger(n) && n >= 0 ? n : WORKERS_FROM;
}
