import fs from 'node:fs';
import path from 'node:path';
import type { BoundariesCache } from '../cache/cacheStore.js';
import { sha1 } from '../cache/cacheStore.js';
import { extractImports } from './extractImports.js';
import type { FileExtraction } from './types.js';

export interface ExtractedFile {
  /** Repo-relative POSIX path. */
  file: string;
  extraction: FileExtraction;
}

export interface ExtractionStats {
  /** Files whose content was read and hashed (their size or modification time changed, or no cache). */
  filesRead: number;
  filesParsed: number;
  filesFromCache: number;
}

/** Cache key of a file's extraction: its content and its extension (which decides TS vs TSX parsing). */
export function contentKey(file: string, text: string): string {
  return sha1(`${path.extname(file)}\0${text}`);
}

/**
 * Extracts every file's imports, reusing the cached extraction of unchanged content. A file whose size
 * and modification time match the cache is not even read. A file that cannot be read becomes a parse
 * error at line 1 rather than stopping the run.
 */
export function extractFiles(root: string, files: readonly string[], cache: BoundariesCache): { extracted: ExtractedFile[]; stats: ExtractionStats } {
  const stats: ExtractionStats = { filesRead: 0, filesParsed: 0, filesFromCache: 0 };
  const extracted = files.map((file): ExtractedFile => {
    const absolute = path.join(root, file);
    let text: string;
    let stat: fs.Stats;
    try {
      stat = fs.statSync(absolute);
      const known = cache.contentKeyFromStamp(file, stat.mtimeMs, stat.size);
      const cached = known === undefined ? undefined : cache.getExtraction(known);
      if (known !== undefined && cached !== undefined) {
        cache.recordStamp(file, stat.mtimeMs, stat.size, known);
        stats.filesFromCache += 1;
        return { file, extraction: cached };
      }
      text = fs.readFileSync(absolute, 'utf8');
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      return { file, extraction: { imports: [], parseError: { line: 1, column: 1, message: `the file could not be read (${reason})` }, parseErrorCount: 1 } };
    }
    stats.filesRead += 1;
    const key = contentKey(file, text);
    cache.recordStamp(file, stat.mtimeMs, stat.size, key);
    const cached = cache.getExtraction(key);
    if (cached !== undefined) {
      stats.filesFromCache += 1;
      return { file, extraction: cached };
    }
    const extraction = extractImports(file, text);
    cache.setExtraction(key, extraction);
    stats.filesParsed += 1;
    return { file, extraction };
  });
  return { extracted, stats };
}
