/**
 * Keep a Changelog (CHANGELOG.md): the entry goes under `## [Unreleased]` → `### Changed`,
 * creating either when missing, in the order the convention gives its subsections.
 */
import { ENTRY_MARKER } from './entry.js';
import { insertLinesAfter, insertLinesBefore, isBlank, lastNonBlank, splitLines } from './textLines.js';

export type ChangelogEdit = { kind: 'added'; text: string } | { kind: 'present' } | { kind: 'unsupported'; reason: string };

const RELEASE_HEADING = /^##(?!#)\s*/;
const UNRELEASED_HEADING = /^##(?!#)\s*\[?\s*unreleased\s*\]?/i;
const SUBSECTION_HEADING = /^###(?!#)\s*(.*?)\s*$/;
const AFTER_CHANGED = new Set(['deprecated', 'removed', 'fixed', 'security']);

export function addKeepAChangelogEntry(source: string, entry: string): ChangelogEdit {
  const bullet = `- ${entry}`;
  const lines = splitLines(source);
  const unreleased = lines.findIndex((line) => UNRELEASED_HEADING.test(line.text));

  if (unreleased === -1) {
    const section = ['## [Unreleased]', '', '### Changed', '', bullet, ''];
    const firstRelease = lines.find((line) => RELEASE_HEADING.test(line.text));
    if (firstRelease) return { kind: 'added', text: insertLinesBefore(source, firstRelease, section) };
    const last = lines[lines.length - 1];
    return { kind: 'added', text: insertLinesAfter(source, last, isBlank(last) ? section.slice(0, -1) : ['', ...section.slice(0, -1)]) };
  }

  let end = lines.findIndex((line, i) => i > unreleased && RELEASE_HEADING.test(line.text));
  if (end === -1) end = lines.length;
  if (lines.slice(unreleased, end).some((line) => line.text.includes(ENTRY_MARKER))) return { kind: 'present' };

  const changed = lines.findIndex((line, i) => i > unreleased && i < end && /^changed$/i.test(SUBSECTION_HEADING.exec(line.text)?.[1] ?? ''));
  if (changed !== -1) {
    let changedEnd = lines.findIndex((line, i) => i > changed && i < end && SUBSECTION_HEADING.test(line.text));
    if (changedEnd === -1) changedEnd = end;
    return { kind: 'added', text: insertLinesAfter(source, lastNonBlank(lines, changed, changedEnd), [bullet]) };
  }

  const later = lines.findIndex(
    (line, i) => i > unreleased && i < end && AFTER_CHANGED.has((SUBSECTION_HEADING.exec(line.text)?.[1] ?? '').toLowerCase()),
  );
  if (later !== -1) return { kind: 'added', text: insertLinesBefore(source, lines[later]!, ['### Changed', '', bullet, '']) };
  return { kind: 'added', text: insertLinesAfter(source, lastNonBlank(lines, unreleased, end), ['', '### Changed', '', bullet]) };
}
