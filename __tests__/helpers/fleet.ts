/** Builds a fleet of real git repositories: a bare origin per service plus a clone of it. */
import { cpSync, mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { git, initRepo, REPO } from './cli.js';

export const FLEET_FIXTURES = path.join(REPO, '__testfixtures__', 'fleet');

export interface FleetRepo {
  origin: string;
  clone: string;
}

/** Copies `source` into a new repository named `name`, pushes it to a bare origin and clones that. */
export function makeFleetRepo(root: string, name: string, source: string): FleetRepo {
  const seed = path.join(root, 'seeds', name);
  mkdirSync(path.dirname(seed), { recursive: true });
  cpSync(source, seed, { recursive: true });
  initRepo(seed);
  const origin = path.join(root, 'origins', `${name}.git`);
  mkdirSync(path.dirname(origin), { recursive: true });
  git(root, 'clone', '-q', '--bare', seed, origin);
  const clone = path.join(root, 'clones', name);
  mkdirSync(path.dirname(clone), { recursive: true });
  git(root, 'clone', '-q', origin, clone);
  return { origin, clone };
}

export function fixture(name: string): string {
  return name === 'flask-shop' ? path.join(REPO, 'examples', 'flask-shop') : path.join(FLEET_FIXTURES, name);
}

export interface ReportEntry {
  repo: string;
  status: string;
  step: string | null;
  error: string | null;
  reason: string | null;
  branch: string | null;
  commit: string | null;
  resumed: boolean;
  pushed: boolean;
  counts: { sites: number; files: number; explicit: number; review: number } | null;
  filesNotProcessed: Array<{ file: string; message: string }>;
  durationMs: number;
}

export interface Report {
  mode: string;
  branch: string;
  interrupted: boolean;
  totals: Record<string, number>;
  repos: ReportEntry[];
}

export function readReport(file: string): Report {
  return JSON.parse(readFileSync(file, 'utf8')) as Report;
}

/** The entry for a repository given as `spec`. */
export function entry(report: Report, spec: string): ReportEntry {
  const found = report.repos.find((repo) => repo.repo === spec);
  if (!found) throw new Error(`no report entry for ${spec}: ${report.repos.map((r) => r.repo).join(', ')}`);
  return found;
}

/** The commit a ref points at, or null. */
export function refTip(repo: string, ref: string): string | null {
  try {
    return git(repo, 'rev-parse', '--verify', '--quiet', `${ref}^{commit}`).trim();
  } catch {
    return null;
  }
}
