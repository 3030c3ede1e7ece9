import { NpvError, isNpvError } from '@npvguard/core';
import { isRecord } from '@npvguard/harness/contracts';
import { formatPointer, parsePointer, valueAt } from './jsonPointer.js';
import { DocumentParseError } from './openApiShape.js';
import { itemContext, MAX_DEPTH, MAX_EXPANDED, memberContext, referenceOf, scanReferences, type MemberContext } from './referenceWalk.js';
import { parseSourceText, type SourceDocument } from './sourceText.js';

/** Where the files a document refers to come from: the working tree, or a git revision. */
export interface SourceFiles {
  /** The text of the file `key`; undefined when there is no such file. */
  read(key: string): Promise<string | undefined>;
  /** The key of the file a `$ref` path names (as written, percent-decoded), from the file `from`. */
  resolve(from: string, path: string): string;
  /** How messages and findings name the file `key`. */
  label(key: string): string;
}

export interface SourceLocation {
  file: string;
  line: number;
  /** The pointer inside `file`. */
  pointer: string;
}

/** A document with every `$ref` local to it, and where each of its parts was written. */
export interface BundledDocument {
  value: unknown;
  locate(pointer: string): SourceLocation;
}

interface Site {
  file: string;
  path: readonly string[];
}

interface Target {
  file: string;
  segments: string[];
  /** The file and pointer as one string. */
  key: string;
}

/** A part of the bundled document and the place in a file it was copied from. */
interface Region {
  out: readonly string[];
  file: string;
  pointer: readonly string[];
}

function isPrefix(prefix: readonly string[], segments: readonly string[]): boolean {
  return prefix.length <= segments.length && prefix.every((segment, index) => segments[index] === segment);
}

/** Local references are written percent-encoded, so every reader of `$ref` (ajv included) decodes the same pointer. */
function localReference(segments: readonly string[]): string {
  return segments.length === 0 ? '#' : `#/${segments.map((segment) => encodeURIComponent(segment.replace(/~/g, '~0').replace(/\//g, '~1'))).join('/')}`;
}

const REMOTE = /^https?:/i;
const SCHEME = /^([a-z][a-z\d+.-]*):/i;
const DRIVE = /^[a-z]:[\\/]/i;

class Bundler {
  private readonly documents = new Map<string, SourceDocument>();
  private readonly placed = new Map<string, string>();
  private readonly targets = new Map<string, Target>();
  private readonly pending = new Set<string>();
  private readonly regions: Region[] = [];
  private readonly ancestors = new Set<object>();
  /** Every `$ref` of the bundled document (all local), with where it is written. */
  private readonly localReferences: Array<{ reference: string; site: Site }> = [];
  private file: string;
  private filePath: string[] = [];
  private readonly out: string[] = [];

  constructor(
    private readonly rootKey: string,
    private readonly rootLabel: string,
    root: SourceDocument,
    private readonly files: SourceFiles,
  ) {
    this.documents.set(rootKey, root);
    this.file = rootKey;
    this.regions.push({ out: [], file: rootKey, pointer: [] });
  }

  label(file: string): string {
    return file === this.rootKey ? this.rootLabel : this.files.label(file);
  }

  lineOf(file: string, segments: readonly string[]): number {
    return this.documents.get(file)?.lineOf(segments) ?? 1;
  }

  unresolved(site: Site, reference: string, reason: string): NpvError {
    const where = `${this.label(site.file)} line ${this.lineOf(site.file, site.path)}`;
    return new NpvError('NPV2108', `${where}: the $ref ${JSON.stringify(reference)} at ${formatPointer(site.path)} cannot be resolved: ${reason}.`, {
      file: this.label(site.file),
      pointer: formatPointer(site.path),
      reference,
    });
  }

  /** The file and pointer a `$ref` written in `site.file` names. */
  target(reference: string, site: Site): Target {
    const cacheKey = `${site.file}\u0000${reference}`;
    const known = this.targets.get(cacheKey);
    if (known !== undefined) return known;
    const target = this.parseTarget(reference, site);
    this.targets.set(cacheKey, target);
    return target;
  }

