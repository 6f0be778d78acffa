/**
 * Quart: `quart.redirect(location, code=302)` keeps 302; `Quart.redirect` is inherited
 * from Flask's sansio `App`, so it follows the installed Flask (303 on Flask >= 3.2).
 */
import type { PythonRedirectRule } from './pythonRule.js';

export const quartRule: PythonRedirectRule = {
  framework: 'quart',
  apis: {
    'quart.redirect': 'quart.redirect',
    'quart.helpers.redirect': 'quart.redirect',
    'quart.Quart().redirect': 'Quart.redirect',
    'quart.app.Quart().redirect': 'Quart.redirect',
    'quart.current_app.redirect': 'current_app.redirect',
    'quart.globals.current_app.redirect': 'current_app.redirect',
  },
  status: { keyword: 'code', position: 1 },
  locationKeyword: 'location',
};
