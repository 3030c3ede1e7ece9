import { createHash } from 'node:crypto';
import fs from 'node:fs';
import Module, { createRequire } from 'node:module';
import path from 'node:path';
import vm from 'node:vm';
import type * as TypeScript from 'typescript';

const load = createRequire(import.meta.url);

interface LoadedCompiler {
  compiler: typeof TypeScript;
  /** Present when the compiler was compiled without usable V8 code cache: write one once it has run. */
  saveCodeCache?: () => void;
}

/**
 * The compiler API. Loading typescript.js (9 MB) costs more than an incremental analysis: importing it
 * from an ES module makes Node scan it for export names, and compiling it takes ~170 ms of CPU. So it is
 * loaded as CommonJS, compiled with a V8 code cache kept next to npvguard's other caches, and registered
 * in require's cache so any later `require('typescript')` in the process gets this same instance.
 * Anything unusual (no writable cache folder, rejected cache data) falls back to a plain require.
 */
function loadCompiler(): LoadedCompiler {
  const file = load.resolve('typescript');
  const loaded = load.cache[file];
  if (loaded?.loaded === true) return { compiler: loaded.exports as typeof TypeScript };
  try {
    return loadWithCodeCache(file);
  } catch {
    return { compiler: load('typescript') as typeof TypeScript };
  }
}

function loadWithCodeCache(file: string): LoadedCompiler {
  const source = fs.readFileSync(file, 'utf8');
  const cacheFile = codeCacheFile(file, source.length);
  const cachedData = readIfPresent(cacheFile);
  const script = new vm.Script(`(function (exports, require, module, __filename, __dirname) {${source}\n})`, {
    filename: file,
    ...(cachedData === undefined ? {} : { cachedData }),
  });
  const compiled: unknown = script.runInThisContext();
  if (typeof compiled !== 'function') throw new Error('typescript.js did not compile to a module function');
  const module = new Module(file);
  module.filename = file;
  compiled.call(module.exports, module.exports, createRequire(file), module, file, path.dirname(file));
  module.loaded = true;
  load.cache[file] = module;
  const compiler = module.exports as typeof TypeScript;
  if (cachedData !== undefined && !script.cachedDataRejected) return { compiler };
  return {
    compiler,
    saveCodeCache: () => {
      fs.mkdirSync(path.dirname(cacheFile), { recursive: true });
      const temporary = `${cacheFile}.${process.pid}.tmp`;
      fs.writeFileSync(temporary, script.createCachedData());
      fs.renameSync(temporary, cacheFile);
    },
  };
}

/** One cache file per compiler file and Node build; V8 itself rejects data that does not fit. */
function codeCacheFile(file: string, length: number): string {
  const marker = `${path.sep}node_modules${path.sep}`;
  const index = file.lastIndexOf(marker);
  if (index === -1) throw new Error('typescript is not installed under a node_modules folder');
  const key = createHash('sha1').update(`${file}\0${length}\0${process.version}\0${process.arch}`).digest('hex').slice(0, 16);
  return path.join(file.slice(0, index + marker.length), '.cache', 'npvguard', `typescript-${key}.v8cache`);
}

function readIfPresent(file: string): Buffer | undefined {
  try {
    return fs.readFileSync(file);
  } catch {
    return undefined;
  }
}

const loadedCompiler = loadCompiler();

export const typescript: typeof TypeScript = loadedCompiler.compiler;

let codeCacheSaved = false;

/**
 * Writes the V8 code cache after a run, so it also holds the parser functions compiled during the run.
 * Failing to write it (read-only install) only costs speed.
 */
export function saveTypeScriptCodeCache(): void {
  if (codeCacheSaved || loadedCompiler.saveCodeCache === undefined) return;
  codeCacheSaved = true;
  try {
    loadedCompiler.saveCodeCache();
  } catch {
    // Speed only: the next run compiles typescript.js again.
  }
}
