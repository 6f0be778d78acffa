/**
 * A fixed number of analysis workers, each holding a few files queued (so it never waits for
 * the main thread between files), with a watchdog: a worker says when it starts a file, and
 * one that has not answered within the per-file budget after that is terminated and replaced;
 * its file is reported as taking too long and the files queued behind it go to the next
 * worker. Workers start on first use.
 *
 * A pool made with `claims` (shared memory, one slot per job of a run) shares its jobs with the
 * main thread: the worker takes a job only if it wins its slot (`Atomics.compareExchange`), and
 * the main thread takes any job whose slot it wins (`claim`); a job the main thread took is
 * skipped by the worker, so more jobs can be queued in a worker than it will do.
 */
import { Worker } from 'node:worker_threads';
import type { TypeCheckerStats } from '../js/typeChecker.js';
import { addTypeStats, type FileOutcome, type FileTask } from './analyseFile.js';
import type { TestScan } from '../testsuite/plan.js';

export type PoolOutcome =
  | { kind: 'done'; outcome: FileOutcome }
  | { kind: 'failed'; message: string }
  | { kind: 'too-long' }
  | { kind: 'stopped' }
  /** A test file's scan (src/testsuite/plan.ts), null when it does not parse. */
  | { kind: 'scanned'; scanned: TestScan | null }
  /** The main thread took this job first (its claim): the worker did nothing. */
  | { kind: 'skipped' }
  /** No worker could be started (too many open files, threads refused): the caller analyses the file itself. */
  | { kind: 'unavailable'; message: string };

/** What a worker posts: that it started a file, or the file's outcome. */
export type WorkerReply =
  | { id: number; started: true }
  | { id: number; skipped: true }
  | { id: number; outcome?: FileOutcome; scanned?: TestScan | null; error?: string; typeStats: TypeCheckerStats | null };

/** A test file to scan for status assertions, instead of a file to analyse. */
export interface ScanTask {
  file: string;
  text: string;
}

/** What the pool posts to a worker: one job, and its claim slot (-1: none, the job is the worker's). */
export type WorkerJob = { id: number; claim: number } & ({ task: FileTask } | { scan: ScanTask });

/** A claim slot's states. */
export const UNCLAIMED = 0;
export const CLAIMED_BY_WORKER = 1;
export const CLAIMED_BY_MAIN = 2;

interface Job {
  id: number;
  claim: number;
  work: { task: FileTask } | { scan: ScanTask };
  settle: (outcome: PoolOutcome) => void;
  watchdog: NodeJS.Timeout | null;
}

interface Slot {
  worker: Worker | null;
  /** The type checker counts the current worker last reported. */
  stats: TypeCheckerStats | null;
  /** The files posted to the current worker, in the order it takes them. */
  jobs: Job[];
}

/** A worker's heap is capped: a runaway file fails alone instead of taking the machine's memory. */
const WORKER_HEAP_MB = 1024;
/**
 * Its young generation too: V8 would grow it to 32 MB or more per semi-space, most of it
 * garbage by the next file (the 37-repository tree with a worker forced: peak RSS 345 -> 302-305 MB).
 */
const WORKER_YOUNG_MB = 16;
/** Files queued per worker: one it works on, the next ones ready while the main thread is busy. */
const QUEUED_PER_WORKER = 3;

export class FilePool {
  private readonly pending: Job[] = [];
  /** Counts of the workers that were replaced. */
  private retiredStats: TypeCheckerStats | null = null;
  private readonly slots: Slot[];
  readonly size: number;
  private nextId = 0;
  private closed = false;

  private readonly claims: Int32Array | null;
  private readonly queued: number;

  constructor(
    size: number,
    private readonly init: { top: string; typeBudgetMs: number },
    private readonly budgetMs: number,
    shared?: { claims: Int32Array; queued: number },
  ) {
    this.size = size;
    this.claims = shared?.claims ?? null;
    this.queued = shared?.queued ?? QUEUED_PER_WORKER;
    this.slots = Array.from({ length: size }, () => ({ worker: null, stats: null, jobs: [] }));
  }

  /** Files the pool can take without queueing them here: the callers feed it this many at a time. */
  get capacity(): number {
    return this.size * this.queued;
  }

  /** Analyses a file; `claim`: its slot in `claims` (the main thread may take it first: 'skipped'). */
  run(task: FileTask, claim = -1): Promise<PoolOutcome> {
    return this.queue({ task }, claim);
  }

  /** Scans a test file for status assertions ('scanned'). */
  scanTests(scan: ScanTask, claim = -1): Promise<PoolOutcome> {
    return this.queue({ scan }, claim);
  }

  /** For the main thread: whether it won job `claim`'s slot (no worker started it, none will). */
  claim(claim: number): boolean {
    return Atomics.compareExchange(this.claims!, claim, UNCLAIMED, CLAIMED_BY_MAIN) === UNCLAIMED;
  }

