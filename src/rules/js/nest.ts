/** NestJS: `@Redirect(url = '', statusCode?)` from `@nestjs/common`; `@Redirect()` is implicit too. */
import { afterLastArgument, intoEmptyCall, preferredQuote, statusValue } from '../../js/edits.js';
import type { JsPlan, JsRedirectRule } from '../jsRule.js';

export const nestRule: JsRedirectRule = {
  framework: 'nest',
  clues: { modules: ['@nestjs/common'] },
  match: (name) => (name === '@nestjs/common.Redirect' ? { api: '@Redirect', chain: [] } : null),
  plan({ call, source, status }): JsPlan {
    const args = call.arguments;
    if (args.length >= 2) return { kind: 'explicit', before: statusValue(args[1]) };
    if (args.length === 1) return { kind: 'rewrite', edit: afterLastArgument(args, source, String(status))! };
    const quote = preferredQuote(source);
    const edit = intoEmptyCall(call, source, `${quote}${quote}, ${status}`);
    return edit ? { kind: 'rewrite', edit } : { kind: 'review', reason: 'no place to insert the status was found' };
  },
};
