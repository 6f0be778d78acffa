/** What the fleet asks of the engine for one repository, and what comes back: small, cloneable. */
import type { Mode } from '../site.js';

export interface EngineTask {
  /** The directory to migrate (inside the repository's work tree). */
  root: string;
  mode: Mode;
  dry: boolean;
  types: boolean;
  forceMode: boolean;
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
