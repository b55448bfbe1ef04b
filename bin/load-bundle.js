// Loads a bundle of dist/ with V8's code cache: the bytecode of the functions a typical run of it compiles,
// written by build.mjs beside the bundle (<name>.v8cache). Compiling is most of what starting custrack costs
// beyond bare Node (docs: README, "Performance"); with the cache V8 deserializes instead of parsing and
// compiling. Without a cache file, or with one V8 refuses (another Node version, other V8 flags), V8 compiles
// the bundle as require() would.
'use strict';
const { readFileSync, statSync, writeFileSync } = require('node:fs');
const { join } = require('node:path');

const DIST = join(__dirname, '..', 'dist');
const loaded = new Map();
/** Where the build asks each loaded bundle to write its cache at exit (build.mjs, writeCodeCaches). */
const WRITE = process.env.CUSTRACK_WRITE_CODE_CACHE === '1';

/**
 * The cache holds the bundle's size and modification time: V8 checks a cache against the source's length only,
 * so a bundle rebuilt to the same length must not run a stale cache.
 */
function stamp(file) {
  const { size, mtimeMs } = statSync(file);
  return `${size}:${mtimeMs}`;
}

function readCache(file, cacheFile) {
  let cache;
  try {
    cache = readFileSync(cacheFile);
  } catch {
    return undefined;
  }
  const end = cache.indexOf(10);
  if (end < 0 || cache.toString('latin1', 0, end) !== stamp(file)) return undefined;
  return cache.subarray(end + 1);
}

/**
 * The exports of dist/<name>.cjs, loaded once. The file is a CommonJS module with its wrapper written in (build.mjs,
 * withCommonJsWrapper): compiled as it is read, it evaluates to the function require() would have made of it,
 * which gets the usual five arguments plus how the bundle's import() calls reach Node's loader (build.mjs,
 * viaLoaderImport: a script compiled by vm has no loader of its own for import() on Node 20).
 */
function loadBundle(name) {
  const known = loaded.get(name);
  if (known) return known.exports;
  const file = join(DIST, `${name}.cjs`);
  const cacheFile = join(DIST, `${name}.v8cache`);
  const cachedData = readCache(file, cacheFile);
  const vm = require('node:vm');
  const { createRequire } = require('node:module');
  // The build writes the bundles in ASCII (build.mjs, asciiOnly; a test keeps them so): read as Latin-1, the bytes
  // are the text without UTF-8's validation (~1.5 ms of a check's 198 KB).
  const script = new vm.Script(readFileSync(file, 'latin1'), { filename: file, cachedData });
  const module = { exports: {}, filename: file, id: file, loaded: false };
  loaded.set(name, { exports: module.exports, rejected: cachedData ? script.cachedDataRejected : undefined });
  script.runInThisContext()(module.exports, createRequire(file), module, file, DIST, (specifier) => import(specifier));
  module.loaded = true;
  loaded.get(name).exports = module.exports;
  if (WRITE) {
    process.once('exit', () => {
      writeFileSync(cacheFile, Buffer.concat([Buffer.from(`${stamp(file)}\n`, 'latin1'), script.createCachedData()]));
    });
  }
  return module.exports;
}

/** For tests: whether V8 took the cache of a loaded bundle (undefined: loaded without one). */
function cacheRejected(name) {
  return loaded.get(name)?.rejected;
}

module.exports = { loadBundle, cacheRejected };
