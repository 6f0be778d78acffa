/**
 * Everything the engine needs for JavaScript / TypeScript, behind one module that the engine
 * imports only when a JS file is to be parsed: a Python-only run never loads Babel.
 */
export { registrationsElsewhere } from './crossFileRegistrations.js';
export { transformJs } from './transformJs.js';
