import { createHash } from 'node:crypto';
import fs from 'node:fs';
import Module, { createRequire } from 'node:module';
import path from 'node:path';
import vm from 'node:vm';
import { isMainThread } from 'node:worker_threads';
import { writeFileAtomically } from './cacheDirectory.js';

const load = createRequire(import.meta.url);

/** Modules compiled here: their cache is written once they have run, when it holds more than the one they had. */
const unsaved = new Map<string, () => void>();

/**
 * A cache holds the functions compiled by the run that wrote it; the first run on a machine may be a light one
 * (a small project, one check). A later run that compiled a tenth more than its cache held writes it again, so the
 * cache grows to what the heaviest runs use, then stays.
 */
const GROWTH_TO_REWRITE = 1.1;

/**
 * One cache file per module file, Node build and kind of thread; V8 itself rejects data that does not fit. A cache
 * holds the functions compiled by the run that wrote it, and a worker thread (type-aware lint, the latency analysis)
 * compiles far more of the compiler than the main thread's checks: each kind keeps its own.
 */
function codeCacheFile(file: string, length: number): string {
  const marker = `${path.sep}node_modules${path.sep}`;
  const index = file.lastIndexOf(marker);
  if (index === -1) throw new Error(`${file} is not installed under a node_modules folder`);
  const key = createHash('sha1').update(`${file}\0${length}\0${process.version}\0${process.arch}`).digest('hex').slice(0, 16);
  return path.join(file.slice(0, index + marker.length), '.cache', 'npvguard', `${path.basename(file, '.js')}-${key}-${isMainThread ? 'main' : 'worker'}.v8cache`);
}

function readIfPresent(file: string): Buffer | undefined {
  try {
    return fs.readFileSync(file);
  } catch {
    return undefined;
  }
}

function compileWithCodeCache(file: string): unknown {
  const source = fs.readFileSync(file, 'utf8');
  const cacheFile = codeCacheFile(file, source.length);
  const cachedData = readIfPresent(cacheFile);
  const script = new vm.Script(`(function (exports, require, module, __filename, __dirname) {${source}\n})`, {
    filename: file,
    ...(cachedData === undefined ? {} : { cachedData }),
  });
  const compiled: unknown = script.runInThisContext();
  if (typeof compiled !== 'function') throw new Error(`${file} did not compile to a module function`);
  const module = new Module(file);
  module.filename = file;
  module.paths = (Module as unknown as { _nodeModulePaths(from: string): string[] })._nodeModulePaths(path.dirname(file));
  compiled.call(module.exports, module.exports, createRequire(file), module, file, path.dirname(file));
  module.loaded = true;
  load.cache[file] = module;
  // Bytes of compiled code the cache gave: 0 when there was none or V8 refused it.
  const given = cachedData === undefined || script.cachedDataRejected === true ? 0 : cachedData.length;
  unsaved.set(file, () => {
    const data = script.createCachedData();
    if (data.length <= given * GROWTH_TO_REWRITE) return;
    writeFileAtomically(cacheFile, data);
  });
  return module.exports;
}

/**
 * A large CommonJS module (a bundled TypeScript compiler: 9 MB, ~170 ms of CPU to compile, more for the functions
 * compiled while it runs), loaded with a V8 code cache kept next to npvguard's other caches and registered in
 * require's cache, so that every later `require` of that file in this thread gets this instance. A module already
 * loaded is returned as it is; anything unusual (no node_modules folder, unreadable cache) falls back to a plain
 * require. It must not be imported as an ES module in the same thread first: Node's ESM loader asserts that it
 * placed the module in require's cache itself.
 */
export function requireWithCodeCache(file: string): unknown {
  const loaded = load.cache[file];
  if (loaded?.loaded === true) return loaded.exports;
  try {
    return compileWithCodeCache(file);
  } catch {
    return load(file);
  }
}

/**
 * Writes the code caches of the modules this thread compiled, after a run, so that they also hold the functions
 * compiled during it: when there was none, V8 refused it, or this run compiled a tenth more than it held. Each is
 * considered once per thread. Failing to write one (a read-only install) only costs speed.
 */
export function saveCodeCaches(): void {
  for (const [file, save] of unsaved) {
    unsaved.delete(file);
    try {
      save();
    } catch {
      // Speed only: the next run compiles the module again.
    }
  }
}
