/**
 * A fixed number of analysis workers fed one file at a time, with a watchdog: a worker that
 * has not answered within the per-file budget is terminated and replaced, and its file is
 * reported as taking too long. Workers start on first use.
 */
import { Worker } from 'node:worker_threads';
import type { TypeCheckerStats } from '../js/typeChecker.js';
import { addTypeStats, type FileOutcome, type FileTask } from './analyseFile.js';

export type PoolOutcome =
  | { kind: 'done'; outcome: FileOutcome }
  | { kind: 'failed'; message: string }
  | { kind: 'too-long' }
  | { kind: 'stopped' }
  /** No worker could be started (too many open files, threads refused): the caller analyses the file itself. */
  | { kind: 'unavailable'; message: string };

interface Slot {
  worker: Worker | null;
  /** The type checker counts the current worker last reported. */
  stats: TypeCheckerStats | null;
}

/** A worker's heap is capped: a runaway file fails alone instead of taking the machine's memory. */
const WORKER_HEAP_MB = 1024;

export class FilePool {
  private readonly free: Slot[] = [];
  private readonly waiting: Array<(slot: Slot) => void> = [];
  private readonly running = new Set<{ slot: Slot; settle: (outcome: PoolOutcome) => void }>();
  /** Counts of the workers that were replaced. */
  private retiredStats: TypeCheckerStats | null = null;
  private readonly slots: Slot[];
  readonly size: number;
  private nextId = 0;
  private closed = false;

  constructor(
    size: number,
    private readonly init: { top: string; typeBudgetMs: number },
    private readonly budgetMs: number,
  ) {
    this.size = size;
    this.slots = Array.from({ length: size }, () => ({ worker: null, stats: null }));
    this.free.push(...this.slots);
  }

  async run(task: FileTask): Promise<PoolOutcome> {
    if (this.closed) return { kind: 'stopped' };
    const slot = this.free.pop() ?? (await new Promise<Slot>((resolve) => this.waiting.push(resolve)));
    if (this.closed) return { kind: 'stopped' };
    let worker: Worker;
    try {
      worker = slot.worker ??= this.spawn();
    } catch (error) {
      this.release(slot);
      return { kind: 'unavailable', message: error instanceof Error ? error.message : String(error) };
    }
    const id = this.nextId++;
    const outcome = await new Promise<PoolOutcome>((resolve) => {
      const entry = { slot, settle: (result: PoolOutcome) => finish(result) };
      const onMessage = (reply: { id: number; outcome?: FileOutcome; error?: string; typeStats: TypeCheckerStats | null }) => {
        if (reply.id !== id) return;
        slot.stats = reply.typeStats;
        finish(reply.outcome ? { kind: 'done', outcome: reply.outcome } : { kind: 'failed', message: reply.error ?? 'unknown error' });
      };
      const onError = (error: Error) => {
        this.retire(slot);
        finish({ kind: 'failed', message: `the analysis worker failed (${error.message})` });
      };
      const watchdog = setTimeout(() => {
        this.retire(slot);
        finish({ kind: 'too-long' });
      }, this.budgetMs);
      const finish = (result: PoolOutcome) => {
        clearTimeout(watchdog);
        worker.off('message', onMessage);
        worker.off('error', onError);
        this.running.delete(entry);
        resolve(result);
      };
      this.running.add(entry);
      worker.on('message', onMessage);
      worker.on('error', onError);
      worker.postMessage({ id, task });
    });
    this.release(slot);
    return outcome;
  }

  /** The type checker counts of every worker this pool ran. */
  typeStats(): TypeCheckerStats | null {
    let total = this.retiredStats ? structuredClone(this.retiredStats) : null;
    for (const slot of this.slots) total = addTypeStats(total, slot.stats);
    return total;
  }

  /** Stops every worker at once; files not finished come back as 'stopped'. */
  async close(): Promise<void> {
    this.closed = true;
    for (const entry of [...this.running]) entry.settle({ kind: 'stopped' });
    for (const resolve of this.waiting.splice(0)) resolve({ worker: null, stats: null });
    await Promise.all(this.slots.map((slot) => slot.worker?.terminate()));
  }

  /** Unreferenced: an idle worker never keeps the process alive (a file in flight does, through its watchdog). */
  private spawn(): Worker {
    const worker = new Worker(new URL('./fileWorker.js', import.meta.url), { workerData: this.init, resourceLimits: { maxOldGenerationSizeMb: WORKER_HEAP_MB } });
    worker.unref();
    return worker;
  }

  /** Terminates a slot's worker (stuck or crashed); the next file starts a fresh one. */
  private retire(slot: Slot): void {
    this.retiredStats = addTypeStats(this.retiredStats, slot.stats);
    slot.stats = null;
    void slot.worker?.terminate();
    slot.worker = null;
  }

  private release(slot: Slot): void {
    const next = this.waiting.shift();
    if (next) next(slot);
    else this.free.push(slot);
  }
}
