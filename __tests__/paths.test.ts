/** Containment and walking up: a sibling whose name extends the directory's is not inside it. */
import { describe, expect, it } from 'vitest';
import { directoriesUp, isWithin } from '../src/engine/paths.js';

describe('paths', () => {
  it('isWithin compares whole path segments', () => {
    expect(isWithin('/a/b/c.py', '/a/b')).toBe(true);
    expect(isWithin('/a/b', '/a/b')).toBe(true);
    expect(isWithin('/a/bc/d.py', '/a/b')).toBe(false);
    expect(isWithin('/x', '/')).toBe(true);
  });

  it('directoriesUp stops at the top, and does not climb from outside it', () => {
    expect(directoriesUp('/repo/src/app', '/repo')).toEqual(['/repo/src/app', '/repo/src', '/repo']);
    expect(directoriesUp('/repo', '/repo')).toEqual(['/repo']);
    expect(directoriesUp('/repository/src', '/repo')).toEqual(['/repository/src']);
  });
});
