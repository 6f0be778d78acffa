/**
 * Puts the entry where the project's next release notes go, in the file's own heading
 * and bullet style, or says why it will not. The rules:
 *
 * - The file's top release-like section is its next release ("Unreleased", `dev`, Pallets'
 *   `Version 3.2.0` + `Unreleased`): the entry becomes a bullet there, in the subsection
 *   for changes when the section is split (Keep a Changelog's `### Changed`, created in
 *   the convention's order when missing).
 * - The top section is released: only a Keep a Changelog file gets a new Unreleased section
 *   (same level, above the newest release); every other convention has its release tool
 *   or its maintainer write the next heading, so the tool prints the entry instead.
 * - No release sections (a stub pointing to GitHub releases), a template heading, an
 *   oldest-first file, a file towncrier builds: printed, with the reason.
 *
 * Nothing is ever appended after the oldest release, and the entry's markup is the file's.
 */
import { ENTRY_MARKER, type Markup } from './entry.js';
import { headingLines, outline } from './outline.js';
import { classify, compareVersions, plainTitle, type Section } from './releases.js';
import { insertLinesAfter, insertLinesBefore, isBlank, lastNonBlank, splitLines, type Line } from './textLines.js';

export type ChangelogEdit = { kind: 'added'; text: string; where: string } | { kind: 'present' } | { kind: 'unsupported'; reason: string };

const KAC_ORDER = ['added', 'changed', 'deprecated', 'removed', 'fixed', 'security'];
const CHANGE_SUBSECTION = /^(changed|changes|improvements?|other( changes)?|misc(ellaneous)?|internal( changes)?|updates?)$/i;

export function placeEntry(source: string, entries: Record<Markup, string>, markup: Markup): ChangelogEdit {
  const entry = entries[markup];
  const lines = splitLines(source);
  const sections = classify(outline(lines, markup), lines);
  const releases = sections.filter((s) => s.kind !== 'other');
  const top = releases[0];

  if (top === undefined) {
    if (isEmptyChangelog(lines, sections)) return startChangelog(source, lines, entry, markup);
    return { kind: 'unsupported', reason: 'it has no release sections (it may point to release notes kept elsewhere)' };
  }
  if (top.kind === 'template') return { kind: 'unsupported', reason: `its top section "${top.title}" is a template a release tool fills in` };
  if (/towncrier release notes start/i.test(source) && top.kind !== 'unreleased') {
    return { kind: 'unsupported', reason: 'towncrier builds it from news fragments (the tool writes a fragment where towncrier is configured and no --changelog FILE is given)' };
  }
  const versions = releases.filter((s) => s.numbers && s.kind === 'version');
  if (versions.length >= 2 && compareVersions(versions[0]!.numbers!, versions[versions.length - 1]!.numbers!) < 0) {
    return { kind: 'unsupported', reason: 'it lists releases oldest first; the tool does not add after the last release' };
  }

  if (top.kind === 'unreleased') {
    const within = lines.slice(top.bodyStart, top.end);
    if (within.some((line) => line.text.includes(ENTRY_MARKER))) return { kind: 'present' };
    return addToUnreleased(source, lines, sections, top, entry, markup);
  }

  // The top section is a released version.
  if (markup === 'markdown' && isKeepAChangelog(source, lines, versions)) {
    const sub = subheading(sections, top, markup);
    if (!sub) return { kind: 'unsupported', reason: 'its release headings are too deep for a Changed subsection' };
    const block = [...headingLines(top, '[Unreleased]', markup), '', ...sub('Changed'), '', ...item(lines, bulletPrefix(lines, top.index, lines.length), entry), ''];
    return { kind: 'added', text: insertLinesBefore(source, lines[top.index]!, block), where: `a new Unreleased section above ${plainTitle(top.title)}` };
  }
  const generator = generatedBy(source, sections);
  return {
    kind: 'unsupported',
    reason:
      `its newest section ("${plainTitle(top.title)}") is released and the file keeps no section for the next release` +
      (generator ? `; ${generator} writes the next one` : '; the tool does not invent one'),
  };
}

