/**
 * The before/after stories in __testfixtures__/flask: each input, rewritten in each
 * mode, must equal its output byte for byte, report the expected sites, and stay
 * the same when rewritten again.
 */
import { describe, expect, it } from 'vitest';
import { transformPython } from '../src/python/transformPython.js';
import type { Action, Mode } from '../src/site.js';
import { decodeUtf8, encodeUtf8 } from '../src/text/decode.js';
import { fixtureBytes, fixtureCases } from './helpers/fixtures.js';

type Expectation = { actions: Action[] } | { error: RegExp };

const EXPECTED: Record<string, Expectation> = {
  'plain-call': { actions: ['rewritten'] },
  'as-alias': { actions: ['rewritten'] },
  'module-attribute': { actions: ['rewritten', 'rewritten'] },
  'werkzeug-utils': { actions: ['rewritten', 'rewritten', 'rewritten'] },
  'werkzeug-old-top-level': { actions: ['rewritten'] },
  quart: { actions: ['rewritten', 'rewritten'] },
  'flask-or-quart-conditional-import': { actions: ['rewritten'] },
  'app-and-current-app-redirect': { actions: ['rewritten', 'rewritten', 'rewritten'] },
  'multiline-trailing-comma-comment': { actions: ['rewritten', 'rewritten', 'rewritten', 'rewritten'] },
  'nested-call-argument': { actions: ['rewritten'] },
  'tuple-keyword-lambda': { actions: ['rewritten', 'rewritten', 'rewritten'] },
  'already-explicit': { actions: ['explicit', 'explicit', 'explicit', 'explicit'] },
  'kwargs-review': { actions: ['review', 'review'] },
  'shadowed-by-local-def': { actions: [] },
  'shadowed-by-parameter': { actions: [] },
  'self-redirect-method': { actions: [] },
  'crlf-bom': { actions: ['rewritten'] },
  'non-ascii-before-call': { actions: ['rewritten'] },
  'python2-file': { error: /Python 2 print statement at line 5/ },
  'syntax-error': { error: /syntax error .*at line 4/ },
};

const MODES: Mode[] = ['preserve', 'adopt'];

describe('flask fixtures', () => {
  it('every fixture has an expectation and every expectation a fixture', () => {
    expect(fixtureCases('flask')).toEqual(Object.keys(EXPECTED).sort());
  });

  for (const name of fixtureCases('flask')) {
    for (const mode of MODES) {
      it(`${name} (${mode})`, async () => {
        const input = fixtureBytes('flask', name, 'input');
        const expected = fixtureBytes('flask', name, `${mode}.output`);
        const decoded = decodeUtf8(input);
        if (!decoded.ok) throw new Error(decoded.message);
        const result = await transformPython(decoded.text, `${name}.py`, mode);
        const expectation = EXPECTED[name]!;

        if ('error' in expectation) {
          expect(result.ok).toBe(false);
          if (!result.ok) expect(result.message).toMatch(expectation.error);
          expect(expected.equals(input)).toBe(true);
          return;
        }
        if (!result.ok) throw new Error(result.message);
        expect(Buffer.from(encodeUtf8(result.output)).toString('utf8')).toBe(expected.toString('utf8'));
        expect(Buffer.from(encodeUtf8(result.output)).equals(expected)).toBe(true);
        expect(result.sites.map((site) => site.action)).toEqual(expectation.actions);
        for (const site of result.sites.filter((s) => s.action === 'rewritten')) {
          expect(site.status).toEqual({ before: 'implicit', after: mode === 'preserve' ? 302 : 303 });
        }

        const again = await transformPython(result.output, `${name}.py`, mode);
        if (!again.ok) throw new Error(again.message);
        expect(again.output).toBe(result.output);
        expect(again.sites.filter((site) => site.action === 'rewritten')).toEqual([]);
      });
    }
  }
});
