/**
 * The one record every stage speaks: a redirect call site.
 * The finders produce sites, the engine applies their edits, and every report is a view over them.
 */

export type Mode = 'preserve' | 'adopt';

export const MODES: readonly Mode[] = ['preserve', 'adopt'];

/** The status each mode writes: preserve keeps today's 302, adopt writes Flask 3.2's new 303. */
export const STATUS_FOR_MODE: Readonly<Record<Mode, number>> = {
  preserve: 302,
  adopt: 303,
};

export type Language = 'python' | 'js';

export type Framework =
  | 'flask'
  | 'werkzeug'
  | 'quart'
  | 'express'
  | 'fastify'
  | 'koa'
  | 'hono'
  | 'hapi'
  | 'react-router'
  | 'fetch'
  | 'nest'
  | 'h3'
  | 'elysia'
  | 'astro';

export type Action = 'rewritten' | 'explicit' | 'review';

export interface SiteStatus {
  /** 'implicit' when the call names no status, a number for a literal, 'dynamic' for any other expression. */
  before: 'implicit' | number | 'dynamic';
  /** The status the call names after the rewrite (only for rewritten sites). */
  after?: number;
}

export interface SiteEdit {
  /** Offset in the decoded text (UTF-16 code units, BOM included) where the text is inserted. */
  offset: number;
  insert: string;
}

export interface Site {
  /** Path relative to the run's root, with forward slashes. */
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  language: Language;
  framework: Framework;
  api: string;
  status: SiteStatus;
  action: Action;
  reason?: string;
  edit?: SiteEdit;
}

/** A file the run could not process, and why. */
export interface FileError {
  file: string;
  message: string;
  line?: number;
}
