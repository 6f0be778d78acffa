/**
 * Start-up: the whole process, from `node bin/redirect-codemod.js` to its exit, on an empty
 * directory (nothing to parse: what is left is loading the CLI, parsing the command line and
 * walking nothing), plus --version (the command line alone). Many short runs, medians of the
 * wall time and of the process's CPU time (user + system, from process.cpuUsage() at its exit,
 * reported by a preloaded hook on a pipe: on a shared machine the CPU time is the comparable
 * one), and the load average before and after.
 *
 * With a baseline (`--startup-baseline DIR/bin/redirect-codemod.js`), its runs alternate with
 * this build's, so that both see the same machine. There is no baseline build in CI: the
 * section then shows this build alone. The build to compare with is the last one with the
 * hand-written parser, before yargs (issue 17), made from a clone:
 *
 *   git archive 0957713 | tar -x -C /tmp/own-parser && (cd /tmp/own-parser && npm ci && npm run build)
 *   npm run bench -- --only startup --startup-baseline /tmp/own-parser/bin/redirect-codemod.js
 */
import { spawnSync } from 'node:child_process';
import { loadavg, tmpdir } from 'node:os';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export interface StartupMeasure {
  bin: string;
  command: string;
  runs: number;
  medianMs: number;
  spreadMs: [number, number];
  /** The process's own CPU time (user + system). */
  cpuMedianMs: number;
  cpuSpreadMs: [number, number];
  /** One-minute load average when this command's runs began and ended. */
  load: [number, number];
}

const COMMANDS: Array<[string, (empty: string) => string[]]> = [
  ['--version', () => ['--version']],
  ['check <empty dir>', (empty) => ['check', empty]],
  ['run <empty dir> --dry', (empty) => [empty, '--mode', 'preserve', '--dry']],
];

/** Writes the process's CPU time to fd 3 as it exits; preloaded with --require, the same for every build. */
const REPORT_CPU = "process.on('exit', () => { const u = process.cpuUsage(); require('node:fs').writeSync(3, String((u.user + u.system) / 1000)); });\n";

export function startup(bins: readonly string[], runs: number, median: (values: number[]) => number): StartupMeasure[] {
  const empty = mkdtempSync(path.join(tmpdir(), 'redirect-codemod-empty-'));
  const hook = path.join(empty, '..', `${path.basename(empty)}-cpu.cjs`);
  writeFileSync(hook, REPORT_CPU);
  try {
    const out: StartupMeasure[] = [];
    for (const [command, argv] of COMMANDS) {
      const load: [number, number] = [loadavg()[0]!, 0];
      const times = bins.map(() => ({ wall: [] as number[], cpu: [] as number[] }));
      for (let i = 0; i < runs; i++) {
        bins.forEach((bin, b) => {
          const start = process.hrtime.bigint();
          const run = spawnSync(process.execPath, ['--require', hook, bin, ...argv(empty)], { stdio: ['ignore', 'ignore', 'ignore', 'pipe'] });
          times[b]!.wall.push(Number(process.hrtime.bigint() - start) / 1e6);
          if (run.status !== 0) throw new Error(`${bin} ${command}: exit ${run.status}`);
          times[b]!.cpu.push(Number(run.output[3]!.toString()));
        });
      }
      load[1] = loadavg()[0]!;
      bins.forEach((bin, b) => {
        const { wall, cpu } = times[b]!;
        out.push({ bin, command, runs, medianMs: median(wall), spreadMs: [Math.min(...wall), Math.max(...wall)], cpuMedianMs: median(cpu), cpuSpreadMs: [Math.min(...cpu), Math.max(...cpu)], load });
      });
    }
    const ms = (value: number) => value.toFixed(1).padStart(6);
    for (const m of out) {
      console.log(`  start-up ${m.command.padEnd(22)} wall ${ms(m.medianMs)} ms [${m.spreadMs[0].toFixed(0)}–${m.spreadMs[1].toFixed(0)}]  cpu ${ms(m.cpuMedianMs)} ms [${m.cpuSpreadMs[0].toFixed(0)}–${m.cpuSpreadMs[1].toFixed(0)}]  ${m.runs} runs  load ${m.load[0].toFixed(1)}→${m.load[1].toFixed(1)}  ${m.bin}`);
    }
    if (bins.length === 2) {
      for (const [command] of COMMANDS) {
        const [mine, base] = out.filter((m) => m.command === command);
        console.log(`  start-up ${command.padEnd(22)} this build − baseline: wall ${(mine!.medianMs - base!.medianMs).toFixed(1)} ms, cpu ${(mine!.cpuMedianMs - base!.cpuMedianMs).toFixed(1)} ms`);
      }
    }
    return out;
  } finally {
    rmSync(empty, { recursive: true, force: true });
    rmSync(hook, { force: true });
  }
}
