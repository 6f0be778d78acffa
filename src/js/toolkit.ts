/**
 * Everything the engine needs for JavaScript / TypeScript, behind one module that the engine
 * imports only when a JS file is to be parsed: a Python-only run never loads Babel.
 */
export { registrationsElsewhere, type ParsedSummary } from './crossFileRegistrations.js';
export { transformJs, withRegistrations, type JsTransformed } from './transformJs.js';
