import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { FindingInput } from '@npvguard/core';
import { defaultCacheDirectory, writeFileAtomically } from '../../../modules/cacheDirectory.js';
import { typescript } from '../../../modules/typescript.js';
import type { DecoratorAnalysis, FileExtraction, ImportTarget } from '../types.js';
import { decodeExtraction, encodeExtraction, type EncodedExtraction } from './encoding.js';
import { sha1 } from './hashes.js';

/** Bumped whenever the shape or meaning of cached data changes. */
const CACHE_FORMAT = 6;

/**
 * A file whose modification time is this close to the cache's own write time may have changed again
 * within the file system's timestamp resolution; its content is hashed again rather than trusted.
 */
const RACY_MARGIN_MS = 2000;

export type CacheStatus = 'off' | 'cold' | 'warm' | 'invalidated';

/** What is known about a file without reading it: modification time, size, content key. */
type FileStamp = [modifiedMs: number, size: number, contentKey: string];

/**
 * A local edge of a file: target, 1 when type-only, line, column, 1 when the policy refused it. The target
 * is its index in the analysed file list when it is one of those files (snapshots are only used with the
 * same file list), else its path.
 */
export type SnapshotEdge = [to: number | string, typeOnly: number, line: number, column: number, forbidden: number];

/**
 * A file's whole analysis: valid while its content, the file set, the tsconfigs and package.json files
 * and the boundaries config are unchanged, since nothing else decides its edges and findings.
 */
export interface FileSnapshot {
  /** Content key of the analysed text. */
  c: string;
  e: SnapshotEdge[];
  /** The file's own findings (every rule but cycle, which depends on the whole graph). */
  f: FindingInput[];
}

interface CacheContent {
  format: number;
  /** Hash of npvguard's and typescript's versions and every tsconfig and package.json read. */
  key: string;
  /** Hash of the analysed file list: resolutions depend on which files exist. */
  fileSetHash: string;
  /** Hash of everything a file's snapshot depends on besides its content. */
  snapshotKey: string;
  writtenAt: number;
  /** In a delta file: the `writtenAt` of the cache file it amends. */
  baseWrittenAt?: number;
  files: Record<string, FileStamp>;
  extractions: Record<string, EncodedExtraction>;
  resolutions: Record<string, ImportTarget>;
  snapshots: Record<string, FileSnapshot>;
  /** The decorator analysis of the whole file set, with the hash of every file's content it was made from. */
  decorators?: { key: string; analysis: DecoratorAnalysis };
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
  /** The analysis of a file recorded by an earlier run for this content, if still valid. */
  getSnapshot(file: string, contentKey: string): FileSnapshot | undefined;
  setSnapshot(file: string, snapshot: FileSnapshot): void;
  /** The decorator analysis recorded for files with exactly these contents (`key` hashes every file and content key). */
  getDecorators(key: string): DecoratorAnalysis | undefined;
  setDecorators(key: string, analysis: DecoratorAnalysis): void;
  /**
   * Skipped when nothing changed. A few changes go to a delta file; otherwise the cache is rewritten with
   * the entries this run used only, so stale ones do not pile up.
   */
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
  /** Hash of the boundaries config: with `fileSetHash` and the key, what file snapshots depend on. */
  configHash: string;
}

export function openCache(options: OpenCacheOptions): BoundariesCache {
  if (!options.enabled) return createCache({ status: 'off', key: '', fileSetHash: options.fileSetHash, snapshotKey: '' });
  const hash = createHash('sha1');
  hash.update(`${CACHE_FORMAT}\0${typescript.version}\0${options.keyParts.join('\0')}`);
  for (const file of options.inputFiles) hash.update(`\0${file}\0${readOrEmpty(file)}`);
  const key = hash.digest('hex');

  const directory = options.directory ?? defaultCacheDirectory(options.root);
  const file = path.join(directory, `boundaries-${sha1(options.keyParts.join('\0')).slice(0, 16)}.json`);
  const stored = readCacheFile(file);
  const snapshotKey = sha1(`${key}\0${options.fileSetHash}\0${options.configHash}`);
  const base = { key, fileSetHash: options.fileSetHash, snapshotKey, file };
  if (stored === undefined) return createCache({ ...base, status: 'cold' });
  if (stored.format !== CACHE_FORMAT || stored.key !== key) return createCache({ ...base, status: 'invalidated' });
  const delta = readCacheFile(deltaFileOf(file));
  const deltaFits = delta !== undefined && delta.format === CACHE_FORMAT && delta.key === key && delta.fileSetHash === stored.fileSetHash && delta.baseWrittenAt === stored.writtenAt;
  return createCache({ ...base, status: 'warm', stored, ...(deltaFits ? { delta } : {}) });
}