  private parseTarget(reference: string, site: Site): Target {
    const hash = reference.indexOf('#');
    const pathPart = hash === -1 ? reference : reference.slice(0, hash);
    const scheme = SCHEME.exec(pathPart);
    if (scheme !== null && !DRIVE.test(pathPart)) {
      throw this.unresolved(
        site,
        reference,
        REMOTE.test(pathPart)
          ? 'it names a remote document, and npvguard reads local files only (it never goes to the network); save that document next to this one and refer to it by a relative path'
          : `the "${scheme[1] ?? ''}:" scheme is not supported; refer to a local file by a relative path`,
      );
    }
    const segments = parsePointer(hash === -1 ? '' : reference.slice(hash));
    if (segments === undefined) {
      throw this.unresolved(site, reference, `"${reference.slice(hash)}" is not a JSON pointer (it must be empty or start with "/", with "~" written ~0 and "/" written ~1)`);
    }
    if (pathPart === '') return { file: site.file, segments, key: `${site.file}${formatPointer(segments)}` };
    let decoded: string;
    try {
      decoded = decodeURIComponent(pathPart);
    } catch {
      throw this.unresolved(site, reference, 'its file part has a broken %-escape');
    }
    const file = this.files.resolve(site.file, decoded);
    return { file, segments, key: `${file}${formatPointer(segments)}` };
  }

  async load(file: string, site: Site, reference: string): Promise<SourceDocument> {
    let text: string | undefined;
    try {
      text = await this.files.read(file);
    } catch (error) {
      if (!isNpvError(error)) throw error;
      throw this.unresolved(site, reference, `${this.label(file)} could not be read: ${error.message.replace(/\.$/, '')}`);
    }
    if (text === undefined) throw this.unresolved(site, reference, `${this.label(file)} does not exist`);
    try {
      return await parseSourceText(text, this.label(file));
    } catch (error) {
      if (error instanceof DocumentParseError) throw this.unresolved(site, reference, error.message.replace(/\.$/, ''));
      throw error;
    }
  }

  tooDeep(file: string, path: readonly string[]): NpvError {
    return new NpvError('NPV2103', `${this.label(file)} line ${this.lineOf(file, path)}: ${formatPointer(path)} is nested more than ${MAX_DEPTH} levels deep.`, {
      file: this.label(file),
    });
  }

  circular(file: string, path: readonly string[]): NpvError {
    return new NpvError('NPV2103', `${this.label(file)} line ${this.lineOf(file, path)}: ${formatPointer(path)} contains itself (a YAML alias of one of its own parents).`, {
      file: this.label(file),
    });
  }

  /**
   * Reads every file reachable through `$ref`s from the root, a wave of files at a time. False when the root
   * has no `$ref` to another file: then it is bundled already, and its local `$ref`s are noted for the check.
   */
  async loadAll(): Promise<boolean> {
    let wave = [this.rootKey];
    let external = false;
    while (wave.length > 0) {
      const wanted = new Map<string, { site: Site; reference: string }>();
      for (const file of wave) {
        const scan = scanReferences(this.documents.get(file)?.value);
        if (scan.tooDeep !== undefined) throw this.tooDeep(file, scan.tooDeep);
        if (scan.circular !== undefined) throw this.circular(file, scan.circular);
        if (scan.tooLarge === true) {
          throw new NpvError('NPV2103', `${this.label(file)} expands to more than ${MAX_EXPANDED.toLocaleString('en')} values through its YAML aliases.`, { file: this.label(file) });
        }
        for (const { reference, path } of scan.references) {
          const site = { file, path };
          if (file === this.rootKey && reference.startsWith('#')) {
            this.localReferences.push({ reference, site });
            continue;
          }
          external = true;
          const target = this.target(reference, site);
          if (!this.documents.has(target.file) && !wanted.has(target.file)) wanted.set(target.file, { site, reference });
        }
      }
      const files = [...wanted];
      const loaded = await Promise.allSettled(files.map(([file, { site, reference }]) => this.load(file, site, reference)));
      // Read at once; the first failure in document order is the one reported.
      loaded.forEach((outcome, index) => {
        if (outcome.status === 'rejected') throw outcome.reason;
        this.documents.set(files[index]?.[0] ?? '', outcome.value);
      });
      wave = [...wanted.keys()];
    }
    return external;
  }

