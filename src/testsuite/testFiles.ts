/**
 * Which files are tests, by the conventions of pytest, unittest, Jest, Vitest, Mocha and
 * node's test runner: `tests/` or `test/` or `__tests__/` directories, `test_*.py`,
 * `*_test.py`, `*.test.ts`, `*.spec.js`, ... Decided from the path alone, before any read.
 */
import { isSourceFile } from '../engine/discover.js';

const TEST_DIRECTORY = /(^|\/)(tests?|__tests__|spec)\//;
const PYTHON_TEST_NAME = /(^|\/)(test_[^/]*|[^/]*_test|conftest)\.py$/;
const JS_TEST_NAME = /\.(test|spec)\.[cm]?[jt]sx?$/;

/** `relative`: the path from the run's root (forward slashes). */
export function isTestFile(relative: string): boolean {
  const shown = relative.includes('\\') ? relative.split('\\').join('/') : relative;
  if (!isSourceFile(shown)) return false;
  return TEST_DIRECTORY.test(shown) || PYTHON_TEST_NAME.test(shown) || JS_TEST_NAME.test(shown);
}

const MARKERS = [Buffer.from('302'), Buffer.from('follow_redirects'), Buffer.from('.redirects(')];

/**
 * The cheap text scan for test files: an assertion this step changes or lists spells 302, and
 * a test that follows redirects spells `follow_redirects` or `.redirects(`.
 */
export function mayCheckRedirects(bytes: Buffer): boolean {
  return MARKERS.some((marker) => bytes.indexOf(marker) !== -1);
}

/** The same scan for bytes known not to spell "edirect" (the run's first prefilter): only 302 can be there. */
export function mayCheckRedirectsWithoutEdirect(bytes: Buffer): boolean {
  return bytes.indexOf(MARKERS[0]!) !== -1;
}
