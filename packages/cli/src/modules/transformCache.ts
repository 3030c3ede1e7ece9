import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { createJiti, type TransformOptions, type TransformResult } from 'jiti';
import { writeFileAtomically } from './cacheDirectory.js';

const require = createRequire(import.meta.url);

/** jiti's own (Babel) transform, reached through an instance that caches nothing. */
let babel: ((options: TransformOptions) => string) | undefined;

function readVersion(): string {
  try {
    const manifest = JSON.parse(fs.readFileSync(require.resolve('jiti/package.json'), 'utf8')) as { version?: unknown };
    return typeof manifest.version === 'string' ? manifest.version : 'unknown';
  } catch {
    return 'unknown';
  }
}

/** Next to npvguard's other caches, under the node_modules holding jiti; undefined when there is none. */
function cacheDirectory(): string | undefined {
  const entry = require.resolve('jiti');
  const marker = `${path.sep}node_modules${path.sep}`;
  const index = entry.lastIndexOf(marker);
  if (index === -1) return undefined;
  return path.join(entry.slice(0, index + marker.length), '.cache', 'npvguard', 'transpiled');
}

const JITI_VERSION = readVersion();
const DIRECTORY = cacheDirectory();

/** Babel writes `import.meta.url` and its kin into the output as the file's own path. */
const MENTIONS_IMPORT_META = /\bimport\s*\.\s*meta\b/;

/**
 * The cache key of one transform: what the output depends on. jiti's transform depends on the source and the
 * options, not on where the file is, except that it writes `import.meta` out as the file's path: so the file's
 * path is part of the key only for a source that mentions `import.meta`. Every other file at head, in the base
 * worktree and in another checkout shares one entry (jiti's own file cache is keyed by path, and so transformed
 * every module again for each new worktree and kept every copy).
 */
function keyOf(options: TransformOptions): string {
  const { source, filename, babel: babelOptions, ...flags } = options;
  const where = MENTIONS_IMPORT_META.test(source) ? (filename ?? '') : path.extname(filename ?? '');
  return createHash('sha1')
    .update(JSON.stringify([JITI_VERSION, where, flags, babelOptions ?? null]))
    .update('\0')
    .update(source)
    .digest('hex');
}

/** Whether transformed code holds its file's location (so it cannot be shared with a copy elsewhere). */
function holdsLocation(code: string, filename: string | undefined): boolean {
  return filename !== undefined && filename !== '' && code.includes(path.dirname(filename));
}

function readEntry(file: string): string | undefined {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}

function writeEntry(file: string, code: string): void {
  try {
    writeFileAtomically(file, code);
  } catch {
    // Speed only: a read-only install transforms again next time.
  }
}

/** The cache file of a transform (undefined when there is no cache folder). */
export function transformCacheFile(options: TransformOptions): string | undefined {
  return DIRECTORY === undefined ? undefined : path.join(DIRECTORY, `${keyOf(options)}.js`);
}

/**
 * jiti's transform with a cache keyed by content, for `createJiti(..., { fsCache: false, transform })`. A
 * transform that fails is not cached (jiti reports its error when the module is evaluated).
 */
export function cachedTransform(options: TransformOptions): TransformResult {
  babel ??= createJiti(import.meta.url, { fsCache: false, moduleCache: false }).transform;
  const file = transformCacheFile(options);
  const cached = file === undefined ? undefined : readEntry(file);
  if (cached !== undefined) return { code: cached };
  const code = babel(options);
  // A syntax error comes back as code that throws it, naming the file: not stored. Neither is code that holds
  // its location in some way the key does not account for.
  const located = !MENTIONS_IMPORT_META.test(options.source) && holdsLocation(code, options.filename);
  if (file !== undefined && !code.includes('__JITI_ERROR__') && !located) writeEntry(file, code);
  return { code };
}
