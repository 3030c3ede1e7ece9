import { readFileSync } from 'node:fs';
import path from 'node:path';

export interface SourcePosition {
  file: string;
  line: number;
  column: number;
}

/**
 * Where a string literal (a route URL, a feature name) first appears, quoted, in the given files: runtime
 * data has no source positions, so findings point at the declaration that names the thing.
 */
export function locateLiteral(root: string, files: readonly string[], literal: string, fallback: string): SourcePosition {
  const quoted = [`'${literal}'`, `"${literal}"`, `\`${literal}\``];
  for (const file of files) {
    let text: string;
    try {
      text = readFileSync(path.resolve(root, file), 'utf8');
    } catch {
      continue;
    }
    const index = Math.min(...quoted.map((candidate) => text.indexOf(candidate)).filter((found) => found !== -1));
    if (!Number.isFinite(index)) continue;
    const before = text.slice(0, index);
    const line = before.split('\n').length;
    return { file, line, column: index - before.lastIndexOf('\n') };
  }
  return { file: fallback, line: 1, column: 1 };
}

/** How many lines after a registering call its url may be written (`app.get(\n  '/items',`). */
const URL_LINES_AFTER_CALL = 5;

/**
 * Where a route's url is written at the call that registered it: the url as served, or the part a plugin prefix
 * does not cover (`'/items/:sku'` of `/v1/items/:sku`), quoted, on the call's line or just after it; the call
 * itself when the url is built some other way.
 */
export function locateRouteUrl(root: string, registered: SourcePosition, url: string): SourcePosition {
  let text: string;
  try {
    text = readFileSync(path.resolve(root, registered.file), 'utf8');
  } catch {
    return registered;
  }
  const lines = text.split('\n');
  const segments = url.split('/');
  for (let start = 1; start < segments.length; start += 1) {
    const local = `/${segments.slice(start).join('/')}`;
    const quoted = [`'${local}'`, `"${local}"`, `\`${local}\``];
    for (let line = registered.line; line <= Math.min(lines.length, registered.line + URL_LINES_AFTER_CALL); line += 1) {
      const content = lines[line - 1] ?? '';
      const found = quoted.map((candidate) => content.indexOf(candidate)).filter((index) => index !== -1);
      if (found.length > 0) return { file: registered.file, line, column: Math.min(...found) + 1 };
    }
  }
  return registered;
}
