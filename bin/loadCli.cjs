'use strict';
// Loads the bundled CLI (dist/bundle/cli.cjs, one CommonJS file) as Node's require() would,
// but compiled with the V8 code cache the build saved beside it (cli.cjs.v8cache, made by
// scripts/codeCache.mjs): the start-up paths then run without parsing or compiling yargs and
// the engine again. V8 refuses a cache made by another V8 version or flags, or for another
// source; the script is then compiled from its source as usual, only slower.
// The build's copy of @babel/parser (dist/bundle/babel-parser) is loaded the same way.
const { isAscii } = require('node:buffer');
const { readFileSync, writeFileSync } = require('node:fs');
const { createRequire } = require('node:module');
const path = require('node:path');
const vm = require('node:vm');

const DEFAULT_BUNDLE = path.join(__dirname, '..', 'dist', 'bundle', 'cli.cjs');

/** Every file compiled here in this thread, in order, and how (the tests read it). */
const compiled = [];

/**
 * Compiles and runs the CommonJS file `file` with the V8 code cache `<file>.v8cache` if there
 * is one (`useCache: false`: from the source alone, as the build does before it saves the
 * cache). Returns the module's exports, whether a cache was there and V8 refused it, and a
 * function that saves V8's cache of everything of the file compiled so far.
 */
function loadCached(file, { useCache = true } = {}) {
  const cacheFile = `${file}.v8cache`;
  const bytes = readFileSync(file);
  // The bundles are ASCII (scripts/bundle.mjs), as is Babel's file: read as one byte per
  // character, which is what UTF-8 decoding would give for ASCII, without its cost (~1 ms here).
  const source = isAscii(bytes) ? bytes.toString('latin1') : bytes.toString('utf8');
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
    filename: file,
    cachedData,
    importModuleDynamically: vm.constants.USE_MAIN_CONTEXT_DEFAULT_LOADER,
  });
  const cacheRejected = cachedData !== undefined && script.cachedDataRejected === true;
  const saveCache = () => writeFileSync(cacheFile, script.createCachedData());
  compiled.push({ file, cached: cachedData !== undefined && !cacheRejected, cacheRejected, saveCache });
  const module = { exports: {}, filename: file, id: file };
  script.runInThisContext()(module.exports, createRequire(file), module, file, path.dirname(file));
  return { exports: module.exports, cacheRejected, saveCache };
}

/** The CLI's exports (`cli`), with loadCached's cacheRejected and saveCache. */
function loadCli({ bundle = DEFAULT_BUNDLE, useCache = true } = {}) {
  const { exports, cacheRejected, saveCache } = loadCached(bundle, { useCache });
  return { cli: exports, cacheRejected, saveCache };
}

module.exports = { loadCli, loadCached, compiled };
