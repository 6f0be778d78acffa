/**
 * The records of the test-suite step: status assertions found in test files, the requests
 * they check, and the routes the redirects answer. Like sites, every report is a view over
 * the `TestAssertion` list the step returns.
 */
import type { Language } from '../site.js';

/** What a test sends: the method, and the path (a pattern, `*` for an interpolated part) or Flask endpoint. */
export interface TestRequest {
  method: string;
  /** The request path with interpolations as `*`; null when the path is not a literal. */
  path: string | null;
  /** `url_for('auth.logout')`: the endpoint instead of a path. */
  endpoint?: string;
  /** follow_redirects=True, supertest's `.redirects(n)`. */
  follows: boolean;
  line: number;
  text: string;
}

/** A replacement of one literal, in the decoded text's units: `302` → `303`, `"302 FOUND"` → `"303 SEE OTHER"`. */
export interface LiteralEdit {
  offset: number;
  /** The literal's text as it stands (quotes included). */
  from: string;
  to: string;
}

/**
 * `test-updated`: the literal was (or, with --dry, would be) rewritten with the redirect it checks;
 * `listed`: left as it is, for review (the reason says why); `unchanged`: tied to a redirect
 * whose status the run does not change, nothing to do.
 */
export type TestAction = 'test-updated' | 'listed' | 'unchanged';

export interface TestAssertion {
  /** Path relative to the run's root, with forward slashes. */
  file: string;
  line: number;
  column: number;
  language: Language;
  /** The assertion's source text (first line). */
  text: string;
  /** The redirect status it expects (302, or the status line it compares). */
  expects: number;
  /** The request in the same test, when one was found. */
  request: TestRequest | null;
  /** The redirect sites (file:line) that answer the request, when tied. */
  tiedTo: string[];
  /** The status those redirects send after the run. */
  after?: number;
  action: TestAction;
  reason?: string;
  edit?: LiteralEdit;
}

/** A test that follows a redirect after a PUT, PATCH or DELETE: its follow-up request changes with 303. */
export interface FollowingTest {
  file: string;
  line: number;
  column: number;
  language: Language;
  request: TestRequest;
  tiedTo: string[];
  reason: string;
}
