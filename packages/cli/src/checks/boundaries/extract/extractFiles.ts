import fs from 'node:fs';
import path from 'node:path';
import type { BoundariesCache } from '../cache/cacheStore.js';
import { sha1 } from '../cache/cacheStore.js';
import { extractImports } from './extractImports.js';
import type { ExtractedFile } from '../types.js';

/** A file as known before extraction: its content key, and its text when it had to be read. */
export interface StampedFile {
  file: string;
  contentKey?: string;
  text?: string;
  /** Why the file could not be read. */
  readError?: string;
}

export interface ExtractionStats {
  /** Files whose content was read and hashed (their size or modification time changed, or no cache). */
  filesRead: number;
  filesParsed: number;
  /** Files whose imports came from the cache (their extraction, or their whole analysis). */
  filesFromCache: number;
}

/** Cache key of a file's extraction: its content and its extension (which decides TS vs TSX parsing). */
export function contentKey(file: string, text: string): string {
  return sha1(`${path.extname(file)}\0${text}`);
}

/**
 * Finds each file's content key. A file whose size and modification time match the cache is not even
 * read; the others are read and hashed.
 */
export function stampFiles(root: string, files: readonly string[], cache: BoundariesCache, stats: ExtractionStats): StampedFile[] {
  return files.map((file): StampedFile => {
    const absolute = path.join(root, file);
    try {
      const stat = fs.statSync(absolute);
      const known = cache.contentKeyFromStamp(file, stat.mtimeMs, stat.size);
      if (known !== undefined) {
        cache.recordStamp(file, stat.mtimeMs, stat.size, known);
        return { file, contentKey: known };
      }
      const text = fs.readFileSync(absolute, 'utf8');
      stats.filesRead += 1;
      const key = contentKey(file, text);
      cache.recordStamp(file, stat.mtimeMs, stat.size, key);
      return { file, contentKey: key, text };
    } catch (error) {
      return { file, readError: error instanceof Error ? error.message : String(error) };
    }
  });
}

/**
 * Extracts the imports of the given files, reusing the cached extraction of unchanged content.
 * A file that cannot be read becomes a parse error at line 1 rather than stopping the run.
 */
export function extractStamped(root: string, stamped: readonly StampedFile[], cache: BoundariesCache, stats: ExtractionStats): ExtractedFile[] {
  return stamped.map((entry): ExtractedFile => {
    const { file } = entry;
    const unreadable = (reason: string): ExtractedFile => ({
      file,
      extraction: { imports: [], parseError: { line: 1, column: 1, message: `the file could not be read (${reason})` }, parseErrorCount: 1 },
    });
    if (entry.readError !== undefined) return unreadable(entry.readError);
    const cached = entry.contentKey === undefined ? undefined : cache.getExtraction(entry.contentKey);
    if (entry.contentKey !== undefined && cached !== undefined) {
      stats.filesFromCache += 1;
      return { file, contentKey: entry.contentKey, extraction: cached };
    }
    let text = entry.text;
    if (text === undefined) {
      try {
        text = fs.readFileSync(path.join(root, file), 'utf8');
        stats.filesRead += 1;
      } catch (error) {
        return unreadable(error instanceof Error ? error.message : String(error));
      }
    }
    const key = contentKey(file, text);
    const extraction = extractImports(file, text);
    cache.setExtraction(key, extraction);
    stats.filesParsed += 1;
    return { file, contentKey: key, extraction };
  });
}
