import path from 'node:path';
import type * as ts from 'typescript';
import type { ImportForm } from '../types.js';
import { toPosix } from './paths.js';

/** Where a `#` specifier leads by the nearest package.json `imports` field. */
export type PackageImport =
  | { type: 'path'; path: string }
  | { type: 'package'; specifier: string }
  | { type: 'unresolved'; reason: string };

/**
 * Node's `imports` resolution (PACKAGE_IMPORTS_RESOLVE): the nearest package.json above the importing file,
 * an exact key or the `*` pattern with the longest prefix, then the first condition of the target that applies
 * (`types`, `import` or `require` by the import's form, `node`, `default`), `*` replaced by what it matched.
 * The compiler does this itself under moduleResolution node16, nodenext and bundler; this covers the others.
 */
export function resolvePackageImport(specifier: string, fromFile: string, form: ImportForm, host: ts.ModuleResolutionHost): PackageImport {
  const manifest = nearestManifest(path.dirname(fromFile), host);
  if (manifest === undefined) return { type: 'unresolved', reason: `no package.json above ${path.basename(fromFile)} declares \`imports\`` };
  const imports = Reflect.get(manifest.content, 'imports');
  if (typeof imports !== 'object' || imports === null) return { type: 'unresolved', reason: `${manifest.file} has no \`imports\` field` };
  const match = matchKey(specifier, Object.keys(imports));
  if (match === undefined) return { type: 'unresolved', reason: `no key of \`imports\` in ${manifest.file} matches '${specifier}'` };
  const conditions = new Set(['types', form === 'require' || form === 'import-equals' ? 'require' : 'import', 'node', 'default']);
  const target = conditionalTarget(Reflect.get(imports, match.key), conditions);
  if (target === undefined) return { type: 'unresolved', reason: `\`imports["${match.key}"]\` in ${manifest.file} has no target for the conditions ${[...conditions].join(', ')}` };
  const replaced = match.wildcard === undefined ? target : target.split('*').join(match.wildcard);
  if (!replaced.startsWith('./')) return { type: 'package', specifier: replaced };
  return { type: 'path', path: toPosix(path.resolve(path.dirname(manifest.file), replaced)) };
}

function nearestManifest(start: string, host: ts.ModuleResolutionHost): { file: string; content: object } | undefined {
  let directory = start;
  for (;;) {
    const file = toPosix(path.join(directory, 'package.json'));
    if (host.fileExists(file)) {
      try {
        const parsed: unknown = JSON.parse(host.readFile(file) ?? '');
        if (typeof parsed === 'object' && parsed !== null) return { file, content: parsed };
      } catch {
        return undefined;
      }
      return undefined;
    }
    const parent = path.dirname(directory);
    if (parent === directory) return undefined;
    directory = parent;
  }
}

/** An exact key, else the pattern key whose prefix is longest (then the longest key), as Node orders them. */
export function matchKey(specifier: string, keys: readonly string[]): { key: string; wildcard?: string } | undefined {
  if (keys.includes(specifier) && !specifier.includes('*')) return { key: specifier };
  let best: { key: string; wildcard: string; prefix: number } | undefined;
  for (const key of keys) {
    const star = key.indexOf('*');
    if (star === -1 || key.indexOf('*', star + 1) !== -1) continue;
    const prefix = key.slice(0, star);
    const suffix = key.slice(star + 1);
    if (!specifier.startsWith(prefix) || specifier === prefix || !specifier.endsWith(suffix) || specifier.length < key.length) continue;
    if (best === undefined || prefix.length > best.prefix || (prefix.length === best.prefix && key.length > best.key.length)) {
      best = { key, wildcard: specifier.slice(prefix.length, specifier.length - suffix.length), prefix: prefix.length };
    }
  }
  return best === undefined ? undefined : { key: best.key, wildcard: best.wildcard };
}

/** The first target that applies: a string; the first element of an array that gives one; the first matching condition of an object, in its order. */
export function conditionalTarget(value: unknown, conditions: ReadonlySet<string>): string | undefined {
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) {
    for (const element of value) {
      const target = conditionalTarget(element, conditions);
      if (target !== undefined) return target;
    }
    return undefined;
  }
  if (typeof value !== 'object' || value === null) return undefined;
  for (const [condition, nested] of Object.entries(value)) {
    if (!conditions.has(condition)) continue;
    const target = conditionalTarget(nested, conditions);
    if (target !== undefined) return target;
  }
  return undefined;
}
