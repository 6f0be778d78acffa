/**
 * Markdown or reStructuredText: by suffix when it says, else by content, so
 * `docs/changes/CHANGES` written in RST gets RST. Content signs: ATX headings, `[text](url)`
 * links and single-backtick code for Markdown; over/underlined titles in characters Markdown
 * does not underline with, `..` directives, roles (:pr:`1`) and ``literals`` for RST.
 */
import path from 'node:path';
import type { Markup } from './entry.js';

export function markupOf(file: string, text: string): Markup {
  const suffix = path.extname(file).toLowerCase();
  if (['.md', '.markdown', '.mdx', '.mkd'].includes(suffix)) return 'markdown';
  if (['.rst', '.rest'].includes(suffix)) return 'rst';
  return rstScore(text) > markdownScore(text) ? 'rst' : 'markdown';
}

function markdownScore(text: string): number {
  return count(text, /^#{1,6}[ \t]+\S/gm) * 3 + count(text, /\[[^\]\n]+\]\([^)\s]+\)/g) + count(text, /(?<!`)`[^`\n]+`(?![`_])/g);
}

function rstScore(text: string): number {
  return (
    count(text, /^\S.*\r?\n([~^*+"'.:])\1{2,}[ \t]*$/gm) * 3 +
    count(text, /^\.\. \S/gm) * 2 +
    count(text, /:[a-z]+:`[^`\n]+`/g) +
    count(text, /``[^`\n]+``/g) +
    count(text, /`[^`\n]+ <[^>\n]+>`_/g) * 2
  );
}

function count(text: string, pattern: RegExp): number {
  return text.match(pattern)?.length ?? 0;
}
