/** A segment of a path inside the config: an object key or an array index. */
export type ConfigPathSegment = string | number;

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/** Formats `['boundaries', 'allow', 'server', 2]` as `boundaries.allow.server[2]`. */
export function formatConfigPath(path: readonly ConfigPathSegment[]): string {
  let text = '';
  for (const segment of path) {
    if (typeof segment === 'number') text += `[${segment}]`;
    else if (IDENTIFIER.test(segment)) text += text === '' ? segment : `.${segment}`;
    else text += `[${JSON.stringify(segment)}]`;
  }
  return text === '' ? '(the config itself)' : text;
}

const MAX_SHOWN_STRING = 60;

/** Describes any value for an error message, without calling user code (no toString, no getters). */
export function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing (the key is missing or undefined)';
  if (value === null) return 'null';
  switch (typeof value) {
    case 'string': {
      const shown = value.length > MAX_SHOWN_STRING ? `${value.slice(0, MAX_SHOWN_STRING)}…` : value;
      return value === '' ? 'an empty string' : `the string ${JSON.stringify(shown)}`;
    }
    case 'number':
      return `the number ${String(value)}`;
    case 'boolean':
      return `the boolean ${String(value)}`;
    case 'bigint':
      return 'a bigint';
    case 'symbol':
      return 'a symbol';
    case 'function':
      return 'a function';
    default:
      if (Array.isArray(value)) return value.length === 0 ? 'an empty array' : `an array of ${value.length} item(s)`;
      return 'an object';
  }
}
