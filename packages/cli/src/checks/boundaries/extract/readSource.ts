import fs from 'node:fs';
import path from 'node:path';
import type { SourceFile } from '../types.js';

/** A file's text, or why it could not be read; `root` is absolute, `file` repo-relative. */
export function readSource(root: string, file: string): SourceFile {
  try {
    return { file, text: fs.readFileSync(path.join(root, file), 'utf8') };
  } catch (error) {
    return { file, readError: error instanceof Error ? error.message : String(error) };
  }
}
