import fs from 'node:fs';
import path from 'node:path';
import type { ImportForm, PipelineCounts, ResolutionRequest, SourceFile, Stages } from '../types.js';
import type { BoundariesCache } from './cacheStore.js';
import { contentKey } from './hashes.js';

/**
 * The stages with the cache around them, keyed by content: a file whose size and modification time match
 * the cache is not even read; an extraction is reused for the same content; a resolution for the same
 * project, folder, resolution mode and specifier. Counts what the stages computed and what the cache gave.
 */
export function cacheStages(stages: Stages, cache: BoundariesCache, root: string, counts: PipelineCounts): Stages {
  const readText = (file: string): SourceFile => {
    const source = stages.read(file);
    if (source.text !== undefined) counts.filesRead += 1;
    return source;
  };
  return {
    read(file) {
      let stat: fs.Stats;
      try {
        stat = fs.statSync(path.join(root, file));
      } catch (error) {
        return { file, readError: error instanceof Error ? error.message : String(error) };
      }
      const known = cache.contentKeyFromStamp(file, stat.mtimeMs, stat.size);
      if (known !== undefined) {
        cache.recordStamp(file, stat.mtimeMs, stat.size, known);
        return { file, contentKey: known };
      }
      const source = readText(file);
      if (source.text === undefined) return source;
      const key = contentKey(file, source.text);
      cache.recordStamp(file, stat.mtimeMs, stat.size, key);
      return { ...source, contentKey: key };
    },

    extract(source) {
      const { file } = source;
      if (source.readError !== undefined) return stages.extract(source);
      const cached = source.contentKey === undefined ? undefined : cache.getExtraction(source.contentKey);
      if (source.contentKey !== undefined && cached !== undefined) {
        counts.filesFromCache += 1;
        return { file, contentKey: source.contentKey, extraction: cached };
      }
      // Known by its content key, but its extraction is no longer cached: read it now.
      const readable = source.text === undefined ? readText(file) : source;
      if (readable.text === undefined) return stages.extract(readable);
      const extracted = stages.extract({ file, text: readable.text, contentKey: readable.contentKey ?? contentKey(file, readable.text) });
      counts.filesParsed += 1;
      if (extracted.contentKey !== undefined) cache.setExtraction(extracted.contentKey, extracted.extraction);
      return extracted;
    },

    resolver: {
      projectOf: stages.resolver.projectOf,
      resolve(request) {
        const key = resolutionKey(request);
        const known = cache.getResolution(key);
        if (known !== undefined) {
          counts.resolutionsFromCache += 1;
          return known;
        }
        const target = stages.resolver.resolve(request);
        cache.setResolution(key, target);
        counts.resolutionsComputed += 1;
        return target;
      },
    },
  };
}

/**
 * What a resolution depends on: the project, the importing file's folder, the resolution mode and the specifier.
 * Newline separators: folder names and specifiers do not contain them in practice, and JSON keeps them short.
 */
function resolutionKey({ file, project, specifier, form }: ResolutionRequest): string {
  return `${project}\n${path.posix.dirname(file)}\n${resolutionForm(form)}\n${specifier}`;
}

/** require-like, dynamic, or static: the three resolution modes an import can be resolved in. */
function resolutionForm(form: ImportForm): string {
  if (form === 'require' || form === 'import-equals') return 'require';
  return form === 'dynamic-import' ? 'dynamic' : 'static';
}