  /** The root document with each `$ref` to another file replaced by what it names (see bundleReferences). */
  bundle(): unknown {
    this.localReferences.length = 0;
    return this.copy(this.documents.get(this.rootKey)?.value, 'keywords', undefined);
  }

  rootValue(): unknown {
    return this.documents.get(this.rootKey)?.value;
  }

  private copy(value: unknown, context: MemberContext, parentKey: string | undefined): unknown {
    if (typeof value !== 'object' || value === null) return value;
    if (this.ancestors.has(value)) throw this.circular(this.file, this.filePath);
    if (this.out.length > MAX_DEPTH) throw this.tooDeep(this.file, this.filePath);
    this.ancestors.add(value);
    try {
      const reference = referenceOf(value, context);
      if (reference !== undefined) return this.reference(reference, value as Record<string, unknown>, context);
      if (Array.isArray(value)) return value.map((item, index) => this.member(String(index), item, itemContext(context), parentKey));
      const result: Record<string, unknown> = {};
      for (const [key, child] of Object.entries(value)) result[key] = this.member(key, child, memberContext(context, parentKey, key, child), key);
      return result;
    } finally {
      this.ancestors.delete(value);
    }
  }

  private member(key: string, child: unknown, context: MemberContext, parentKey: string | undefined): unknown {
    this.out.push(key);
    this.filePath.push(key);
    try {
      return this.copy(child, context, parentKey);
    } finally {
      this.out.pop();
      this.filePath.pop();
    }
  }

  private siblings(object: Record<string, unknown>, context: MemberContext): Record<string, unknown> {
    const result: Record<string, unknown> = {};
    for (const [key, child] of Object.entries(object)) {
      if (key !== '$ref') result[key] = this.member(key, child, memberContext(context, undefined, key, child), key);
    }
    return result;
  }

  /** Copies `value` as the content of `target`, read from its own file, in the context of the `$ref` to it. */
  private inTarget(target: Target, value: unknown, context: MemberContext): unknown {
    const saved = { file: this.file, filePath: this.filePath };
    this.file = target.file;
    this.filePath = [...target.segments];
    try {
      return this.copy(value, context, undefined);
    } finally {
      this.file = saved.file;
      this.filePath = saved.filePath;
    }
  }

  private reference(reference: string, object: Record<string, unknown>, context: MemberContext): unknown {
    const site = { file: this.file, path: [...this.filePath] };
    const target = this.target(reference, site);
    const siblings = this.siblings(object, context);
    // The root's own parts stay where they are: a reference to one of them stays (or becomes) local.
    if (target.file === this.rootKey) return this.local(reference.startsWith('#') && site.file === this.rootKey ? reference : localReference(target.segments), site, siblings);
    const key = target.key;
    const known = this.placed.get(key);
    if (known !== undefined && known === localReference(this.out)) throw this.unresolved(site, reference, 'it leads back to itself through other $refs, with no object in between');
    if (known !== undefined) return this.local(known, site, siblings);
    const found = valueAt(this.documents.get(target.file)?.value, target.segments);
    if (!found.found) {
      const missing = target.segments[found.depth] ?? '';
      throw this.unresolved(site, reference, `${this.label(target.file)} has no ${formatPointer(target.segments)} (there is no ${JSON.stringify(missing)} in ${formatPointer(target.segments.slice(0, found.depth))})`);
    }
    const content = found.value;
    if (typeof content !== 'boolean' && !isRecord(content)) {
      throw this.unresolved(site, reference, `${this.label(target.file)}${formatPointer(target.segments)} is ${Array.isArray(content) ? 'an array' : content === null ? 'null' : `a ${typeof content}`}, not an object`);
    }
    if (Object.keys(siblings).length === 0) return this.place(key, target, content, context);
    if (typeof content === 'boolean' || this.pending.has(key)) {
      // Keep the siblings apart from a target that must stay as written (a boolean schema, or one that contains this reference).
      this.out.push('allOf', '0');
      try {
        return { allOf: [this.place(key, target, content, context)], ...siblings };
      } finally {
        this.out.pop();
        this.out.pop();
      }
    }
    // Siblings of a $ref apply over its target (as the comparison reads local references too): merged here, so
    // this copy is not where other references to the target point.
    this.pending.add(key);
    this.regions.push({ out: [...this.out], file: target.file, pointer: target.segments });
    for (const name of Object.keys(siblings)) this.regions.push({ out: [...this.out, name], file: site.file, pointer: [...site.path, name] });
    try {
      const copied = this.inTarget(target, content, context);
      return isRecord(copied) ? { ...copied, ...siblings } : { allOf: [copied], ...siblings };
    } finally {
      this.pending.delete(key);
    }
  }

