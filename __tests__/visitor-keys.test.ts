import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { VISITOR_KEYS } from '../src/js/visitorKeys.js';

const require = createRequire(import.meta.url);

describe('the copied visitor keys', () => {
  it('equal the installed @babel/types table (regenerate with scripts/generate-visitor-keys.mjs)', () => {
    const { VISITOR_KEYS: installed } = require('@babel/types') as { VISITOR_KEYS: Record<string, string[]> };
    expect(VISITOR_KEYS).toEqual(installed);
  });
});
