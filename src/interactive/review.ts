/**
 * `run --interactive`: each rewrite of a dry run shown as a hunk with its framework, the
 * methods that reach it and the risk, then a question as `git add -p` asks it:
 *
 *   y apply this one   n skip it   a apply it and the rest of this file
 *   d skip it and the rest of this file   q skip it and every one after   ? help
 *
 * The answers become a Selection (src/engine/selection.ts) for the run that writes. Ctrl-C
 * aborts the review: nothing is written.
 */
import { createInterface } from 'node:readline/promises';
import { FRAMEWORK_NAMES } from '../changelog/entry.js';
import { siteKey, type Selection } from '../engine/selection.js';
import type { RunResult } from '../engine/run.js';
import { paint, type Painter } from '../reports/color.js';
import { methodsText } from '../reports/summary.js';
import type { Site } from '../site.js';

export interface Terminal {
  stdin: NodeJS.ReadableStream;
  stdout: NodeJS.WritableStream;
}

const HELP = [
  'y - apply this change',
  'n - do not apply it (it stays for review)',
  'a - apply this change and every later one in this file',
  'd - do not apply this change nor any later one in this file',
  'q - quit: do not apply this change nor any later one (those accepted are written)',
  '? - print this help',
].join('\n');

/** The user's choices, or 'aborted' (Ctrl-C): then nothing is written. */
export async function reviewSites(result: RunResult, terminal: Terminal, color: boolean): Promise<Selection | 'aborted'> {
  const c = paint(color);
  const sites = result.sites.filter((site) => site.action === 'rewritten' && site.edit).sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column);
  const before = new Map(result.changes.map((change) => [change.path, change.before]));
  const accepted = new Map<string, Set<string>>();
  const rl = createInterface({ input: terminal.stdin, output: terminal.stdout, terminal: true });
  let aborted = false;
  const abort = new Promise<null>((resolve) => {
    rl.once('SIGINT', () => {
      aborted = true;
      resolve(null);
    });
    rl.once('close', () => resolve(null));
  });
  let fileRule = null as { file: string; apply: boolean } | null;
  let quit = false;
  try {
    for (const [index, site] of sites.entries()) {
      const text = before.get(site.file);
      if (text === undefined) continue;
      let answer: string | null;
      if (quit) answer = 'n';
      else if (fileRule?.file === site.file) answer = fileRule.apply ? 'y' : 'n';
      else {
        terminal.stdout.write(`\n${hunk(site, text, index, sites.length, c)}\n`);
        answer = await ask(rl, abort, terminal.stdout, c);
        if (answer === null) {
          if (aborted) return 'aborted';
          answer = 'q'; // end of input: as q
        }
        if (answer === 'a' || answer === 'd') fileRule = { file: site.file, apply: answer === 'a' };
        if (answer === 'q') quit = true;
      }
      if (answer === 'y' || answer === 'a') {
        if (!accepted.has(site.file)) accepted.set(site.file, new Set());
        accepted.get(site.file)!.add(siteKey(site));
      }
    }
  } finally {
    rl.close();
  }
  const files = new Map([...before].map(([file, text]) => [file, { before: text, accepted: accepted.get(file) ?? new Set<string>() }]));
  const count = [...accepted.values()].reduce((n, keys) => n + keys.size, 0);
  terminal.stdout.write(`\n${count} of ${sites.length} change(s) accepted.\n\n`);
  return { files };
}

/** One answer (y, n, a, d or q), asking again after anything else; null on Ctrl-C or end of input. */
async function ask(rl: ReturnType<typeof createInterface>, abort: Promise<null>, out: NodeJS.WritableStream, c: Painter): Promise<string | null> {
  for (;;) {
    const answer = await Promise.race([rl.question(c.bold('Apply this change [y,n,a,d,q,?]? ')), abort]);
    if (answer === null) return null;
    const choice = answer.trim().toLowerCase();
    if (['y', 'n', 'a', 'd', 'q'].includes(choice)) return choice;
    out.write(`${c.red(HELP)}\n`);
  }
}

/** The site's line before and after, two lines of context, and what the tool knows about it. */
function hunk(site: Site, text: string, index: number, total: number, c: Painter): string {
  const edit = site.edit!;
  const lines = text.split(/\r\n|\r|\n/);
  if (lines.at(-1) === '') lines.pop(); // the text after the last line break is no line
  const at = text.slice(0, edit.offset).split(/\r\n|\r|\n/).length - 1;
  const start = text.slice(0, edit.offset).search(/[^\r\n]*$/);
  const line = lines[at]!;
  const column = edit.offset - start;
  const changed = `${line.slice(0, column)}${edit.insert}${line.slice(column)}`;
  const from = Math.max(0, at - 2);
  const to = Math.min(lines.length - 1, at + 2);
  const framework = FRAMEWORK_NAMES[site.framework] ?? site.framework;
  const risk = site.risk?.changesBehaviour ? c.yellow(`changes what clients see (${site.risk.why})`) : 'no client can tell the difference';
  const out = [
    c.bold(`(${index + 1}/${total}) ${site.file}:${site.line}:${site.column}  ${site.api} → ${site.status.after}`),
    `  framework: ${framework} · methods: ${methodsText(site)} · risk: ${risk}`,
    c.cyan(`@@ -${from + 1},${to - from + 1} +${from + 1},${to - from + 1} @@`),
  ];
  for (let i = from; i <= to; i++) {
    if (i === at) out.push(c.red(`-${line}`), c.green(`+${changed}`));
    else out.push(` ${lines[i]}`);
  }
  return out.join('\n');
}
