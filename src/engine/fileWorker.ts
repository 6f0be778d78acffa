/**
 * An analysis worker thread: keeps its own parsers (and type checker) loaded and analyses
 * the files posted to it one after the other, so a run uses every core where there is parse
 * work. It says when it starts each file (the pool's watchdog counts from there). Only plain
 * data crosses: a FileTask in, a FileOutcome out (src/engine/analyseFile.ts).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { Analyser, type FileTask } from './analyseFile.js';
import type { WorkerReply } from './filePool.js';

const { top, typeBudgetMs } = workerData as { top: string; typeBudgetMs: number };
const analyser = new Analyser(top, typeBudgetMs);
const reply = (message: WorkerReply) => parentPort!.postMessage(message);

/** One file at a time, in the order they came. */
let queue: Promise<void> = Promise.resolve();

parentPort!.on('message', (message: { id: number; task: FileTask }) => {
  queue = queue.then(async () => {
    reply({ id: message.id, started: true });
    // Fault injection for the tests: a file that never finishes must not hold the run hostage.
    if (process.env.REDIRECT_CODEMOD_INJECT_HANG === message.task.shown) for (;;);
    try {
      reply({ id: message.id, outcome: await analyser.analyse(message.task), typeStats: analyser.typeStats() });
    } catch (error) {
      reply({ id: message.id, error: error instanceof Error ? error.message : String(error), typeStats: analyser.typeStats() });
    }
  });
});