function addToUnreleased(source: string, lines: Line[], sections: Section[], top: Section, entry: string, markup: Markup): ChangelogEdit {
  const name = plainTitle(top.title);
  const subsections = sections.filter((s) => s.index > top.index && s.index < top.end && s.level > top.level);
  const firstSub = subsections[0]?.index ?? top.end;
  const directItems = lines.slice(top.bodyStart, firstSub).some((line) => isBullet(line.text));

  if (subsections.length === 0 && markup === 'markdown' && isKeepAChangelog(source, lines, [])) {
    // An empty Keep a Changelog `[Unreleased]`: its changes go under `### Changed`.
    const sub = subheading(sections, top, markup);
    if (sub) {
      const block = [...sub('Changed'), '', ...item(lines, bulletPrefix(lines, top.index, lines.length), entry)];
      return { kind: 'added', text: insertLinesAfter(source, lastNonBlank(lines, top.index, top.end), ['', ...block]), where: `${name} → Changed (new)` };
    }
  }
  if (subsections.length === 0 || directItems) {
    return { kind: 'added', text: appendItem(source, lines, top.bodyStart, firstSub, entry), where: `the ${name} section` };
  }
  const title = (s: Section) => plainTitle(s.title).replace(/^[^\p{L}\p{N}]+/u, '').replace(/[:.]$/, '').trim();
  const changed = subsections.find((s) => CHANGE_SUBSECTION.test(title(s)));
  if (changed) return { kind: 'added', text: appendItem(source, lines, changed.bodyStart, changed.end, entry), where: `${name} → ${title(changed)}` };

  const kac = subsections.filter((s) => KAC_ORDER.includes(title(s).toLowerCase()));
  if (kac.length > 0) {
    // Keep a Changelog: `Changed` goes before the first later subsection, else after the last.
    const model = kac[0]!;
    const later = kac.find((s) => KAC_ORDER.indexOf(title(s).toLowerCase()) > KAC_ORDER.indexOf('changed'));
    const block = [...headingLines(model, 'Changed', markup), '', ...item(lines, bulletPrefix(lines, top.index, top.end), entry)];
    if (later) return { kind: 'added', text: insertLinesBefore(source, lines[later.index]!, [...block, '']), where: `${name} → Changed (new)` };
    const last = lastNonBlank(lines, top.bodyStart, top.end);
    return { kind: 'added', text: insertLinesAfter(source, last, ['', ...block]), where: `${name} → Changed (new)` };
  }
  return {
    kind: 'unsupported',
    reason: `its ${name} section is split into ${subsections.map((s) => `"${title(s)}"`).join(', ')}, none of them for changes`,
  };
}

/** A bullet after the last non-blank line of lines[from, to), in the bullet style found there (else the file's). */
function appendItem(source: string, lines: Line[], from: number, to: number, entry: string): string {
  const bullet = item(lines, bulletPrefix(lines, from, to), entry);
  const last = lastNonBlank(lines, from, to);
  const inList = last !== undefined && lines.slice(from, to).some((line) => isBullet(line.text)) && !isBlank(last);
  if (last === undefined) return insertLinesAfter(source, lines[from - 1], ['', ...bullet]);
  return insertLinesAfter(source, last, inList && (isBullet(last.text) || /^\s/.test(last.text)) ? bullet : ['', ...bullet]);
}

/** The entry as one item, wrapped like the file's items when they wrap, labelled like them when they are. */
function item(lines: Line[], prefix: string, entry: string): string[] {
  return wrap(prefix, `${changeLabel(lines)}${entry}`, lineWidth(lines, prefix));
}

/**
 * Files whose items start with a bold kind (`- **Change:** …`, `- **Fix:** …`): the entry
 * takes the file's own word for a change, when it has one.
 */
function changeLabel(lines: Line[]): string {
  const items = lines.filter((line) => isBullet(line.text));
  const labels = items.map((line) => /^\s*[-*+]\s+\*\*([^*]{1,30}?):?\*\*:?\s/.exec(line.text)?.[1]).filter((label): label is string => label !== undefined);
  if (items.length === 0 || labels.length * 2 < items.length) return '';
  const change = labels.find((label) => /^chang/i.test(label));
  if (!change) return '';
  const written = items.map((line) => line.text).find((text) => text.includes(`**${change}:**`)) ? `**${change}:**` : `**${change}**:`;
  return `${written} `;
}

function isBullet(text: string): boolean {
  return /^\s*[-*+]\s+\S/.test(text);
}

