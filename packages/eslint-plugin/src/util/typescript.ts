import { createRequire } from 'node:module';
import type * as TypeScript from 'typescript';

/**
 * The TypeScript compiler API, required rather than imported: an ES module importing typescript.js (9 MB of
 * CommonJS) makes Node scan its source for export names, which costs more than some lint runs. typescript-eslint
 * requires the same file, so both get one instance.
 */
export const typescript: typeof TypeScript = createRequire(import.meta.url)('typescript') as typeof TypeScript;
