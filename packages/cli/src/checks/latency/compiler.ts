import { createRequire } from 'node:module';
import { requireWithCodeCache } from '../../modules/codeCache.js';

/**
 * ts-morph's own TypeScript (a bundled copy of the compiler, 9 MB), required with a V8 code cache before ts-morph
 * is, so that ts-morph gets this instance. Imported first by the latency check's entry module.
 */
const fromTsMorph = createRequire(createRequire(import.meta.url).resolve('ts-morph'));
requireWithCodeCache(fromTsMorph.resolve('@ts-morph/common/dist/typescript.js'));
