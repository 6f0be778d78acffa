/** transforms/flask-redirect works on its own, with jscodeshift's transform signature. */
import { describe, expect, it } from 'vitest';
import transform from '../transforms/flask-redirect.js';

describe('transforms/flask-redirect', () => {
  it('returns the rewritten source, or undefined when nothing changes', async () => {
    const source = 'from flask import redirect\nredirect("/")\n';
    expect(await transform({ path: 'a.py', source }, {}, { mode: 'adopt' })).toBe('from flask import redirect\nredirect("/", code=303)\n');
    expect(await transform({ path: 'b.py', source: 'print("hi")\n' }, {}, { mode: 'adopt' })).toBeUndefined();
  });

  it('throws instead of guessing, and requires a mode', async () => {
    await expect(transform({ path: 'c.py', source: 'print "hi"\nredirect("/")\n' }, {}, { mode: 'preserve' })).rejects.toThrow(/c\.py: not edited: a Python 2 print statement/);
    await expect(transform({ path: 'd.py', source: '' }, {}, {})).rejects.toThrow(/options\.mode must be one of preserve, adopt/);
  });
});
