/**
 * An analysis worker thread: keeps its own parsers (and type checker) loaded and analyses
 * the files posted to it one after the other, so a run uses every core where there is parse
 * work. It also scans test files for status assertions. It says when it starts each file (the
 * pool's watchdog counts from there). A job with a claim slot is the worker's only if it wins
 * the slot; the main thread may have taken it (src/engine/filePool.ts). Only plain data
 * crosses: a FileTask in, a FileOutcome out (src/engine/analyseFile.ts).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { Analyser } from './analyseFile.js';
import { CLAIMED_BY_WORKER, UNCLAIMED, type WorkerJob, type WorkerReply } from './filePool.js';

const { top, typeBudgetMs, claims } = workerData as { top: string; typeBudgetMs: number; claims: Int32Array | null };
const analyser = new Analyser(top, typeBudgetMs);
const reply = (message: WorkerReply) => parentPort!.postMessage(message);

/**
 * A small Express module, analysed once when the worker starts: the worker loads and compiles
 * the parser and the analysis while the main thread is still reading files, instead of on its
 * first file. Nothing of it is kept or reported.
 */
const WARM_UP = [
  "import express from 'express';",
  'const app = express();',
  "app.post('/login', async (req, res) => {",
  "  if (!req.body?.user) return res.redirect('/login');",
  "  res.redirect(302, `/home/${req.body.user}`);",
  '});',
  'export default app;',
  '',
].join('\n');

async function warmUp(): Promise<void> {
  const kit = await analyser.jsKit();
  kit.transformJs(WARM_UP, 'warm-up.js', 'preserve', { pkg: { file: null, name: null, dependencies: new Map([['express', '^4.21.0']]), locked: new Map() }, types: null, trustPackage: false });
}

/** One file at a time, in the order they came, after the warm-up (whose failure changes nothing). */
let queue: Promise<void> = warmUp().catch(() => undefined);

parentPort!.on('message', (message: WorkerJob) => {
  queue = queue.then(async () => {
    if (message.claim >= 0 && Atomics.compareExchange(claims!, message.claim, UNCLAIMED, CLAIMED_BY_WORKER) !== UNCLAIMED) {
      reply({ id: message.id, skipped: true });
      return;
    }
    reply({ id: message.id, started: true });
    try {
      if ('scan' in message) {
        // Loaded with the first test file: a worker that only analyses never loads the test step.
        const { scanTestFile } = await import('../testsuite/plan.js');
        reply({ id: message.id, scanned: await scanTestFile(message.scan.text, message.scan.file), typeStats: analyser.typeStats() });
        return;
      }
      // Fault injection for the tests: a file that never finishes must not hold the run hostage.
      if (process.env.REDIRECT_CODEMOD_INJECT_HANG === message.task.shown) for (;;);
      reply({ id: message.id, outcome: await analyser.analyse(message.task), typeStats: analyser.typeStats() });
    } catch (error) {
      reply({ id: message.id, error: error instanceof Error ? error.message : String(error), typeStats: analyser.typeStats() });
    }
  });
});