  private local(reference: string, site: Site, siblings: Record<string, unknown>): Record<string, unknown> {
    this.localReferences.push({ reference, site });
    return { $ref: reference, ...siblings };
  }

  /** The target copied here, where later references to it will point. */
  private place(key: string, target: Target, content: unknown, context: MemberContext): unknown {
    this.placed.set(key, localReference(this.out));
    this.regions.push({ out: [...this.out], file: target.file, pointer: target.segments });
    return this.inTarget(target, content, context);
  }

  locate(pointer: string): SourceLocation {
    const segments = parsePointer(pointer) ?? [];
    let best = this.regions[0] as Region;
    for (const region of this.regions) if (region.out.length > best.out.length && isPrefix(region.out, segments)) best = region;
    const inFile = [...best.pointer, ...segments.slice(best.out.length)];
    return { file: this.label(best.file), line: this.lineOf(best.file, inFile), pointer: formatPointer(inFile) };
  }

  /** Every local `$ref` of the bundled document points at an object, and no chain of them goes round. */
  checkLocalReferences(bundled: unknown): void {
    const checked = new Set<string>();
    for (const { reference, site } of this.localReferences) {
      if (checked.has(reference)) continue;
      const seen = new Set<string>();
      let current = reference;
      for (;;) {
        const segments = parsePointer(current);
        if (segments === undefined) throw this.unresolved(site, reference, `"${current}" is not a JSON pointer (it must start with "#/", with "~" written ~0 and "/" written ~1)`);
        const found = valueAt(bundled, segments);
        if (!found.found) {
          const missing = segments[found.depth] ?? '';
          throw this.unresolved(site, reference, `${this.rootLabel} has no ${formatPointer(segments)} (there is no ${JSON.stringify(missing)} in ${formatPointer(segments.slice(0, found.depth))})`);
        }
        if (typeof found.value !== 'boolean' && !isRecord(found.value)) {
          const kind = Array.isArray(found.value) ? 'an array' : found.value === null ? 'null' : `a ${typeof found.value}`;
          throw this.unresolved(site, reference, `${formatPointer(segments)} is ${kind}, not an object`);
        }
        seen.add(current);
        const next = isRecord(found.value) ? found.value['$ref'] : undefined;
        if (typeof next !== 'string') break;
        if (seen.has(next)) throw this.unresolved(site, reference, 'it leads back to itself through other $refs, with no object in between');
        current = next;
      }
      checked.add(reference);
    }
  }
}

/**
 * Makes a document self-contained: every `$ref` to another file (relative to the file it is written in, YAML
 * or JSON, at any depth) is replaced by what it names, copied once; later references to the same target become
 * local references to that copy, so a recursive schema spread over files stays recursive (a local `$ref`)
 * instead of being copied without end. The root's own local references stay as written. Every `$ref` must
 * resolve, to an object: a missing file, a missing pointer, a malformed pointer, a remote URL or a `$ref`
 * chain that goes round is NPV2108, naming the file, line and pointer where the `$ref` is written.
 */
export async function bundleReferences(rootKey: string, rootLabel: string, root: SourceDocument, files: SourceFiles): Promise<BundledDocument> {
  const bundler = new Bundler(rootKey, rootLabel, root, files);
  const value = (await bundler.loadAll()) ? bundler.bundle() : bundler.rootValue();
  bundler.checkLocalReferences(value);
  return { value, locate: (pointer) => bundler.locate(pointer) };
}