function bulletPrefix(lines: Line[], from: number, to: number): string {
  for (const range of [[from, to], [0, lines.length]] as const) {
    for (let i = range[0]; i < range[1]; i++) {
      const match = /^(\s*[-*+])(\s+)\S/.exec(lines[i]!.text);
      if (match) return match[1]! + match[2]!;
    }
  }
  return '- ';
}

/**
 * The width the file wraps its items at, or Infinity when it does not wrap (its items
 * are one line each): most lines of its wrapped items fit it.
 */
function lineWidth(lines: Line[], prefix: string): number {
  const indent = ' '.repeat(prefix.length);
  const continued = lines.filter((line, i) => i > 0 && line.text.startsWith(indent) && !isBlank(line) && !/^\s*[-*+]\s/.test(line.text) && (isBullet(lines[i - 1]!.text) || lines[i - 1]!.text.startsWith(indent)));
  if (continued.length < 5) return Infinity;
  const lengths = lines.filter((line) => isBullet(line.text) || line.text.startsWith(indent)).map((line) => line.text.length).sort((a, b) => a - b);
  return Math.max(60, lengths[Math.floor(lengths.length * 0.95)] ?? 80);
}

function wrap(prefix: string, entry: string, width: number): string[] {
  if (prefix.length + entry.length <= width) return [prefix + entry];
  const out: string[] = [];
  let line = prefix;
  for (const word of entry.split(' ')) {
    if (line.trim() !== prefix.trim() && line.length + 1 + word.length > width) {
      out.push(line);
      line = ' '.repeat(prefix.length) + word;
    } else {
      line = line.endsWith(' ') || line === prefix ? line + word : `${line} ${word}`;
    }
  }
  out.push(line);
  return out;
}

/** The heading one level below `section`, written the way the file writes that level. */
function subheading(sections: Section[], section: Section, markup: Markup): ((title: string) => string[]) | null {
  const used = sections.find((s) => s.level === section.level + 1);
  if (used) return (title) => headingLines(used, title, markup);
  if (markup === 'markdown' && section.adornment.startsWith('#') && section.level < 6) return (title) => [`${'#'.repeat(section.level + 1)} ${title}`];
  return null;
}

function isKeepAChangelog(source: string, lines: Line[], versions: Section[]): boolean {
  if (/keepachangelog\.com/i.test(source)) return true;
  if (lines.some((line) => /^\[unreleased\]:\s*\S/i.test(line.text))) return true;
  // Its release heading: `## [1.2.3] - 2024-01-31`.
  return versions.length > 0 && versions.every((s) => /^\[[^\]]+\](?!\()\s+-\s+\d{4}-\d{2}-\d{2}\s*$/.test(s.title.trim()));
}

/** Tools that write the next release's section themselves, from commits or changesets. */
function generatedBy(source: string, sections: Section[]): string | null {
  if (/auto-changelog/i.test(source)) return 'auto-changelog';
  if (/standard-version/i.test(source)) return 'standard-version';
  const titles = new Set(sections.filter((s) => s.kind === 'other').map((s) => plainTitle(s.title).toLowerCase()));
  if (titles.has('patch changes') || titles.has('minor changes') || titles.has('major changes')) return 'Changesets';
  if (titles.has('features') && titles.has('bug fixes')) return 'its release tool (release-please or conventional-changelog)';
  return null;
}

/** Only a title and perhaps a paragraph of boilerplate: no release yet, and no pointer elsewhere. */
function isEmptyChangelog(lines: Line[], sections: Section[]): boolean {
  const prose = lines.filter((line, i) => !isBlank(line) && !sections.some((s) => i >= s.index && i < s.bodyStart));
  if (sections.length > 1) return false;
  return prose.every((line) => /notable changes|keepachangelog|semver|semantic versioning|this file|this project/i.test(line.text));
}

function startChangelog(source: string, lines: Line[], entry: string, markup: Markup): ChangelogEdit {
  const block =
    markup === 'markdown'
      ? ['## [Unreleased]', '', '### Changed', '', `- ${entry}`]
      : ['Unreleased', '----------', '', `-   ${entry}`];
  const last = lines[lines.length - 1];
  const text = last === undefined ? block.map((l) => `${l}\n`).join('') : insertLinesAfter(source, last, isBlank(last) ? block : ['', ...block]);
  return { kind: 'added', text, where: 'a new Unreleased section' };
}
