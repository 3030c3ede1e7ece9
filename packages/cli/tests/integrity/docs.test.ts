import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { integrityMeta } from '../../src/checks/integrity/index.js';
import { REPO_ROOT } from '../support/cli.js';
import { createRepo, MINIMAL_CONFIG, runIntegrity, type TempRepo } from './gitRepo.js';

const doc = readFileSync(path.join(REPO_ROOT, 'docs', integrityMeta.docs), 'utf8');

/** `<level> <heading>` sections of a Markdown text, by heading. */
function sections(markdown: string, level: string): Map<string, string> {
  const found = new Map<string, string>();
  for (const part of markdown.split(new RegExp(`^${level} `, 'm')).slice(1)) {
    const newline = part.indexOf('\n');
    found.set(part.slice(0, newline).trim(), part.slice(newline + 1));
  }
  return found;
}

interface DiffExample {
  before: Record<string, string>;
  after: Record<string, string>;
}

/** An example is a set of ```<lang> before=<path>``` and ```<lang> after=<path>``` blocks; a file with no after block is deleted. */
function parseExample(markdown: string): DiffExample {
  const example: DiffExample = { before: {}, after: {} };
  for (const match of markdown.matchAll(/```\w+ (before|after)=(\S+)\n([\s\S]*?)```/g)) {
    const [, side, file = '', body = ''] = match;
    if (side === 'before') example.before[file] = body;
    else example.after[file] = body;
  }
  if (Object.keys(example.before).length + Object.keys(example.after).length === 0) throw new Error(`example without files:\n${markdown}`);
  return example;
}

const repos: TempRepo[] = [];
afterAll(() => repos.forEach((repo) => repo.cleanup()));

/** Commits the before files, then the after files (deleting files without one), and returns the integrity rule ids reported. */
async function run(example: DiffExample): Promise<string[]> {
  const named = [...Object.keys(example.before), ...Object.keys(example.after)];
  const ownConfig = named.some((file) => /^npvguard\.config\./.test(file));
  const repo = createRepo({ ...(ownConfig ? {} : { 'npvguard.config.ts': MINIMAL_CONFIG }), 'src/core/index.ts': 'export {};\n', 'src/server/index.ts': 'export {};\n', ...example.before });
  repos.push(repo);
  repo.remove(...Object.keys(example.before).filter((file) => !(file in example.after)));
  repo.write(example.after);
  repo.commit('example');
  const result = await runIntegrity(repo.root);
  expect(result.stderr).toBe('');
  return result.findings.map((finding) => finding.ruleId);
}

const ruleSections = [...sections(doc, '##')].filter(([heading]) => heading.startsWith('integrity/'));

describe(`docs/${integrityMeta.docs}`, () => {
  it('has one section per rule, in the order of the check meta', () => {
    expect(ruleSections.map(([heading]) => heading)).toEqual(integrityMeta.rules.map((rule) => rule.id));
  });

  it.each(integrityMeta.rules.map((rule) => [rule.id, rule.description] as const))('%s opens with the rule description', (id, description) => {
    const body = ruleSections.find(([heading]) => heading === id)?.[1] ?? '';
    expect(body.trim().split('\n\n')[0]).toBe(description);
  });

  it.each(ruleSections)('%s has incorrect and correct examples, options and when not to use it', (_, body) => {
    expect([...sections(body, '###').keys()]).toEqual(['❌ Incorrect', '✅ Correct', 'Options', 'When not to use it']);
  });

  it.each(ruleSections)('%s: the incorrect change reports it and nothing else, the correct one reports nothing', async (id, body) => {
    const examples = sections(body, '###');
    expect(await run(parseExample(examples.get('❌ Incorrect') ?? ''))).toEqual([id]);
    expect(await run(parseExample(examples.get('✅ Correct') ?? ''))).toEqual([]);
  });
});
