/**
 * Werkzeug: `werkzeug.utils.redirect(location, code=302, Response=None)`; 303 from Werkzeug 3.2.
 * The top-level `werkzeug.redirect` was removed in 1.0, but old code still imports it.
 */
import type { PythonRedirectRule } from './pythonRule.js';

export const werkzeugRule: PythonRedirectRule = {
  framework: 'werkzeug',
  apis: {
    'werkzeug.utils.redirect': 'werkzeug.utils.redirect',
    'werkzeug.redirect': 'werkzeug.redirect',
  },
  status: { keyword: 'code', position: 1 },
  locationKeyword: 'location',
};
