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

/** The 1-based line of each offset of `text`, by binary search over the line starts. */
function lineAtOffset(text: string): (offset: number) => number {
  const starts = [0];
  for (let index = text.indexOf('\n'); index !== -1; index = text.indexOf('\n', index + 1)) starts.push(index + 1);
  return (offset) => {
    let low = 0;
    let high = starts.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if ((starts[middle] ?? 0) <= offset) low = middle;
      else high = middle - 1;
    }
    return low + 1;
  };
}

type YamlModule = typeof import('js-yaml');
type YamlEvent = ReturnType<YamlModule['parseEvents']>[number];

/** The start offset of every value of a YAML event stream, by pointer (keys decoded, as the values are). */
function yamlValueOffsets(yaml: YamlModule, text: string, events: readonly YamlEvent[]): Map<string, number> {
  const { EVENT_ID } = yaml;
  const offsets = new Map<string, number>();
  type Frame = { pointer: string; mapping: boolean; count: number; key: string | undefined };
  const stack: Frame[] = [];
  let documents = 0;
  for (const event of events) {
    if (event.type === EVENT_ID.DOCUMENT) {
      documents += 1;
      if (documents > 1) break;
      continue;
    }
    const frame = stack.at(-1);
    if (event.type === EVENT_ID.POP) {
      stack.pop();
      continue;
    }
    if (frame?.mapping === true && frame.key === undefined) {
      // A key: the pointer of the value that follows. A key that is itself a collection names nothing (`?`).
      frame.key = event.type === EVENT_ID.SCALAR ? yaml.getScalarValue(text, event) : '?';
      if (event.type === EVENT_ID.MAPPING || event.type === EVENT_ID.SEQUENCE) stack.push({ pointer: `${frame.pointer}/?`, mapping: false, count: 0, key: '' });
      continue;
    }
    let pointer = '#';
    if (frame !== undefined) {
      pointer = frame.mapping ? `${frame.pointer}/${(frame.key ?? '').replace(/~/g, '~0').replace(/\//g, '~1')}` : `${frame.pointer}/${frame.count}`;
      if (frame.mapping) frame.key = undefined;
      else frame.count += 1;
    }
    const start = event.type === EVENT_ID.SCALAR ? event.valueStart : event.type === EVENT_ID.ALIAS ? event.anchorStart : event.start;
    offsets.set(pointer, Math.max(0, start));
    if (event.type === EVENT_ID.MAPPING) stack.push({ pointer, mapping: true, count: 0, key: undefined });
    else if (event.type === EVENT_ID.SEQUENCE) stack.push({ pointer, mapping: false, count: 0, key: '' });
  }
  return offsets;
}

/** Aliases a document may use; what they stand for is then counted as it expands (see scanReferences). */
const MAX_ALIASES = 1000;

async function parseYaml(text: string, label: string): Promise<SourceDocument> {
  const yaml = await import('js-yaml');
  let events: YamlEvent[];
  let documents: unknown[];
  try {
    events = yaml.parseEvents(text, { maxDepth: 1000 });
    documents = yaml.constructFromEvents(events, { source: text, json: true, maxAliases: MAX_ALIASES });
  } catch (error) {
    if (error instanceof yaml.YAMLException) {
      const line = error.mark === undefined ? '' : ` (line ${error.mark.line + 1})`;
      throw new DocumentParseError(`${label} is not valid JSON or YAML${line}: ${error.reason}`);
    }
    throw error;
  }
  if (documents.length !== 1) throw new DocumentParseError(`${label} holds ${documents.length} YAML documents; one is expected.`);
  let offsets: Map<string, number> | undefined;
  let lineAt: ((offset: number) => number) | undefined;
  return {
    value: documents[0],
    lineOf(segments) {
      offsets ??= yamlValueOffsets(yaml, text, events);
      lineAt ??= lineAtOffset(text);
      const known = offsets;
      const line = lineAt;
      return nearestLine(segments, (prefix) => {
        const offset = known.get(formatPointer(prefix));
        return offset === undefined ? undefined : line(offset);
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
