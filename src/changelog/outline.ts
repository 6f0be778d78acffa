/**
 * The headings of a changelog, with their levels, in Markdown (ATX `## x` and setext
 * underlines) or reStructuredText (underlines, with or without overlines; a level is the
 * order in which an adornment style first appears, as docutils reads it). Lines inside
 * fenced code blocks and HTML comments are not headings.
 */
import type { Markup } from './entry.js';
import { isBlank, type Line } from './textLines.js';

export interface Heading {
  /** Index of the heading's first line (the overline in RST when there is one). */
  index: number;
  /** Index of the first line after the heading's adornment. */
  bodyStart: number;
  level: number;
  title: string;
  /** How the heading is written, to write another at a level the file uses: `##`, `-`, `=/=` (over/under). */
  adornment: string;
}

const ADORNMENT = /^([=\-~^*+#"'`:.!$%&,;<>?@\\_|/])\1{2,}\s*$/;
const ATX = /^(#{1,6})[ \t]+(.*?)(?:[ \t]+#+)?[ \t]*$/;

export function outline(lines: readonly Line[], markup: Markup): Heading[] {
  return markup === 'markdown' ? markdownHeadings(lines) : rstHeadings(lines);
}

function markdownHeadings(lines: readonly Line[]): Heading[] {
  const headings: Heading[] = [];
  let fence: string | null = null;
  let comment = false;
  for (let i = 0; i < lines.length; i++) {
    const text = lines[i]!.text;
    const fenceMatch = /^\s{0,3}(`{3,}|~{3,})/.exec(text);
    if (fence !== null) {
      if (fenceMatch && fenceMatch[1]![0] === fence[0] && fenceMatch[1]!.length >= fence.length) fence = null;
      continue;
    }
    if (fenceMatch) {
      fence = fenceMatch[1]!;
      continue;
    }
    if (comment) {
      if (text.includes('-->')) comment = false;
      continue;
    }
    if (/^\s*<!--/.test(text) && !text.includes('-->')) {
      comment = true;
      continue;
    }
    const atx = ATX.exec(text);
    if (atx) {
      headings.push({ index: i, bodyStart: i + 1, level: atx[1]!.length, title: atx[2]!, adornment: atx[1]! });
      continue;
    }
    const next = lines[i + 1]?.text ?? '';
    // A setext heading: a paragraph line underlined with = (level 1) or - (level 2).
    if (!isBlank(lines[i]) && /^ {0,3}\S/.test(text) && !/^\s*([-*+]|\d+[.)])\s/.test(text) && /^ {0,3}(=+|-{2,})\s*$/.test(next)) {
      const char = next.trim()[0]!;
      headings.push({ index: i, bodyStart: i + 2, level: char === '=' ? 1 : 2, title: text.trim(), adornment: char });
      i++;
    }
  }
  return headings;
}

function rstHeadings(lines: readonly Line[]): Heading[] {
  const headings: Heading[] = [];
  const styles: string[] = [];
  const levelOf = (style: string) => {
    if (!styles.includes(style)) styles.push(style);
    return styles.indexOf(style) + 1;
  };
  for (let i = 0; i < lines.length; i++) {
    const text = lines[i]!.text;
    const next = lines[i + 1]?.text ?? '';
    const after = lines[i + 2]?.text ?? '';
    if (ADORNMENT.test(text) && !isBlank(lines[i + 1]) && !ADORNMENT.test(next) && ADORNMENT.test(after) && after.trim()[0] === text.trim()[0]) {
      const char = text.trim()[0]!;
      headings.push({ index: i, bodyStart: i + 3, level: levelOf(`${char}/${char}`), title: next.trim(), adornment: `${char}/${char}` });
      i += 2;
      continue;
    }
    if (!isBlank(lines[i]) && !/^\s/.test(text) && !ADORNMENT.test(text) && ADORNMENT.test(next) && next.trim().length >= Math.min(text.trim().length, 3)) {
      const char = next.trim()[0]!;
      headings.push({ index: i, bodyStart: i + 2, level: levelOf(char), title: text.trim(), adornment: char });
      i++;
    }
  }
  return headings;
}

/** The lines of a heading written like `model`, for a new heading at the same level. */
export function headingLines(model: Heading, title: string, markup: Markup): string[] {
  if (markup === 'markdown') {
    if (model.adornment.startsWith('#')) return [`${model.adornment} ${title}`];
    return [title, model.adornment.repeat(Math.max(title.length, 3))];
  }
  const char = model.adornment[0]!;
  const rule = char.repeat(title.length);
  return model.adornment.includes('/') ? [rule, title, rule] : [title, rule];
}
