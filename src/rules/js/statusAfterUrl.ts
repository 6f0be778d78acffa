/**
 * The shape most frameworks share: `x.redirect(url[, status])`. A second argument makes
 * the call explicit; otherwise the status goes after the location.
 */
import { afterLastArgument, statusValue } from '../../js/edits.js';
import type { JsCallContext, JsPlan } from '../jsRule.js';

export function planStatusAfterUrl({ call, source, status }: JsCallContext, api: string, position = 1): JsPlan {
  const args = call.arguments;
  if (args.length > position) return { kind: 'explicit', before: statusValue(args[position]) };
  if (args.length < position) return { kind: 'review', reason: `${api}() is missing its location` };
  return { kind: 'rewrite', edit: afterLastArgument(args, source, String(status))! };
}
