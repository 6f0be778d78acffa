/**
 * A fixed number of engine workers, one repository each at a time. Memory is bounded by the
 * pool's size, not by the number of repositories: a worker keeps nothing between tasks but
 * its loaded parsers.
 */
import { Worker } from 'node:worker_threads';
import type { EngineOutcome, EngineTask } from './engineTask.js';

interface Slot {
  worker: Worker;
  busy: boolean;
}

export class EnginePool {
  private readonly slots: Slot[] = [];
  private readonly waiting: Array<(slot: Slot) => void> = [];
  private aborted = false;
  /** Workers that stopped (a failed start included: no file descriptors left), and why. */
  private readonly stopped = new Map<Worker, Error>();

  constructor(private readonly size: number) {}

  /** Runs the engine on one repository in a free worker (waiting for one). */
  async run(task: EngineTask): Promise<EngineOutcome> {
    const slot = await this.acquire();
    if (this.stopped.has(slot.worker)) slot.worker = this.spawn();
    try {
      return await new Promise<EngineOutcome>((resolve, reject) => {
        const onMessage = (reply: { ok: true; outcome: EngineOutcome } | { ok: false; error: string }) => {
          cleanup();
          if (reply.ok) resolve(reply.outcome);
          else reject(new Error(reply.error));
        };
        const onError = (error: Error) => {
          cleanup();
          reject(error);
        };
        const onExit = () => onError(this.stopped.get(worker) ?? new Error('the engine worker stopped'));
        const worker = slot.worker;
        const cleanup = () => {
          worker.off('message', onMessage);
          worker.off('error', onError);
          worker.off('exit', onExit);
        };
        worker.on('message', onMessage);
        worker.on('error', onError);
        worker.on('exit', onExit);
        if (this.stopped.has(worker)) return onExit();
        worker.postMessage({ type: 'run', task });
        if (this.aborted) worker.postMessage({ type: 'abort' });
      });
    } finally {
      this.release(slot);
    }
  }

  /** Asks every running engine to stop after the file it is writing. */
  abort(): void {
    this.aborted = true;
    for (const slot of this.slots) if (slot.busy) slot.worker.postMessage({ type: 'abort' });
  }

  async close(): Promise<void> {
    await Promise.all(this.slots.map((slot) => slot.worker.terminate()));
  }

  private spawn(): Worker {
    const worker = new Worker(new URL('./engineWorker.js', import.meta.url));
    // Never an unhandled 'error' event: the task that meets the worker reports what happened.
    worker.on('error', (error) => this.stopped.set(worker, error));
    worker.on('exit', () => this.stopped.set(worker, this.stopped.get(worker) ?? new Error('the engine worker stopped')));
    return worker;
  }

  private acquire(): Promise<Slot> {
    const free = this.slots.find((slot) => !slot.busy);
    if (free) {
      free.busy = true;
      return Promise.resolve(free);
    }
    if (this.slots.length < this.size) {
      const slot = { worker: this.spawn(), busy: true };
      this.slots.push(slot);
      return Promise.resolve(slot);
    }
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  private release(slot: Slot): void {
    const next = this.waiting.shift();
    if (next) next(slot);
    else slot.busy = false;
  }
}
