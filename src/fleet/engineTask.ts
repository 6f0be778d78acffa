/** What the fleet asks of the engine for one repository, and what comes back: small, cloneable. */
import type { Mode } from '../site.js';

export interface EngineTask {
  /** The directory to migrate (inside the repository's work tree). */
  root: string;
  mode: Mode;
  dry: boolean;
  types: boolean;
  forceMode: boolean;
  /** The run options of every command (--trust-package, --max-file-size, --exclude, ...), as `run` takes them. */
  run: FleetRunOptions;
}

/**
 * Options of every command that the fleet hands to each repository's run. `exclude` patterns
 * are relative to each repository's migrated directory (the fleet's working directory means
 * nothing inside a clone).
 */
export interface FleetRunOptions {
  trustPackage: boolean;
  maxFileSize: number;
  fileBudgetMs: number;
  includeMinified: boolean;
  followSymlinks: boolean;
  include: string[];
  exclude: string[];
}

export interface EngineOutcome {
  rewritten: number;
  filesChanged: number;
  explicit: number;
  review: number;
  /** Files the engine could not process, relative to the root. */
  errors: Array<{ file: string; message: string }>;
  /** The subject and body the commit will carry. */
  commitMessage: string;
  /** Set when a signal stopped the engine part-way. */
  interrupted: boolean;
  /** Why nothing was written although there were changes (dirty files, mode on the installed version). */
  refused: string | null;
  /** A dry run with changes: its patch (paths from the repository top) and Markdown summary, for review. */
  reviewFiles?: { patch: string; summaryMarkdown: string };
}