  private queue(work: Job['work'], claim: number): Promise<PoolOutcome> {
    if (this.closed) return Promise.resolve({ kind: 'stopped' });
    return new Promise<PoolOutcome>((resolve) => {
      this.pending.push({ id: this.nextId++, claim, work, settle: resolve, watchdog: null });
      this.pump();
    });
  }

  /** The type checker counts of every worker this pool ran. */
  typeStats(): TypeCheckerStats | null {
    let total = this.retiredStats ? structuredClone(this.retiredStats) : null;
    for (const slot of this.slots) total = addTypeStats(total, slot.stats);
    return total;
  }

  /** Starts every worker now (each loads its parsers while the caller works on); false if one could not be started. */
  warm(): boolean {
    try {
      for (const slot of this.slots) slot.worker ??= this.spawn(slot);
      return true;
    } catch {
      return false;
    }
  }

  /** Stops every worker at once; files not finished come back as 'stopped'. */
  async close(): Promise<void> {
    this.closed = true;
    for (const job of this.pending.splice(0)) job.settle({ kind: 'stopped' });
    for (const slot of this.slots) {
      for (const job of slot.jobs.splice(0)) {
        if (job.watchdog) clearTimeout(job.watchdog);
        job.settle({ kind: 'stopped' });
      }
    }
    await Promise.all(this.slots.map((slot) => slot.worker?.terminate()));
  }

  /** Posts pending files to the workers with room in their queue, least loaded first. */
  private pump(): void {
    while (!this.closed && this.pending.length > 0) {
      const slot = this.slots.reduce((best, s) => (s.jobs.length < best.jobs.length ? s : best));
      if (slot.jobs.length >= this.queued) return;
      const job = this.pending.shift()!;
      if (job.claim >= 0 && Atomics.load(this.claims!, job.claim) === CLAIMED_BY_MAIN) {
        job.settle({ kind: 'skipped' });
        continue;
      }
      let worker: Worker;
      try {
        worker = slot.worker ??= this.spawn(slot);
      } catch (error) {
        job.settle({ kind: 'unavailable', message: error instanceof Error ? error.message : String(error) });
        continue;
      }
      slot.jobs.push(job);
      worker.postMessage({ id: job.id, claim: job.claim, ...job.work } satisfies WorkerJob);
    }
  }

  /** Unreferenced: an idle worker never keeps the process alive (a file in flight does, through its watchdog). */
  private spawn(slot: Slot): Worker {
    const worker = new Worker(new URL('./fileWorker.js', import.meta.url), { workerData: { ...this.init, claims: this.claims }, resourceLimits: { maxOldGenerationSizeMb: WORKER_HEAP_MB, maxYoungGenerationSizeMb: WORKER_YOUNG_MB } });
    worker.unref();
    worker.on('message', (reply: WorkerReply) => {
      if (slot.worker !== worker) return;
      const job = slot.jobs.find((j) => j.id === reply.id);
      if (!job) return;
      if ('started' in reply) {
        job.watchdog = setTimeout(() => this.retire(slot, job, { kind: 'too-long' }), this.budgetMs);
        return;
      }
      if (job.watchdog) clearTimeout(job.watchdog);
      slot.jobs.splice(slot.jobs.indexOf(job), 1);
      if ('skipped' in reply) job.settle({ kind: 'skipped' });
      else {
        slot.stats = reply.typeStats;
        job.settle(reply.outcome ? { kind: 'done', outcome: reply.outcome } : reply.scanned !== undefined ? { kind: 'scanned', scanned: reply.scanned } : { kind: 'failed', message: reply.error ?? 'unknown error' });
      }
      this.pump();
    });
    worker.on('error', (error: Error) => {
      if (slot.worker !== worker) return;
      // The file it was working on failed; the files queued behind it go to the next worker.
      const current = slot.jobs.find((j) => j.watchdog !== null) ?? slot.jobs[0];
      if (current) this.retire(slot, current, { kind: 'failed', message: `the analysis worker failed (${error.message})` });
      else this.retire(slot, null, null);
    });
    return worker;
  }

  /** Terminates a slot's worker (stuck or crashed): `culprit` gets `outcome`, the others are queued again. */
  private retire(slot: Slot, culprit: Job | null, outcome: PoolOutcome | null): void {
    this.retiredStats = addTypeStats(this.retiredStats, slot.stats);
    slot.stats = null;
    void slot.worker?.terminate();
    slot.worker = null;
    const jobs = slot.jobs.splice(0);
    for (const job of jobs) if (job.watchdog) clearTimeout(job.watchdog);
    if (culprit && outcome) culprit.settle(outcome);
    const again = jobs.filter((job) => job !== culprit);
    // Only the culprit was started by the worker that is gone; a slot it won before it could
    // say so goes back to the queue with its job.
    for (const job of again) if (job.claim >= 0) Atomics.compareExchange(this.claims!, job.claim, CLAIMED_BY_WORKER, UNCLAIMED);
    this.pending.unshift(...again.map((job) => ({ ...job, watchdog: null })));
    this.pump();
  }
}
