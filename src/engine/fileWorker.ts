/**
 * An analysis worker thread: keeps its own parsers (and type checker) loaded and analyses
 * one file per message, so a run uses every core where there is parse work. Only plain data
 * crosses: a FileTask in, a FileOutcome out (src/engine/analyseFile.ts).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { Analyser, type FileTask } from './analyseFile.js';

const { top, typeBudgetMs } = workerData as { top: string; typeBudgetMs: number };
const analyser = new Analyser(top, typeBudgetMs);

parentPort!.on('message', (message: { id: number; task: FileTask }) => {
  // Fault injection for the tests: a file that never finishes must not hold the run hostage.
  if (process.env.REDIRECT_CODEMOD_INJECT_HANG === message.task.shown) for (;;);
  analyser.analyse(message.task).then(
    (outcome) => parentPort!.postMessage({ id: message.id, outcome, typeStats: analyser.typeStats() }),
    (error: unknown) => parentPort!.postMessage({ id: message.id, error: error instanceof Error ? error.message : String(error), typeStats: analyser.typeStats() }),
  );
});
