import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { typescript } from '../typescript.js';
import type { FileExtraction } from '../extract/types.js';
import type { ImportTarget } from '../resolve/resolveImports.js';
import { decodeExtraction, encodeExtraction, type EncodedExtraction } from './encoding.js';

/** Bumped whenever the shape or meaning of cached data changes. */
const CACHE_FORMAT = 2;

/**
 * A file whose modification time is this close to the cache's own write time may have changed again
 * within the file system's timestamp resolution; its content is hashed again rather than trusted.
 */
const RACY_MARGIN_MS = 2000;

export type CacheStatus = 'off' | 'cold' | 'warm' | 'invalidated';

/** What is known about a file without reading it: modification time, size, content key. */
type FileStamp = [modifiedMs: number, size: number, contentKey: string];

interface CacheContent {
  format: number;
  /** Hash of npvguard's and typescript's versions and every tsconfig and package.json read. */
  key: string;
  /** Hash of the analysed file list: resolutions depend on which files exist. */
  fileSetHash: string;
  writtenAt: number;
  files: Record<string, FileStamp>;
  extractions: Record<string, EncodedExtraction>;
  resolutions: Record<string, ImportTarget>;
}

export interface BoundariesCache {
  readonly status: CacheStatus;
  /** Absent when caching is off. */
  readonly file?: string;
  /** True when cached resolutions were kept (same key and same file set). */
  readonly resolutionsReused: boolean;
  /** The content key recorded for a file whose size and modification time are unchanged (and not racy). */
  contentKeyFromStamp(file: string, modifiedMs: number, size: number): string | undefined;
  recordStamp(file: string, modifiedMs: number, size: number, contentKey: string): void;
  getExtraction(contentKey: string): FileExtraction | undefined;
  setExtraction(contentKey: string, extraction: FileExtraction): void;
  getResolution(key: string): ImportTarget | undefined;
  setResolution(key: string, target: ImportTarget): void;
  /** Writes the entries used by this run only, so stale ones do not pile up; skipped when nothing changed. */
  save(): void;
}

export interface OpenCacheOptions {
  root: string;
  enabled: boolean;
  /** Overrides where the cache lives (default: the nearest node_modules/.cache/npvguard). */
  directory?: string;
  /** Files whose contents invalidate everything: tsconfigs, package.json files. */
  inputFiles: readonly string[];
  /** Anything else the cached data depends on (tool version, root, tsconfig path). */
  keyParts: readonly string[];
  fileSetHash: string;
}

export function sha1(text: string): string {
  return createHash('sha1').update(text).digest('hex');
}

export function openCache(options: OpenCacheOptions): BoundariesCache {
  if (!options.enabled) return createCache({ status: 'off', key: '', fileSetHash: options.fileSetHash });
  const hash = createHash('sha1');
  hash.update(`${CACHE_FORMAT}\0${typescript.version}\0${options.keyParts.join('\0')}`);
  for (const file of options.inputFiles) hash.update(`\0${file}\0${readOrEmpty(file)}`);
  const key = hash.digest('hex');

  const directory = options.directory ?? defaultCacheDirectory(options.root);
  const file = path.join(directory, `boundaries-${sha1(options.keyParts.join('\0')).slice(0, 16)}.json`);
  const stored = readCacheFile(file);
  const base = { key, fileSetHash: options.fileSetHash, file };
  if (stored === undefined) return createCache({ ...base, status: 'cold' });
  if (stored.format !== CACHE_FORMAT || stored.key !== key) return createCache({ ...base, status: 'invalidated' });
  return createCache({ ...base, status: 'warm', stored });
}

interface CreateCacheOptions {
  status: CacheStatus;
  key: string;
  fileSetHash: string;
  file?: string;
  stored?: CacheContent;
}

