/**
 * A fleet worker thread: keeps the engine (and its parsers) loaded and migrates one
 * repository per message, so repositories run in parallel on every core without paying
 * Node's start-up for each.
 */
import { parentPort } from 'node:worker_threads';
import { runCodemod, type RunResult } from '../engine/run.js';
import { renderCommitMessage } from '../reports/commitMessage.js';
import { summaryCounts } from '../reports/summary.js';
import type { EngineOutcome, EngineTask } from './engineTask.js';

let controller: AbortController | null = null;

parentPort!.on('message', (message: { type: 'run'; task: EngineTask } | { type: 'abort' }) => {
  if (message.type === 'abort') {
    controller?.abort();
    return;
  }
  controller = new AbortController();
  migrate(message.task, controller.signal).then(
    (outcome) => parentPort!.postMessage({ ok: true, outcome }),
    (error: unknown) => parentPort!.postMessage({ ok: false, error: error instanceof Error ? error.message : String(error) }),
  );
});

async function migrate(task: EngineTask, signal: AbortSignal): Promise<EngineOutcome> {
  const result = await runCodemod({
    paths: [task.root],
    cwd: task.root,
    mode: task.mode,
    dry: task.dry,
    allowDirty: false,
    types: task.types,
    forceMode: task.forceMode,
    ...task.run,
    exclude: [{ base: task.root, patterns: task.run.exclude }],
    changelog: { kind: 'auto' },
    signal,
  });
  const counts = summaryCounts(result);
  const refused =
    result.refusedDirty.length > 0
      ? `uncommitted changes in ${result.refusedDirty.map((r) => r.path).join(', ')}`
      : result.modeWarning?.refused
        ? result.modeWarning.message
        : null;
  return {
    ...(task.dry && (result.changes.length > 0 || result.changelog?.write) ? { reviewFiles: await reviewFiles(task, result) } : {}),
    rewritten: counts.rewritten,
    filesChanged: counts.filesChanged,
    explicit: counts.explicit,
    review: counts.review,
    errors: result.errors.map((e) => ({ file: e.file, message: e.line ? `line ${e.line}: ${e.message}` : e.message })),
    commitMessage: renderCommitMessage(result),
    interrupted: result.interrupted,
    refused,
  };
}

/** What a reviewer reads before anything is pushed: the dry run's patch and its Markdown summary. */
async function reviewFiles(task: EngineTask, result: RunResult): Promise<{ patch: string; summaryMarkdown: string }> {
  const { renderPatch } = await import('../reports/patchFile.js');
  const { renderSummaryMarkdown } = await import('../reports/summaryMarkdown.js');
  const write = result.changelog?.write;
  const changes = write ? [...result.changes, { file: write.file, path: write.shown, before: write.before, after: write.after }] : result.changes;
  return { patch: renderPatch(result, changes), summaryMarkdown: renderSummaryMarkdown(result, `redirect-codemod . --mode ${task.mode} --dry`) };
}
