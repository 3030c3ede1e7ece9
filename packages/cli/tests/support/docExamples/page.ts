import { readFileSync } from 'node:fs';

/** One fenced block of an example: ```<language> <kind> <attributes...>. */
export interface DocBlock {
  language: string;
  /** The info string's words after the kind: `file=src/app.ts`, `config`, `contract-example`... */
  attributes: string[];
  body: string;
  /** 1-based line of the opening fence. */
  line: number;
}

/** The tagged blocks of one kind under one heading: what the meta-test runs as one example. */
export interface DocExample {
  kind: 'incorrect' | 'correct';
  heading: string;
  /** 1-based line of its first block. */
  line: number;
  blocks: DocBlock[];
}

export interface RulePage {
  /** The `# ` line. */
  title: string;
  /** The first `> ` line. */
  description: string;
  /** `## ` headings in order. */
  sections: string[];
  examples: DocExample[];
}

const FENCE = /^(```+|~~~+)(\S*)\s*(.*)$/;
const KINDS = new Set(['incorrect', 'correct']);

/**
 * Reads a rule page. Example blocks are fences whose info string names the kind right after the language
 * (```ts incorrect file=src/app.ts```, ```yaml contract-example correct```: the kind may come anywhere among the
 * words); the tagged blocks of one kind under one heading form one example. Untagged fences are prose.
 */
export function parseRulePage(text: string): RulePage {
  const lines = text.split('\n');
  const sections: string[] = [];
  const examples: DocExample[] = [];
  let title = '';
  let description = '';
  let heading = '';
  let current: DocExample | undefined;
  for (let index = 0; index < lines.length; index += 1) {
    const line = lines[index] ?? '';
    const fence = FENCE.exec(line);
    if (fence !== null) {
      const marker = fence[1] ?? '```';
      const end = lines.findIndex((candidate, position) => position > index && candidate.startsWith(marker) && candidate.trim() === marker);
      if (end === -1) throw new Error(`unclosed code fence at line ${index + 1}`);
      const words = (fence[3] ?? '').split(/\s+/).filter(Boolean);
      const kind = words.find((word) => KINDS.has(word)) as DocExample['kind'] | undefined;
      if (kind !== undefined) {
        const block: DocBlock = { language: fence[2] ?? '', attributes: words.filter((word) => word !== kind), body: lines.slice(index + 1, end).join('\n') + '\n', line: index + 1 };
        if (current?.kind !== kind || current.heading !== heading) {
          current = { kind, heading, line: index + 1, blocks: [] };
          examples.push(current);
        }
        current.blocks.push(block);
      }
      index = end;
      continue;
    }
    const headingMatch = /^(#{1,6})\s+(.*?)\s*$/.exec(line);
    if (headingMatch !== null) {
      const level = headingMatch[1]?.length ?? 0;
      heading = headingMatch[2] ?? '';
      current = undefined;
      if (level === 1 && title === '') title = heading;
      if (level === 2) sections.push(heading);
      continue;
    }
    if (description === '' && line.startsWith('> ')) description = line.slice(2).trim();
  }
  return { title, description, sections, examples };
}

export function readRulePage(file: string): RulePage {
  return parseRulePage(readFileSync(file, 'utf8'));
}

/** The value of a `key=value` attribute of a block. */
export function attribute(block: DocBlock, key: string): string | undefined {
  return block.attributes.find((word) => word.startsWith(`${key}=`))?.slice(key.length + 1);
}

/** What runs an example of one check's pages, and how its reported rule ids are judged. */
export interface DocExampleExecutor {
  /** The rule ids a run of the example reports (new findings only). */
  run(example: DocExample, ruleId: string): Promise<string[]>;
  /** `only`: an incorrect example reports its rule and nothing else; `includes`: its rule among others. */
  incorrect: 'only' | 'includes';
  /** `nothing`: a correct example reports no rule at all; `not-this-rule`: it may report others. */
  correct: 'nothing' | 'not-this-rule';
}