function createCache({ status, key, fileSetHash, file, stored }: CreateCacheOptions): BoundariesCache {
  const resolutionsReused = stored !== undefined && stored.fileSetHash === fileSetHash;
  const storedFiles = stored?.files ?? {};
  const storedExtractions = stored?.extractions ?? {};
  const storedResolutions = resolutionsReused ? (stored?.resolutions ?? {}) : {};
  const trustStampsBefore = (stored?.writtenAt ?? 0) - RACY_MARGIN_MS;
  const files: Record<string, FileStamp> = {};
  const extractions: Record<string, EncodedExtraction> = {};
  const resolutions: Record<string, ImportTarget> = {};
  let changed = !resolutionsReused;

  return {
    status,
    ...(file === undefined ? {} : { file }),
    resolutionsReused,
    contentKeyFromStamp(name, modifiedMs, size) {
      const stamp = storedFiles[name];
      if (stamp === undefined || stamp[0] !== modifiedMs || stamp[1] !== size || modifiedMs >= trustStampsBefore) return undefined;
      return stamp[2];
    },
    recordStamp(name, modifiedMs, size, contentKey) {
      const stamp = storedFiles[name];
      if (stamp === undefined || stamp[0] !== modifiedMs || stamp[1] !== size || stamp[2] !== contentKey) changed = true;
      files[name] = [modifiedMs, size, contentKey];
    },
    getExtraction(contentKey) {
      const encoded = storedExtractions[contentKey];
      if (encoded === undefined) return undefined;
      extractions[contentKey] = encoded;
      return decodeExtraction(encoded);
    },
    setExtraction(contentKey, extraction) {
      changed = true;
      extractions[contentKey] = encodeExtraction(extraction);
    },
    getResolution(resolutionKey) {
      const target = storedResolutions[resolutionKey];
      if (target !== undefined) resolutions[resolutionKey] = target;
      return target;
    },
    setResolution(resolutionKey, target) {
      changed = true;
      resolutions[resolutionKey] = target;
    },
    save() {
      if (file === undefined) return;
      if (!changed && status === 'warm' && Object.keys(files).length === Object.keys(storedFiles).length) return;
      const content: CacheContent = { format: CACHE_FORMAT, key, fileSetHash, writtenAt: Date.now(), files, extractions, resolutions };
      fs.mkdirSync(path.dirname(file), { recursive: true });
      // Write then rename, so a concurrent run never reads half a file.
      const temporary = `${file}.${process.pid}.tmp`;
      fs.writeFileSync(temporary, JSON.stringify(content));
      fs.renameSync(temporary, file);
    },
  };
}

/** The nearest node_modules above the project, as other tools do; created under the root if there is none. */
export function defaultCacheDirectory(root: string): string {
  let directory = path.resolve(root);
  for (;;) {
    const candidate = path.join(directory, 'node_modules');
    if (fs.existsSync(candidate)) return path.join(candidate, '.cache', 'npvguard');
    const parent = path.dirname(directory);
    if (parent === directory) return path.join(path.resolve(root), 'node_modules', '.cache', 'npvguard');
    directory = parent;
  }
}

function readCacheFile(file: string): CacheContent | undefined {
  try {
    const parsed: unknown = JSON.parse(fs.readFileSync(file, 'utf8'));
    return isCacheContent(parsed) ? parsed : undefined;
  } catch {
    return undefined;
  }
}

function isCacheContent(value: unknown): value is CacheContent {
  if (typeof value !== 'object' || value === null) return false;
  const record = value as Record<string, unknown>;
  return (
    typeof record.format === 'number' &&
    typeof record.key === 'string' &&
    typeof record.fileSetHash === 'string' &&
    typeof record.writtenAt === 'number' &&
    isObject(record.files) &&
    isObject(record.extractions) &&
    isObject(record.resolutions)
  );
}

function isObject(value: unknown): boolean {
  return typeof value === 'object' && value !== null;
}

function readOrEmpty(file: string): string {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    return '';
  }
}
