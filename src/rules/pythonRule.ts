/**
 * What a Python framework rule declares: the qualified names that prove a call is
 * its redirect, and where its status goes. The Python finder does the rest.
 */
import type { Framework } from '../site.js';

export interface PythonRedirectRule {
  framework: Framework;
  /**
   * Qualified name of the callee → the API name shown in reports.
   * `flask.Flask().redirect` is the `redirect` method of an instance made by `flask.Flask(...)`.
   */
  apis: Readonly<Record<string, string>>;
  /** The status parameter: its keyword and its 0-based position among positional arguments. */
  status: { keyword: string; position: number };
  /** The location parameter's keyword, so `redirect(location=url)` counts as having a location. */
  locationKeyword: string;
}
