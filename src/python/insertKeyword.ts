/**
 * Plans the insertion of a keyword argument (`code=302`) after a call's last argument,
 * as pure text: nothing else in the file moves or changes.
 *
 *   redirect(url)                  → redirect(url, code=302)
 *   redirect(url,)                 → redirect(url, code=302,)
 *   redirect(          redirect(
 *       url,     →         url,
 *   )                      code=302,
 *                      )
 * A comment after the last argument stays on its line, after the argument it describes.
 */
import type { SiteEdit } from '../site.js';
import { lineEndAt, lineTerminatorAt } from '../text/lineIndex.js';
import type { Node } from './parser.js';

export function planKeywordInsertion(text: string, args: Node, keyword: string): SiteEdit | null {
  const children = args.children.filter((child): child is Node => child !== null);
  const argumentNodes = children.filter((child) => child.isNamed && !child.isExtra);
  const last = argumentNodes[argumentNodes.length - 1];
  if (!last) return null;
  const after = children.slice(children.indexOf(last) + 1).find((child) => !child.isExtra);
  if (after?.type !== ',') return { offset: last.endIndex, insert: `, ${keyword}` };

  const lastLineStart = lineStartAt(text, last.startIndex);
  const indent = text.slice(lastLineStart, last.startIndex);
  const commaLineEnd = lineEndAt(text, after.endIndex);
  const restOfLine = text.slice(after.endIndex, commaLineEnd).trim();
  const argumentOwnsItsLine = /^[ \t]*$/.test(indent);
  const eol = lineTerminatorAt(text, after.endIndex);
  if (argumentOwnsItsLine && eol !== '' && (restOfLine === '' || restOfLine.startsWith('#'))) {
    return { offset: commaLineEnd, insert: `${eol}${indent}${keyword},` };
  }
  return { offset: after.endIndex, insert: ` ${keyword},` };
}

function lineStartAt(text: string, offset: number): number {
  let i = offset;
  while (i > 0 && text[i - 1] !== '\n' && text[i - 1] !== '\r') i--;
  return i;
}
