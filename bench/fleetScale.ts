/**
 * The fleet's scale check: 200 small local repositories (Flask, Express, already explicit),
 * `redirect-codemod fleet` over them at concurrency 1 and 2, and 50 at concurrency 2 to show
 * memory does not grow with the number of repositories. Each run starts from a fresh copy of
 * the pristine fleet; wall time, repositories per minute and peak RSS (the node process, with
 * its worker threads) through /usr/bin/time.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export interface FleetMeasure {
  repos: number;
  concurrency: number;
  runs: number[];
  wall: number;
  reposPerMinute: number;
  secondsPerRepo: number;
  rss: number;
  totals: Record<string, number>;
}

const APPS: Record<string, Record<string, string>> = {
  flask: { 'app.py': 'from flask import Flask, redirect\n\napp = Flask(__name__)\n\n\n@app.route("/")\ndef index():\n    return redirect("/home")\n\n\n@app.post("/logout")\ndef logout():\n    return redirect("/")\n' },
  express: {
    'package.json': '{ "name": "svc", "private": true, "dependencies": { "express": "^4.21.0" } }\n',
    'server.js': "const express = require('express');\n\nconst app = express();\napp.get('/old', (req, res) => res.redirect('/new'));\nmodule.exports = app;\n",
  },
  explicit: { 'app.py': 'from flask import redirect\n\n\ndef old():\n    return redirect("/new", code=301)\n' },
};

function git(cwd: string, ...argv: string[]): void {
  const run = spawnSync('git', argv, { cwd, encoding: 'utf8', env: { ...process.env, GIT_AUTHOR_NAME: 'bench', GIT_AUTHOR_EMAIL: 'bench@example.org', GIT_COMMITTER_NAME: 'bench', GIT_COMMITTER_EMAIL: 'bench@example.org' } });
  if (run.status !== 0) throw new Error(`git ${argv.join(' ')}: ${run.stderr}`);
}

/** `count` repositories under `dir`, with a few more files each so they look like services. */
function makeFleet(dir: string, count: number): string[] {
  const kinds = Object.keys(APPS);
  const repos: string[] = [];
  for (let i = 0; i < count; i++) {
    const repo = path.join(dir, `svc-${String(i).padStart(3, '0')}`);
    mkdirSync(path.join(repo, 'lib'), { recursive: true });
    for (const [file, text] of Object.entries(APPS[kinds[i % kinds.length]!]!)) writeFileSync(path.join(repo, file), text);
    for (let j = 0; j < 8; j++) writeFileSync(path.join(repo, 'lib', `util${j}.py`), `def helper_${j}(x):\n    return x + ${j}\n`);
    writeFileSync(path.join(repo, 'README.md'), `# svc ${i}\n`);
    git(repo, 'init', '-q', '-b', 'main');
    git(repo, 'add', '-A');
    git(repo, 'commit', '-q', '-m', 'initial');
    repos.push(repo);
  }
  return repos;
}

export function fleetScale(work: string, bin: string, runs: number, median: (values: number[]) => number): FleetMeasure[] {
  const pristine = path.join(work, 'fleet-pristine');
  mkdirSync(pristine, { recursive: true });
  console.log(`\nFleet scale check: making 200 repositories in ${pristine} ...`);
  makeFleet(pristine, 200);
  const results: FleetMeasure[] = [];
  for (const [count, concurrency] of [
    [200, 1],
    [200, 2],
    [50, 2],
  ] as const) {
    const walls: number[] = [];
    const rsss: number[] = [];
    let totals: Record<string, number> = {};
    for (let i = 0; i < runs; i++) {
      const fleet = path.join(work, 'fleet-run');
      rmSync(fleet, { recursive: true, force: true });
      cpSync(pristine, fleet, { recursive: true });
      const list = path.join(work, 'fleet-repos.txt');
      writeFileSync(list, Array.from({ length: count }, (_, k) => path.join(fleet, `svc-${String(k).padStart(3, '0')}`)).join('\n'));
      const report = path.join(work, 'fleet-report.json');
      const run = spawnSync('/usr/bin/time', ['-f', 'TIME %e %U %S %M', process.execPath, bin, 'fleet', '--repos', list, '--mode', 'preserve', '--concurrency', String(concurrency), '--workdir', path.join(work, 'fleet-workdir'), '--report', report], {
        encoding: 'utf8',
        maxBuffer: 1 << 28,
      });
      const line = /TIME ([\d.]+) ([\d.]+) ([\d.]+) (\d+)/.exec(run.stderr);
      if (!line || run.status !== 0) throw new Error(`fleet failed (${run.status}): ${run.stderr.slice(-600)}`);
      walls.push(Number(line[1]));
      rsss.push(Number(line[4]) / 1024);
      totals = (JSON.parse(readFileSync(report, 'utf8')) as { totals: Record<string, number> }).totals;
    }
    const wall = median(walls);
    const measure = { repos: count, concurrency, runs: walls, wall, reposPerMinute: (count / wall) * 60, secondsPerRepo: wall / count, rss: Math.max(...rsss), totals };
    results.push(measure);
    const shown = Object.entries(totals).filter(([, n]) => n > 0).map(([s, n]) => `${n} ${s}`).join(', ');
    console.log(
      `  ${String(count).padStart(3)} repos, concurrency ${concurrency}: ${wall.toFixed(1).padStart(6)} s  [${Math.min(...walls).toFixed(1)}–${Math.max(...walls).toFixed(1)}]  ${measure.reposPerMinute.toFixed(0).padStart(5)} repos/min  ${(measure.secondsPerRepo * 1000).toFixed(0)} ms/repo  peak rss ${Math.round(measure.rss)} MB  (${shown})`,
    );
  }
  return results;
}
