import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BoundariesConfig } from '@npvguard/core';
import { afterAll, describe, expect, it } from 'vitest';
import { analyzeBoundaries, boundariesMeta } from '../../src/checks/boundaries/index.js';

const docsFile = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..', '..', 'docs', boundariesMeta.docs);
const doc = fs.readFileSync(docsFile, 'utf8');

const DEFAULT_TSCONFIG = JSON.stringify({
  compilerOptions: { target: 'ES2023', module: 'NodeNext', moduleResolution: 'NodeNext', strict: true, noEmit: true, skipLibCheck: true },
  include: ['src'],
});

interface Example {
  config: BoundariesConfig;
  files: Record<string, string>;
}

/** `## <heading>` sections of the doc, by heading. */
function sections(markdown: string, level: string): Map<string, string> {
  const found = new Map<string, string>();
  const parts = markdown.split(new RegExp(`^${level} `, 'm')).slice(1);
  for (const part of parts) {
    const newline = part.indexOf('\n');
    found.set(part.slice(0, newline).trim(), part.slice(newline + 1));
  }
  return found;
}

/** An example: one ```json config block (the boundaries section) and ```ts file=<path> blocks. */
function parseExample(markdown: string): Example {
  let config: BoundariesConfig | undefined;
  const files: Record<string, string> = {};
  for (const match of markdown.matchAll(/```(\w+) ([^\n]+)\n([\s\S]*?)```/g)) {
    const [, language, info, body = ''] = match;
    if (language === 'json' && info === 'config') config = JSON.parse(body) as BoundariesConfig;
    const file = /^file=(\S+)$/.exec(info ?? '')?.[1];
    if (file !== undefined) files[file] = body;
  }
  if (config === undefined || Object.keys(files).length === 0) throw new Error(`example without a config block or files:\n${markdown}`);
  return { config, files };
}

const scratch: string[] = [];
afterAll(() => scratch.forEach((folder) => fs.rmSync(folder, { recursive: true, force: true })));

/** Builds a project from an example and returns the rule ids reported. */
function run(example: Example): string[] {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'npvguard-boundaries-doc-'));
  scratch.push(root);
  const files = { 'tsconfig.json': DEFAULT_TSCONFIG, ...example.files };
  for (const [file, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    fs.writeFileSync(path.join(root, file), text);
  }
  const sources = Object.keys(example.files).filter((file) => file.startsWith('src/')).sort();
  return analyzeBoundaries({ root, files: sources, config: example.config, cache: false }).findings.map((finding) => finding.ruleId);
}

const ruleSections = [...sections(doc, '##')].filter(([heading]) => heading.startsWith('boundaries/'));

describe(`docs/${boundariesMeta.docs}`, () => {
  it('has one section per rule, in the order of the check meta', () => {
    expect(ruleSections.map(([heading]) => heading)).toEqual(boundariesMeta.rules.map((rule) => rule.id));
  });

  it.each(boundariesMeta.rules.map((rule) => [rule.id, rule.description] as const))('%s opens with the rule description', (id, description) => {
    const body = ruleSections.find(([heading]) => heading === id)?.[1] ?? '';
    expect(body.trim().split('\n\n')[0]).toBe(description);
  });

  it.each(ruleSections.map(([heading, body]) => [heading, body] as const))('%s has incorrect and correct examples, options and when not to use it', (_, body) => {
    expect([...sections(body, '###').keys()]).toEqual(['❌ Incorrect', '✅ Correct', 'Options', 'When not to use it']);
  });

  it.each(ruleSections.map(([heading, body]) => [heading, body] as const))('%s: the incorrect example reports it, the correct one reports nothing', (id, body) => {
    const examples = sections(body, '###');
    expect(run(parseExample(examples.get('❌ Incorrect') ?? ''))).toContain(id);
    expect(run(parseExample(examples.get('✅ Correct') ?? ''))).toEqual([]);
  });

  it('documents every boundaries config key', () => {
    for (const key of ['layers', 'allow', 'allowTypes', 'entryPoints', 'externals', 'cycles', 'typeOnly', 'ignore']) {
      expect(doc).toContain(`| \`${key}\` |`);
    }
  });
});
