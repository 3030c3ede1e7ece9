import { createRequire } from 'node:module';
import type * as TypeScript from 'typescript';
import { requireWithCodeCache, saveCodeCaches } from './codeCache.js';

/**
 * The compiler API. Loading typescript.js (9 MB) costs more than an incremental analysis: importing it from an
 * ES module makes Node scan it for export names, and compiling it takes ~170 ms of CPU. So it is required, with
 * a V8 code cache (see `requireWithCodeCache`), and any later `require('typescript')` in the thread (ESLint's
 * parser, for one) gets this same instance. Import this module before anything that loads TypeScript.
 */
export const typescript = requireWithCodeCache(createRequire(import.meta.url).resolve('typescript')) as typeof TypeScript;

/** Writes the code caches of the compilers loaded without one, after a run (see `saveCodeCaches`). */
export const saveTypeScriptCodeCache = saveCodeCaches;
