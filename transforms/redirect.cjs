/**
 * Entry for jscodeshift's runner, which loads transforms with require():
 *   npx jscodeshift -t transforms/redirect.cjs --extensions=js,jsx,mjs,cjs,ts,tsx --mode=preserve src/
 * Python files (--extensions=py) go to the Flask transform, the rest to the JavaScript one.
 * The compiled transforms are ES modules, so they are loaded with import(); the import is
 * built at run time because jscodeshift's Babel hook would otherwise turn it into require().
 */
'use strict';

const path = require('node:path');
const { pathToFileURL } = require('node:url');

const load = new Function('specifier', 'return import(specifier)');

module.exports = async function transform(file, api, options) {
  const name = /\.pyw?$/.test(file.path) ? 'flask-redirect.js' : 'js-redirect.js';
  const module = await load(pathToFileURL(path.join(__dirname, '..', 'dist', 'transforms', name)).href);
  return module.default(file, api, options);
};
