import { DocumentParseError } from './openApiShape.js';
import { formatPointer } from './jsonPointer.js';

/** A parsed JSON or YAML file, with the line where each value starts. */
export interface SourceDocument {
  value: unknown;
  /** The 1-based line of the value at `segments`; of its nearest existing ancestor when there is none. */
  lineOf(segments: readonly string[]): number;
}

/** Lines of every value of a JSON text, by pointer; JSON.parse has accepted the text already. */
function jsonValueLines(text: string): Map<string, number> {
  const lines = new Map<string, number>();
  let index = 0;
  let line = 1;
  const skipSpace = () => {
    for (; index < text.length; index += 1) {
      const code = text.charCodeAt(index);
      if (code === 10) line += 1;
      else if (code !== 32 && code !== 9 && code !== 13) return;
    }
  };
  const readString = (): string => {
    const start = index;
    for (index += 1; index < text.length; index += 1) {
      const code = text.charCodeAt(index);
      if (code === 92) index += 1;
      else if (code === 34) break;
    }
    index += 1;
    return text.slice(start, index);
  };
  // An explicit stack: a document nested deeper than the call stack allows must not throw here.
  type Frame = { pointer: string; kind: 'object' | 'array'; count: number };
  const stack: Frame[] = [];
  let pointer = '#';
  for (;;) {
    skipSpace();
    lines.set(pointer, line);
    const char = text[index];
    if (char === '{' || char === '[') {
      index += 1;
      stack.push({ pointer, kind: char === '{' ? 'object' : 'array', count: 0 });
    } else if (char === '"') {
      readString();
    } else {
      while (index < text.length && !',]} \t\r\n'.includes(text[index] ?? '')) index += 1;
    }
    // After a value (or an opening bracket): close finished containers, then find where the next value starts.
    for (;;) {
      const frame = stack.at(-1);
      if (frame === undefined) return lines;
      skipSpace();
      const next = text[index];
      if (next === '}' || next === ']') {
        index += 1;
        stack.pop();
        continue;
      }
      if (next === ',') {
        index += 1;
        skipSpace();
      }
      if (frame.kind === 'object') {
        const key = JSON.parse(readString()) as string;
        skipSpace();
        index += 1;
        pointer = `${frame.pointer}/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`;
      } else {
        pointer = `${frame.pointer}/${frame.count}`;
      }
      frame.count += 1;
      break;
    }
  }
}

function nearestLine(segments: readonly string[], lineAt: (segments: readonly string[]) => number | undefined): number {
  for (let length = segments.length; length >= 0; length -= 1) {
    const line = lineAt(segments.slice(0, length));
    if (line !== undefined) return line;
  }
  return 1;
}

function parseJson(text: string): SourceDocument | undefined {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  let lines: Map<string, number> | undefined;
  return {
    value,
    lineOf(segments) {
      lines ??= jsonValueLines(text);
      const known = lines;
      return nearestLine(segments, (prefix) => known.get(formatPointer(prefix)));
    },
  };
}

async function parseYaml(text: string, label: string): Promise<SourceDocument> {
  const { LineCounter, parseDocument } = await import('yaml');
  const lineCounter = new LineCounter();
  const document = parseDocument(text, { lineCounter, uniqueKeys: false, prettyErrors: false });
  const error = document.errors[0];
  if (error !== undefined) {
    const line = lineCounter.linePos(error.pos[0]).line;
    throw new DocumentParseError(`${label} is not valid JSON or YAML (line ${line}): ${error.message.split('\n')[0] ?? error.message}`);
  }
  let value: unknown;
  try {
    value = document.toJS({ maxAliasCount: 1000 });
  } catch (cause) {
    throw new DocumentParseError(`${label} could not be read as YAML: ${cause instanceof Error ? cause.message : String(cause)}`);
  }
  return {
    value,
    lineOf(segments) {
      return nearestLine(segments, (prefix) => {
        const node: unknown = document.getIn(prefix, true);
        const range = typeof node === 'object' && node !== null && 'range' in node ? (node as { range?: [number, number, number] }).range : undefined;
        return range === undefined ? undefined : lineCounter.linePos(range[0]).line;
      });
    },
  };
}

/**
 * Parses JSON or YAML text with the line of every value. JSON goes through JSON.parse, many times faster than a
 * YAML parser on a large document; anything else (and JSON that JSON.parse refuses, for the YAML parser's
 * message with a line) is read as YAML 1.2.
 */
export async function parseSourceText(text: string, label: string): Promise<SourceDocument> {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  if (/^\s*[{[]/.test(body)) {
    const json = parseJson(body);
    if (json !== undefined) return json;
  }
  return parseYaml(body, label);
}
