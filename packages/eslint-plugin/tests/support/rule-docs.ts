import fs from 'node:fs';
import { fileURLToPath } from 'node:url';

export const DOCS_FOLDER = fileURLToPath(new URL('../../docs/rules/', import.meta.url));

export interface DocExample {
  kind: 'correct' | 'incorrect';
  code: string;
  /** 1-based line of the opening fence, for test names. */
  line: number;
  filename: string | undefined;
  options: unknown[] | undefined;
  settings: Record<string, unknown> | undefined;
}

export interface RuleDoc {
  title: string;
  description: string;
  /** `##` headings in order. */
  sections: string[];
  /** Option names under `## Options`, from `### \`name\`` headings. */
  optionHeadings: string[];
  examples: DocExample[];
}

const FENCE = /^```ts(?<attributes>(?:\s+\S+)*)\s*$/;
const ANNOTATION = /^<!--\s*(?<key>options|settings):\s*(?<json>.*?)\s*-->$/;

/**
 * Reads a rule doc. Examples are ```ts blocks whose info string says `correct` or `incorrect`, with an
 * optional `filename=<path>`; `<!-- options: [...] -->` and `<!-- settings: {...} -->` lines right above
 * a fence configure that example.
 */
export function parseRuleDoc(name: string): RuleDoc {
  const text = fs.readFileSync(`${DOCS_FOLDER}${name}.md`, 'utf8');
  const lines = text.split('\n');
  const title = lines.find((line) => line.startsWith('# '))?.slice(2).trim() ?? '';
  const description = lines.find((line) => line.startsWith('> '))?.slice(2).trim() ?? '';
  const sections: string[] = [];
  const optionHeadings: string[] = [];
  const examples: DocExample[] = [];
  let section = '';
  let pending: { options?: unknown[]; settings?: Record<string, unknown> } = {};
  for (let index = 0; index < lines.length; index += 1) {
    const line = lines[index] ?? '';
    if (line.startsWith('## ')) {
      section = line.slice(3).trim();
      sections.push(section);
      continue;
    }
    const heading = /^### `(?<option>[^`]+)`/.exec(line);
    if (heading?.groups && section === 'Options') optionHeadings.push(heading.groups['option'] ?? '');
    const annotation = ANNOTATION.exec(line.trim());
    if (annotation?.groups) {
      const value: unknown = JSON.parse(annotation.groups['json'] ?? 'null');
      if (annotation.groups['key'] === 'options') pending.options = value as unknown[];
      else pending.settings = value as Record<string, unknown>;
      continue;
    }
    const fence = FENCE.exec(line);
    if (!fence) {
      if (line.startsWith('```')) index = closingFence(lines, index);
      continue;
    }
    const attributes = (fence.groups?.['attributes'] ?? '').trim().split(/\s+/).filter(Boolean);
    const kind = attributes.includes('incorrect') ? 'incorrect' : attributes.includes('correct') ? 'correct' : undefined;
    const end = closingFence(lines, index);
    if (kind) {
      examples.push({
        kind,
        code: lines.slice(index + 1, end).join('\n'),
        line: index + 1,
        filename: attributes.find((attribute) => attribute.startsWith('filename='))?.slice('filename='.length),
        options: pending.options,
        settings: pending.settings,
      });
    }
    pending = {};
    index = end;
  }
  return { title, description, sections, optionHeadings, examples };
}

function closingFence(lines: readonly string[], opening: number): number {
  for (let index = opening + 1; index < lines.length; index += 1) {
    if ((lines[index] ?? '').startsWith('```')) return index;
  }
  throw new Error(`unclosed code fence at line ${opening + 1}`);
}
