import { builtinModules } from 'node:module';

const BUILTINS = new Set(builtinModules.filter((name) => !name.startsWith('_')));

/** Relative (`./x`, `../x`) or absolute specifiers point at files, not packages. */
export function isRelativeSpecifier(specifier: string): boolean {
  return specifier === '.' || specifier === '..' || specifier.startsWith('./') || specifier.startsWith('../') || specifier.startsWith('/');
}

/** `fs`, `fs/promises` and `node:fs` are all Node builtins; `node:` ones only exist with the prefix. */
export function isBuiltinSpecifier(specifier: string): boolean {
  if (specifier.startsWith('node:')) return true;
  return BUILTINS.has(specifier) || BUILTINS.has(specifier.split('/')[0] ?? '');
}

/**
 * The name externals rules match on: a package name without subpath (`@scope/name`, `name`),
 * or `node:<module>` for builtins (`fs/promises` → `node:fs`), so `node:*` covers every builtin.
 */
export function externalPackageName(specifier: string): string {
  if (isBuiltinSpecifier(specifier)) {
    const bare = specifier.startsWith('node:') ? specifier.slice('node:'.length) : specifier;
    return `node:${bare.split('/')[0] ?? bare}`;
  }
  const segments = specifier.split('/');
  if (specifier.startsWith('@') && segments.length >= 2) return `${segments[0]}/${segments[1]}`;
  return segments[0] ?? specifier;
}
