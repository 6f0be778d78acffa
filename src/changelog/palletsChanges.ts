/**
 * Pallets-style changes files (CHANGES.rst, CHANGES.md, HISTORY.*): version sections,
 * the top one marked "Unreleased" while in development. The entry becomes a bullet at
 * the end of that section's list, written with the bullet style the file already uses.
 *
 *   Version 3.2.0
 *   -------------
 *
 *   Unreleased
 *
 *   -   ...
 */
import { ENTRY_MARKER } from './entry.js';
import type { ChangelogEdit } from './keepAChangelog.js';
import { insertLinesAfter, isBlank, lastNonBlank, splitLines, type Line } from './textLines.js';

const UNDERLINE = /^([-=~^*+#])\1{2,}\s*$/;
const MARKDOWN_HEADING = /^#{1,6}\s+\S/;

export function addPalletsEntry(source: string, entry: string): ChangelogEdit {
  const lines = splitLines(source);
  const headings = sectionHeadings(lines);
  const top = headings[0];
  if (top === undefined) return { kind: 'unsupported', reason: 'it has no version sections' };
  const bodyStart = top.bodyStart;
  const end = headings[1]?.index ?? lines.length;

  const firstBodyLine = lines.slice(bodyStart, end).find((line) => !isBlank(line));
  const unreleased = /unreleased/i.test(top.title) || /^\s*unreleased\b/i.test(firstBodyLine?.text ?? '');
  if (!unreleased) {
    return { kind: 'unsupported', reason: `its newest section ("${top.title.trim()}") is released, not "Unreleased"` };
  }
  if (lines.slice(bodyStart, end).some((line) => line.text.includes(ENTRY_MARKER))) return { kind: 'present' };

  const bullet = `${bulletPrefix(lines)}${entry}`;
  const last = lastNonBlank(lines, bodyStart, end) ?? lines[top.bodyStart - 1];
  const hasItems = lines.slice(bodyStart, end).some((line) => /^\s*[-*+]\s/.test(line.text));
  return { kind: 'added', text: insertLinesAfter(source, last, hasItems ? [bullet] : ['', bullet]) };
}

interface Heading {
  index: number;
  title: string;
  bodyStart: number;
}

function sectionHeadings(lines: Line[]): Heading[] {
  const headings: Heading[] = [];
  const titleLevel = firstUnderlineChar(lines);
  for (let i = 0; i < lines.length; i++) {
    const text = lines[i]!.text;
    const next = lines[i + 1]?.text ?? '';
    if (MARKDOWN_HEADING.test(text) && !/^#\s/.test(text)) {
      headings.push({ index: i, title: text.replace(/^#+\s+/, ''), bodyStart: i + 1 });
    } else if (!isBlank(lines[i]) && !UNDERLINE.test(text) && UNDERLINE.test(next) && next.trim()[0] === titleLevel) {
      headings.push({ index: i, title: text, bodyStart: i + 2 });
      i++;
    }
  }
  return headings;
}

/**
 * The underline character of version sections: the one used most often, so a
 * document title underlined with `=` above `-` sections is not taken for a version.
 */
function firstUnderlineChar(lines: Line[]): string | undefined {
  const counts = new Map<string, number>();
  for (let i = 1; i < lines.length; i++) {
    if (UNDERLINE.test(lines[i]!.text) && !isBlank(lines[i - 1]) && !UNDERLINE.test(lines[i - 1]!.text)) {
      const c = lines[i]!.text.trim()[0]!;
      counts.set(c, (counts.get(c) ?? 0) + 1);
    }
  }
  return [...counts].sort((a, b) => b[1] - a[1])[0]?.[0];
}

function bulletPrefix(lines: Line[]): string {
  for (const line of lines) {
    const match = /^([-*+])(\s+)\S/.exec(line.text);
    if (match) return match[1]! + match[2]!;
  }
  return '-   ';
}
