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

  constructor(private readonly size: number) {}

  /** Runs the engine on one repository in a free worker (waiting for one). */
  async run(task: EngineTask): Promise<EngineOutcome> {
    const slot = await this.acquire();
    try {
      return await new Promise<EngineOutcome>((resolve, reject) => {
        const onMessage = (reply: { ok: true; outcome: EngineOutcome } | { ok: false; error: string }) => {
          cleanup();
          if (reply.ok) resolve(reply.outcome);
          else reject(new Error(reply.error));
        };
        const onError = (error: Error) => {
          cleanup();
          slot.worker = this.spawn();
          reject(error);
        };
        const cleanup = () => {
          slot.worker.off('message', onMessage);
          slot.worker.off('error', onError);
        };
        slot.worker.on('message', onMessage);
        slot.worker.on('error', onError);
        slot.worker.postMessage({ type: 'run', task });
        if (this.aborted) slot.worker.postMessage({ type: 'abort' });
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
    return new Worker(new URL('./engineWorker.js', import.meta.url));
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
