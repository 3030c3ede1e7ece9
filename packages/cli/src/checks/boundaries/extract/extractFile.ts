import { NpvError } from '@npvguard/core';
import type { ExtractedFile, SourceFile } from '../types.js';
import { extractImports } from './extractImports.js';

/**
 * A file's imports, from its text. A file that could not be read becomes a parse error at line 1 rather
 * than stopping the run.
 */
export function extractFile(source: SourceFile): ExtractedFile {
  const { file, text, contentKey } = source;
  if (source.readError !== undefined) {
    return { file, extraction: { imports: [], parseError: { line: 1, column: 1, message: `the file could not be read (${source.readError})` }, parseErrorCount: 1 } };
  }
  // Only the cache leaves a text unread, and it reads it before asking for an extraction.
  if (text === undefined) throw new NpvError('NPV9001', `${file} reached import extraction without its text.`);
  return { file, ...(contentKey === undefined ? {} : { contentKey }), extraction: extractImports(file, text) };
}
