/**
 * Everything the engine needs for Python, behind one module that the engine imports only
 * when a Python file is to be parsed: a JavaScript-only run never loads tree-sitter.
 */
export { pythonRegistrationsElsewhere } from './crossModuleRegistrations.js';
export { transformPython } from './transformPython.js';