/** Small changes go to a delta file next to the cache, so an edit does not rewrite megabytes. */
function deltaFileOf(file: string): string {
  return file.replace(/\.json$/, '.delta.json');
}

/** Above this many changed entries the delta is folded into a rewritten cache file. */
const DELTA_LIMIT = 500;

interface CreateCacheOptions {
  status: CacheStatus;
  key: string;
  fileSetHash: string;
  snapshotKey: string;
  file?: string;
  stored?: CacheContent;
  delta?: CacheContent;
}

function createCache({ status, key, fileSetHash, snapshotKey, file, stored, delta }: CreateCacheOptions): BoundariesCache {
  const resolutionsReused = stored !== undefined && stored.fileSetHash === fileSetHash;
  const layers = [delta, stored].filter((content): content is CacheContent => content !== undefined);
  const findStamp = (name: string): { stamp: FileStamp; trustBefore: number } | undefined => {
    for (const content of layers) {
      const stamp = content.files[name];
      if (stamp !== undefined) return { stamp, trustBefore: content.writtenAt - RACY_MARGIN_MS };
    }
    return undefined;
  };
  const findExtraction = (contentKey: string): EncodedExtraction | undefined => delta?.extractions[contentKey] ?? stored?.extractions[contentKey];
  const findResolution = (resolutionKey: string): ImportTarget | undefined =>
    resolutionsReused ? (delta?.resolutions[resolutionKey] ?? stored?.resolutions[resolutionKey]) : undefined;
  const findSnapshot = (name: string): FileSnapshot | undefined => {
    for (const content of layers) {
      const snapshot = content.snapshotKey === snapshotKey ? content.snapshots[name] : undefined;
      if (snapshot !== undefined) return snapshot;
    }
    return undefined;
  };

  // Everything this run used (a rewritten cache keeps only these) and what it added (a delta holds only these).
  const entries = () => ({
    files: new Map<string, FileStamp>(),
    extractions: new Map<string, EncodedExtraction>(),
    resolutions: new Map<string, ImportTarget>(),
    snapshots: new Map<string, FileSnapshot>(),
  });
  const used = entries();
  const added = entries();
  let usedDecorators: CacheContent['decorators'];
  let addedDecorators: CacheContent['decorators'];

  return {
    status,
    ...(file === undefined ? {} : { file }),
    resolutionsReused,
    contentKeyFromStamp(name, modifiedMs, size) {
      const found = findStamp(name);
      if (found === undefined) return undefined;
      const [storedModified, storedSize, contentKey] = found.stamp;
      if (storedModified !== modifiedMs || storedSize !== size || modifiedMs >= found.trustBefore) return undefined;
      return contentKey;
    },
    recordStamp(name, modifiedMs, size, contentKey) {
      const stamp: FileStamp = [modifiedMs, size, contentKey];
      const found = findStamp(name);
      const known = found?.stamp;
      const changedStamp = known === undefined || known[0] !== modifiedMs || known[1] !== size || known[2] !== contentKey;
      // A stamp too close to its cache's write time is stored again, so a later write time vouches for it.
      if (changedStamp || modifiedMs >= (found?.trustBefore ?? 0)) added.files.set(name, stamp);
      used.files.set(name, stamp);
    },
    getExtraction(contentKey) {
      const encoded = findExtraction(contentKey);
      if (encoded === undefined) return undefined;
      used.extractions.set(contentKey, encoded);
      return decodeExtraction(encoded);
    },
    setExtraction(contentKey, extraction) {
      const encoded = encodeExtraction(extraction);
      used.extractions.set(contentKey, encoded);
      added.extractions.set(contentKey, encoded);
    },
    getResolution(resolutionKey) {
      const target = findResolution(resolutionKey);
      if (target !== undefined) used.resolutions.set(resolutionKey, target);
      return target;
    },
    setResolution(resolutionKey, target) {
      used.resolutions.set(resolutionKey, target);
      added.resolutions.set(resolutionKey, target);
    },
    getSnapshot(name, contentKey) {
      const snapshot = findSnapshot(name);
      if (snapshot === undefined || snapshot.c !== contentKey) return undefined;
      used.snapshots.set(name, snapshot);
      return snapshot;
    },
    setSnapshot(name, snapshot) {
      used.snapshots.set(name, snapshot);
      added.snapshots.set(name, snapshot);
    },
    getDecorators(decoratorsKey) {
      const found = [delta?.decorators, stored?.decorators].find((entry) => entry?.key === decoratorsKey);
      if (found !== undefined) usedDecorators = found;
      return found?.analysis;
    },
    setDecorators(decoratorsKey, analysis) {
      usedDecorators = { key: decoratorsKey, analysis };
      addedDecorators = usedDecorators;
    },
    save() {
      if (file === undefined) return;
      const addedCount = added.files.size + added.extractions.size + added.resolutions.size + added.snapshots.size + (addedDecorators === undefined ? 0 : 1);
      if (status === 'warm' && resolutionsReused && addedCount === 0) return;
      fs.mkdirSync(path.dirname(file), { recursive: true });
      const writtenAt = Date.now();
      // Snapshots of an older config in the previous delta are dropped rather than carried over.
      const carried = delta === undefined ? undefined : { ...delta, snapshots: delta.snapshotKey === snapshotKey ? delta.snapshots : {} };
      const deltaSize = addedCount + (carried === undefined ? 0 : [carried.files, carried.extractions, carried.resolutions, carried.snapshots].reduce((sum, record) => sum + Object.keys(record).length, 0));
      if (status === 'warm' && resolutionsReused && stored !== undefined && deltaSize <= DELTA_LIMIT) {
        writeAtomically(deltaFileOf(file), {
          format: CACHE_FORMAT,
          key,
          fileSetHash,
          snapshotKey,
          writtenAt,
          baseWrittenAt: stored.writtenAt,
          files: { ...carried?.files, ...Object.fromEntries(added.files) },
          extractions: { ...carried?.extractions, ...Object.fromEntries(added.extractions) },
          resolutions: { ...carried?.resolutions, ...Object.fromEntries(added.resolutions) },
          snapshots: { ...carried?.snapshots, ...Object.fromEntries(added.snapshots) },
          ...(addedDecorators === undefined ? (carried?.decorators === undefined ? {} : { decorators: carried.decorators }) : { decorators: addedDecorators }),
        });
        return;
      }
      writeAtomically(file, {
        format: CACHE_FORMAT,
        key,
        fileSetHash,
        snapshotKey,
        writtenAt,
        files: Object.fromEntries(used.files),
        extractions: Object.fromEntries(used.extractions),
        resolutions: Object.fromEntries(used.resolutions),
        snapshots: Object.fromEntries(used.snapshots),
        ...(usedDecorators === undefined ? {} : { decorators: usedDecorators }),
      });
      fs.rmSync(deltaFileOf(file), { force: true });
    },
  };
}

/** Written whole or not at all, so a concurrent run never reads half a file. */
function writeAtomically(file: string, content: CacheContent): void {
  writeFileAtomically(file, JSON.stringify(content));
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
    typeof record.snapshotKey === 'string' &&
    typeof record.writtenAt === 'number' &&
    isObject(record.files) &&
    isObject(record.extractions) &&
    isObject(record.resolutions) &&
    isObject(record.snapshots)
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
