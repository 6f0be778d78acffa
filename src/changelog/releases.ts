/**
 * What each heading of a changelog stands for: a released version, the section of the
 * next release ("Unreleased", Pallets' `Version 3.2.0` + `Unreleased`, requests' `dev`), a
 * template a release tool fills in (`%(version)s (%(date)s)`), or anything else.
 */
import type { Heading } from './outline.js';
import { isBlank, type Line } from './textLines.js';

export type SectionKind = 'version' | 'unreleased' | 'template' | 'other';

export interface Section extends Heading {
  kind: SectionKind;
  /** The version's numbers, for telling newest-first from oldest-first. */
  numbers?: number[];
  /** Index of the first line after the section (its subsections included). */
  end: number;
}

const TEMPLATE = /%\(\w+\)s|\{\{?\s*(version|date|name|project)\b[^}]*\}\}?|\$\{?VERSION\b/i;
const UNRELEASED_TITLE = /^(unreleased|unreleased changes|upcoming( changes| release)?|next( release)?|dev|development|in development|not released yet|main|master|head|latest changes|current)$/i;
const VERSION = /^(?:[@\w./-]*[@ ])?(?:version\s+|release\s+|v\.?\s?)?(\d+)\.(\d+)(?:\.(\d+))?(?:[-.+]?[0-9A-Za-z][0-9A-Za-z.+-]*)?(?=\s*$|\s*[([/–—:-]|\s+\d|,)/i;

/** The title's words without Markdown links, HTML tags, emphasis or brackets. */
export function plainTitle(title: string): string {
  return title
    .replace(/<[^>]+>/g, '')
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/\[([^\]]*)\]\[[^\]]*\]/g, '$1')
    .replace(/`([^`]*)`_?/g, '$1')
    .replace(/[*_]{1,2}([^*_]+)[*_]{1,2}/g, '$1')
    .replace(/^\s*\[([^\]]*)\]/, '$1')
    .trim();
}

export function classify(headings: readonly Heading[], lines: readonly Line[]): Section[] {
  const firstBodyOf = (i: number) => lines.slice(headings[i]!.bodyStart, headings[i + 1]?.index ?? lines.length).find((line) => !isBlank(line));
  // Pallets writes `Released 2024-…` under every released version: a version without it is the next release.
  const releasedLines = headings.filter((_, i) => RELEASED.test(firstBodyOf(i)?.text ?? '')).length;
  const palletsDated = releasedLines >= 2;
  const firstVersion = firstVersionIndex(headings);
  return headings.map((heading, i) => {
    const title = plainTitle(heading.title);
    const firstBody = firstBodyOf(i);
    const end = sectionEnd(headings, i, lines.length);
    if (TEMPLATE.test(heading.title)) return { ...heading, kind: 'template', end };
    if (UNRELEASED_TITLE.test(title.replace(/[:.]$/, '')) || /\bunreleased\b|\bnot (yet )?released\b|\(\s*(tbd|tba|upcoming|in (development|progress)|dev)\s*\)/i.test(title)) {
      return { ...heading, kind: 'unreleased', end };
    }
    const version = VERSION.exec(title);
    if (version) {
      const numbers = version.slice(1, 4).filter((n) => n !== undefined).map(Number);
      // Pallets: `Version 3.2.0` then `Unreleased` (or `Released 2024-…`) as the first line.
      const body = firstBody?.text ?? '';
      const unreleased = /^\s*[*_]*unreleased\b/i.test(body) || (palletsDated && /^version\s/i.test(title) && !RELEASED.test(body) && i === firstVersion);
      const kind = unreleased ? 'unreleased' : 'version';
      return { ...heading, kind, numbers, end };
    }
    return { ...heading, kind: 'other', end };
  });
}

const RELEASED = /^\s*[*_]*released\b/i;

function firstVersionIndex(headings: readonly Heading[]): number {
  return headings.findIndex((h) => VERSION.test(plainTitle(h.title)));
}

/** A section runs to the next heading of its level or above, or to the next release heading of any level. */
function sectionEnd(headings: readonly Heading[], i: number, total: number): number {
  const own = headings[i]!;
  for (let j = i + 1; j < headings.length; j++) {
    const next = headings[j]!;
    if (next.level <= own.level) return next.index;
    const title = plainTitle(next.title);
    if (VERSION.test(title) || UNRELEASED_TITLE.test(title) || TEMPLATE.test(next.title)) return next.index;
  }
  return total;
}

export function compareVersions(a: readonly number[], b: readonly number[]): number {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const d = (a[i] ?? 0) - (b[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}
