import { isRecord } from '@npvguard/harness/contracts';

/** `#/a/b~1c` from `['a', 'b/c']`. */
export function formatPointer(segments: readonly string[]): string {
  return segments.length === 0 ? '#' : `#/${segments.map((segment) => segment.replace(/~/g, '~0').replace(/\//g, '~1')).join('/')}`;
}

/**
 * The segments of a JSON pointer written as a URI fragment (`#/a/b~1c`, `/a/b`, `#` or ``); percent-escapes are
 * decoded. Undefined when it is not one: no leading `/`, a `~` not followed by 0 or 1, a broken `%` escape.
 */
export function parsePointer(fragment: string): string[] | undefined {
  const text = fragment.startsWith('#') ? fragment.slice(1) : fragment;
  if (text === '') return [];
  if (!text.startsWith('/')) return undefined;
  const raw = text.slice(1).split('/');
  if (!/[~%]/.test(text)) return raw;
  const segments: string[] = [];
  for (const part of raw) {
    let decoded: string;
    try {
      decoded = decodeURIComponent(part);
    } catch {
      return undefined;
    }
    if (/~(?![01])/.test(decoded)) return undefined;
    segments.push(decoded.replace(/~1/g, '/').replace(/~0/g, '~'));
  }
  return segments;
}

/** The value at `segments` in `root`; array items only by their plain index. */
export function valueAt(root: unknown, segments: readonly string[]): { found: true; value: unknown } | { found: false; depth: number } {
  let current = root;
  for (const [depth, segment] of segments.entries()) {
    if (Array.isArray(current) && /^(0|[1-9]\d*)$/.test(segment) && Number(segment) < current.length) current = current[Number(segment)];
    else if (isRecord(current) && Object.hasOwn(current, segment)) current = current[segment];
    else return { found: false, depth };
  }
  return { found: true, value: current };
}
