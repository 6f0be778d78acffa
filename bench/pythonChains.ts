/**
 * The Python reassignment-chain row: one generated Flask module per size, a search view that
 * rebuilds a query `q = q.filter(...)` N times under ifs and in loops (the SQLAlchemy shape that
 * once took 109 s for 40 reassignments), timed as `redirect-codemod check` on that one file.
 * Linear resolution shows as about the same time at every N, start-up dominating.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export interface ChainMeasure {
  reassignments: number;
  bytes: number;
  runs: number[];
  wall: number;
  cpu: number;
  rss: number;
  sites: number;
}

export const CHAIN_SIZES = [40, 250, 500, 1000];

export function chainModule(n: number): string {
  const lines = ['from flask import Flask, redirect, request', 'from models import Item', '', 'app = Flask(__name__)', '', '', '@app.route("/search")', 'def search():', '    q = Item.query'];
  for (let i = 0; i < n; i++) {
    if (i % 3 === 2) lines.push(`    for v${i} in request.args.getlist("f${i}"):`, `        q = q.filter(Item.f${i} == v${i}).order_by(Item.f${i})`);
    else lines.push(`    if request.args.get("f${i}"):`, `        q = q.filter(Item.f${i} == request.args["f${i}"])`);
  }
  lines.push('    if not q.count():', '        return redirect("/none")', '    return q.all()', '');
  return lines.join('\n');
}

export function pythonChains(work: string, bin: string, runs: number, median: (values: number[]) => number): ChainMeasure[] {
  console.log('\nPython reassignment chains: one module, `q = q.filter(...)` N times, `check` on the file');
  const results: ChainMeasure[] = [];
  for (const n of CHAIN_SIZES) {
    const dir = path.join(work, `python-chains-${n}`);
    mkdirSync(dir, { recursive: true });
    const file = path.join(dir, 'search.py');
    const text = chainModule(n);
    writeFileSync(file, text);
    const walls: number[] = [];
    const cpus: number[] = [];
    const rsss: number[] = [];
    let sites = 0;
    for (let i = 0; i < runs; i++) {
      const run = spawnSync('/usr/bin/time', ['-f', 'TIME %e %U %S %M', process.execPath, bin, 'check', file, '--format', 'json'], { encoding: 'utf8', maxBuffer: 1 << 28 });
      const line = /TIME ([\d.]+) ([\d.]+) ([\d.]+) (\d+)/.exec(run.stderr);
      if (!line || (run.status !== 0 && run.status !== 1)) throw new Error(`check failed (${run.status}): ${run.stderr.slice(-600)}`);
      walls.push(Number(line[1]));
      cpus.push(Number(line[2]) + Number(line[3]));
      rsss.push(Number(line[4]) / 1024);
      sites = (JSON.parse(run.stdout) as { sites: unknown[] }).sites.length;
    }
    const measure = { reassignments: n, bytes: Buffer.byteLength(text), runs: walls, wall: median(walls), cpu: median(cpus), rss: Math.max(...rsss), sites };
    results.push(measure);
    console.log(`  ${String(n).padStart(5)} reassignments (${(measure.bytes / 1024).toFixed(0).padStart(3)} KB): ${measure.wall.toFixed(2).padStart(6)} s  [${Math.min(...walls).toFixed(2)}–${Math.max(...walls).toFixed(2)}]  cpu ${measure.cpu.toFixed(2).padStart(5)} s  rss ${Math.round(measure.rss)} MB  ${sites} site(s)`);
  }
  const first = results[0]!;
  const last = results[results.length - 1]!;
  console.log(`  ${last.reassignments / first.reassignments}x the reassignments → ${(last.wall / first.wall).toFixed(2)}x the time, ${(last.cpu / first.cpu).toFixed(2)}x the CPU`);
  return results;
}
