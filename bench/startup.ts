/**
 * Start-up: the whole process, from `node bin/redirect-codemod.js` to its exit, on an empty
 * directory (nothing to parse: what is left is loading the CLI, parsing the command line and
 * walking nothing), plus --version (the command line alone). Many short runs, median and spread;
 * with a baseline bin (`--startup-baseline DIR/bin/redirect-codemod.js`, e.g. an older build),
 * its runs interleave with this build's so that both see the same machine load.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

export interface StartupMeasure {
  bin: string;
  command: string;
  runs: number;
  medianMs: number;
  spreadMs: [number, number];
}

const COMMANDS: Array<[string, (empty: string) => string[]]> = [
  ['--version', () => ['--version']],
  ['check <empty dir>', (empty) => ['check', empty]],
  ['run <empty dir> --dry', (empty) => [empty, '--mode', 'preserve', '--dry']],
];

export function startup(bins: readonly string[], runs: number, median: (values: number[]) => number): StartupMeasure[] {
  const empty = mkdtempSync(path.join(tmpdir(), 'redirect-codemod-empty-'));
  try {
    const out: StartupMeasure[] = [];
    for (const [command, argv] of COMMANDS) {
      const times = bins.map(() => [] as number[]);
      for (let i = 0; i < runs; i++) {
        bins.forEach((bin, b) => {
          const start = process.hrtime.bigint();
          const run = spawnSync(process.execPath, [bin, ...argv(empty)], { stdio: 'ignore' });
          times[b]!.push(Number(process.hrtime.bigint() - start) / 1e6);
          if (run.status !== 0) throw new Error(`${bin} ${command}: exit ${run.status}`);
        });
      }
      bins.forEach((bin, b) => out.push({ bin, command, runs, medianMs: median(times[b]!), spreadMs: [Math.min(...times[b]!), Math.max(...times[b]!)] }));
    }
    for (const m of out) console.log(`  start-up ${m.command.padEnd(24)} ${m.medianMs.toFixed(1).padStart(7)} ms  [${m.spreadMs[0].toFixed(1)}–${m.spreadMs[1].toFixed(1)}]  ${m.runs} runs  ${m.bin}`);
    return out;
  } finally {
    rmSync(empty, { recursive: true, force: true });
  }
}
