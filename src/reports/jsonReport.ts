/** The machine-readable report (`--json`): version 1. */
import { nothingWritten, type RunResult } from '../engine/run.js';
import type { FileError, LookAlike, Mode, Site } from '../site.js';
import { summaryCounts, type SummaryCounts } from './summary.js';

export interface JsonReport {
  version: 1;
  mode: Mode;
  dry: boolean;
  /** False for a dry run and for a refused one (dirty files, the Flask 3.2 guard): then nothing was written. */
  written: boolean;
  root: string;
  summary: SummaryCounts;
  sites: Site[];
  /** Redirect-shaped calls proved not to be framework redirects; `parsed: false` for files never parsed (no framework import). */
  notFramework: LookAlike[];
  errors: FileError[];
  refusedDirty: Array<{ path: string; why: string }>;
  skipped: RunResult['skipped'];
  excludedDirectories: string[];
  excludedByPattern: string[];
  /** The project config applied (src/config/projectConfig.ts), or null. */
  config: RunResult['config'];
  versions: RunResult['versions'];
  modeWarning: RunResult['modeWarning'];
  typeChecker: { asked: number; decidedSites: number; projects: number; maxAlive: number; milliseconds: number; notInstalled: number; overBudget: Record<string, number> } | null;
  changelog: { note: string; entry: string; file?: string; written: boolean } | null;
  /** Test assertions of 302 and what the run did with each (action test-updated, listed or unchanged). */
  tests: RunResult['tests'];
  followingTests: RunResult['followingTests'];
}

export function jsonReport(result: RunResult): JsonReport {
  const summary = summaryCounts(result);
  return {
    version: 1,
    mode: result.mode,
    dry: result.dry,
    written: !nothingWritten(result),
    root: result.root,
    summary,
    sites: result.sites,
    notFramework: result.notFramework,
    errors: result.errors,
    refusedDirty: result.refusedDirty,
    skipped: result.skipped,
    excludedDirectories: result.excludedDirectories,
    excludedByPattern: result.excludedByPattern,
    config: result.config,
    versions: result.versions,
    modeWarning: result.modeWarning,
    typeChecker: result.typeChecker
      ? {
          asked: result.typeChecker.asked,
          decidedSites: summary.decidedByTypes,
          projects: result.typeChecker.projects,
          maxAlive: result.typeChecker.maxAlive,
          milliseconds: Math.round(result.typeChecker.milliseconds),
          notInstalled: result.typeChecker.notInstalled,
          overBudget: result.typeChecker.overBudget,
        }
      : null,
    changelog: result.changelog
      ? {
          note: result.changelog.note,
          entry: result.changelog.entry,
          ...(result.changelog.write ? { file: result.changelog.write.file } : {}),
          written: result.changelog.write !== undefined && !nothingWritten(result),
        }
      : null,
    tests: result.tests,
    followingTests: result.followingTests,
  };
}
