/**
 * Flask: `flask.redirect(location, code=302, Response=None)` and
 * `Flask.redirect(self, location, code=302)`; both default to 303 from Flask 3.2.
 * Since Flask 2.2, `flask.redirect` defers to `current_app.redirect` inside an app context.
 */
import type { PythonRedirectRule } from './pythonRule.js';

export const flaskRule: PythonRedirectRule = {
  framework: 'flask',
  apis: {
    'flask.redirect': 'flask.redirect',
    'flask.helpers.redirect': 'flask.redirect',
    'flask.Flask().redirect': 'Flask.redirect',
    'flask.app.Flask().redirect': 'Flask.redirect',
    'flask.current_app.redirect': 'current_app.redirect',
    'flask.globals.current_app.redirect': 'current_app.redirect',
  },
  status: { keyword: 'code', position: 1 },
  locationKeyword: 'location',
};
