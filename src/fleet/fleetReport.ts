/**
 * The fleet report: one entry per repository, written (JSON plus a Markdown twin) after every
 * repository finishes, so a killed run still says what was done.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { writeOutputFile } from '../engine/atomicWrite.js';
import type { Mode } from '../site.js';
import { TOOL } from '../version.js';

export type RepoStatus = 'changed' | 'unchanged' | 'review-only' | 'failed' | 'skipped' | 'interrupted' | 'pending';

/** Statuses `--retry-failed` runs again: the ones that did not finish, and the skipped (dirty, missing) once cleaned. */
export const RETRIED: readonly RepoStatus[] = ['failed', 'skipped', 'interrupted', 'pending'];

export interface RepoCounts {
  /** Redirect calls given an explicit status. */
  sites: number;
  files: number;
  explicit: number;
  review: number;
}

export interface RepoReport {
  /** As given on the command line or in the --repos file. */
  repo: string;
  kind: 'url' | 'path';
  /** The directory the tool worked from: the local repository or its clone. */
  path: string | null;
  status: RepoStatus;
  /** Why a repository was skipped or interrupted, or what a resumed one found. */
  reason: string | null;
  /** For a failure: the step (locate, clone, fetch, branch, worktree, run, commit, push) and git's or the engine's words. */
  step: string | null;
  error: string | null;
  branch: string | null;
  commit: string | null;
  /** The commit was made by an earlier run (found on the branch), not by this one. */
  resumed: boolean;
  pushed: boolean;
  counts: RepoCounts | null;
  /** Files the engine left alone (could not parse, not UTF-8, ...). */
  filesNotProcessed: Array<{ file: string; message: string }>;
  durationMs: number;
  /** A dry run's review files, beside the report: the patch and the Markdown summary of what would change. */
  patch?: string;
  summary?: string;
}

export interface FleetReport {
  tool: 'redirect-codemod';
  version: string;
  mode: Mode;
  branch: string;
  dry: boolean;
  push: boolean;
  startedAt: string;
  finishedAt: string | null;
  interrupted: boolean;
  totals: Record<RepoStatus, number>;
  repos: RepoReport[];
}

export function pendingRepo(repo: string, kind: RepoReport['kind']): RepoReport {
  return { repo, kind, path: null, status: 'pending', reason: null, step: null, error: null, branch: null, commit: null, resumed: false, pushed: false, counts: null, filesNotProcessed: [], durationMs: 0 };
}

export function totalsOf(repos: readonly RepoReport[]): Record<RepoStatus, number> {
  const totals: Record<RepoStatus, number> = { changed: 0, unchanged: 0, 'review-only': 0, failed: 0, skipped: 0, interrupted: 0, pending: 0 };
  for (const repo of repos) totals[repo.status]++;
  return totals;
}

/** `report.json` → `report.md`; any other name gets `.md` appended. */
export function markdownTwin(file: string): string {
  return file.endsWith('.json') ? `${file.slice(0, -'.json'.length)}.md` : `${file}.md`;
}

export async function readFleetReport(file: string): Promise<FleetReport> {
  const parsed = JSON.parse(await readFile(file, 'utf8')) as Partial<FleetReport>;
  if (parsed.tool !== 'redirect-codemod' || !Array.isArray(parsed.repos)) throw new Error(`${file} is not a redirect-codemod fleet report`);
  return parsed as FleetReport;
}

export async function writeFleetReport(file: string, report: FleetReport): Promise<void> {
  report.totals = totalsOf(report.repos);
  await replaceFile(file, `${JSON.stringify(report, null, 2)}\n`);
  await replaceFile(markdownTwin(file), renderFleetMarkdown(report));
}

/** Written whole or not at all, never through a link: the tool's one writer. */
export async function replaceFile(file: string, text: string): Promise<void> {
  await writeOutputFile(file, Buffer.from(text, 'utf8'), process.cwd());
}

const STATUS_WORDS: Record<RepoStatus, string> = {
  changed: 'changed',
  unchanged: 'unchanged',
  'review-only': 'review only',
  failed: '**failed**',
  skipped: 'skipped',
  interrupted: 'interrupted',
  pending: 'not reached',
};

export function renderFleetMarkdown(report: FleetReport): string {
  const totals = totalsOf(report.repos);
  const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
  const lines = [
    `# redirect-codemod fleet: ${report.mode}${report.dry ? ' (dry run)' : ''}`,
    '',
    `Branch \`${report.branch}\`, started ${report.startedAt}${report.finishedAt ? `, finished ${report.finishedAt}` : ', still running or stopped'}${report.interrupted ? ' — **interrupted**' : ''}.`,
    '',
    (Object.keys(totals) as RepoStatus[])
      .filter((status) => totals[status] > 0)
      .map((status) => `${totals[status]} ${STATUS_WORDS[status].replace(/\*/g, '')}`)
      .join(' · ') || 'No repositories.',
    '',
    '| Repository | Status | Sites | Files | Review | Commit | Notes |',
    '| --- | --- | ---: | ---: | ---: | --- | --- |',
  ];
  for (const repo of report.repos) {
    const notes = [
      repo.status === 'failed' ? `${repo.step}: ${repo.error}` : repo.reason,
      repo.pushed ? 'pushed' : null,
      repo.filesNotProcessed.length > 0 ? `not processed: ${repo.filesNotProcessed.map((f) => `\`${f.file}\` (${f.message})`).join(', ')}` : null,
      repo.patch && repo.summary ? `[patch](${encodeURI(path.basename(repo.patch))}), [summary](${encodeURI(path.basename(repo.summary))})` : null,
    ].filter((note): note is string => Boolean(note));
    lines.push(
      `| ${cell(repo.repo)} | ${STATUS_WORDS[repo.status]} | ${repo.counts?.sites ?? ''} | ${repo.counts?.files ?? ''} | ${repo.counts?.review ?? ''} | ${repo.commit ? `\`${repo.commit.slice(0, 12)}\`${repo.resumed ? ' (earlier run)' : ''}` : ''} | ${cell(notes.join('; '))} |`,
    );
  }
  if (report.repos.some((repo) => RETRIED.includes(repo.status))) {
    lines.push('', 'Run again with `--retry-failed` to retry the failed, skipped, interrupted and unreached repositories.');
  }
  lines.push('', `Generated by redirect-codemod ${report.version}.`, '');
  return lines.join('\n');
}

export function newFleetReport(options: { mode: Mode; branch: string; dry: boolean; push: boolean }, repos: RepoReport[]): FleetReport {
  return { tool: 'redirect-codemod', version: TOOL.version, ...options, startedAt: new Date().toISOString(), finishedAt: null, interrupted: false, totals: totalsOf(repos), repos };
}
