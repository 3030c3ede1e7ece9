import { createRequire } from 'node:module';
import type * as TypeScript from 'typescript';

const load = createRequire(import.meta.url);

/**
 * The compiler API, loaded with require: importing the 9 MB CommonJS file from an ES module makes Node
 * scan all of it for export names first, which costs more than the analysis of an incremental run.
 */
export const typescript: typeof TypeScript = load('typescript');
