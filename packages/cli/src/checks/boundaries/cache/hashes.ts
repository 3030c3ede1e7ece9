import { createHash } from 'node:crypto';
import path from 'node:path';

export function sha1(text: string): string {
  return createHash('sha1').update(text).digest('hex');
}

/** Cache key of a file's content: its text and its extension (which decides TS vs TSX parsing). */
export function contentKey(file: string, text: string): string {
  return sha1(`${path.extname(file)}\0${text}`);
}
