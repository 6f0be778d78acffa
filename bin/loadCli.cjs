'use strict';
// Loads the bundled CLI (dist/bundle/cli.cjs, one CommonJS file) as Node's require() would,
// but compiled with the V8 code cache the build saved beside it (cli.cjs.v8cache, made by
// scripts/codeCache.mjs): the start-up paths then run without parsing or compiling yargs and
// the engine again. V8 refuses a cache made by another V8 version or flags, or for another
// source; the script is then compiled from its source as usual, only slower.
const { readFileSync, writeFileSync } = require('node:fs');
const { createRequire } = require('node:module');
const path = require('node:path');
const vm = require('node:vm');

const DEFAULT_BUNDLE = path.join(__dirname, '..', 'dist', 'bundle', 'cli.cjs');

/**
 * `useCache: false` compiles from the source alone (the build, before it saves the cache).
 * Returns the module's exports, whether a cache was there and V8 refused it, and a function
 * that saves V8's cache of everything compiled so far.
 */
function loadCli({ bundle = DEFAULT_BUNDLE, useCache = true } = {}) {
  const cacheFile = `${bundle}.v8cache`;
  const source = readFileSync(bundle, 'utf8');
  let cachedData;
  if (useCache) {
    try {
      cachedData = readFileSync(cacheFile);
    } catch (error) {
      if (error.code !== 'ENOENT') throw error;
    }
  }
  // The wrapper of Node's CommonJS loader, on the source's first line: line numbers in stack
  // traces stay the file's.
  const script = new vm.Script(`(function (exports, require, module, __filename, __dirname) {${source}\n})`, {
    filename: bundle,
    cachedData,
    importModuleDynamically: vm.constants.USE_MAIN_CONTEXT_DEFAULT_LOADER,
  });
  const module = { exports: {}, filename: bundle, id: bundle };
  script.runInThisContext()(module.exports, createRequire(bundle), module, bundle, path.dirname(bundle));
  return {
    cli: module.exports,
    cacheRejected: cachedData !== undefined && script.cachedDataRejected === true,
    saveCache: () => writeFileSync(cacheFile, script.createCachedData()),
  };
}

module.exports = { loadCli };
