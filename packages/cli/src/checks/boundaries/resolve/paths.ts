import path from 'node:path';

/** Absolute paths are kept POSIX-style, as TypeScript reports them. */
export function toPosix(value: string): string {
  return value.replace(/\\/g, '/');
}

/** `root` absolute POSIX; a plain relative path below it needs no normalisation. */
export function absolutePath(root: string, relative: string): string {
  if (/^[^./\\:][^\\:]*[^/]$/.test(relative) && !relative.includes('/.') && !relative.includes('//')) return `${root}/${relative}`;
  return toPosix(path.resolve(root, relative));
}

/** Repo-relative POSIX path; files outside the root keep their `../` prefix. `root` is absolute POSIX. */
export function relativePath(root: string, absolute: string): string {
  // The common case, a file under the root, needs no path arithmetic.
  if (absolute.startsWith(root) && absolute.charAt(root.length) === '/' && !absolute.includes('/.', root.length)) {
    return absolute.slice(root.length + 1);
  }
  return toPosix(path.relative(root, absolute));
}

/** Both paths absolute and normalised (no `.`/`..` segments), as TypeScript reports them. */
export function isInside(directory: string, file: string): boolean {
  const base = directory.endsWith('/') ? directory : `${directory}/`;
  return file.length > base.length && file.startsWith(base);
}
