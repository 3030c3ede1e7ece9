import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Result } from '@npvguard/core';
import { lintMeta } from '../../src/checks/lint/index.js';
import { REPO_ROOT, runCli } from '../support/cli.js';

const doc = readFileSync(path.join(REPO_ROOT, 'docs', lintMeta.docs), 'utf8');

function sections(markdown: string, level: string): Map<string, string> {
  const found = new Map<string, string>();
  for (const part of markdown.split(new RegExp(`^${level} `, 'm')).slice(1)) {
    const newline = part.indexOf('\n');
    found.set(part.slice(0, newline).trim(), part.slice(newline + 1));
  }
  return found;
}

/** ```<lang> file=<path>``` blocks of an example. */
function exampleFiles(markdown: string): Record<string, string> {
  const files: Record<string, string> = {};
  for (const match of markdown.matchAll(/```\w+ file=(\S+)\n([\s\S]*?)```/g)) files[match[1] ?? ''] = match[2] ?? '';
  if (Object.keys(files).length === 0) throw new Error(`example without files:\n${markdown}`);
  return files;
}

const folders: string[] = [];
afterAll(() => folders.forEach((folder) => rmSync(folder, { recursive: true, force: true })));

async function lintRuleIds(files: Record<string, string>): Promise<string[]> {
  const root = mkdtempSync(path.join(tmpdir(), 'npvguard-lint-doc-'));
  folders.push(root);
  for (const [file, text] of Object.entries({ 'npvguard.config.json': JSON.stringify({ lint: {} }), ...files })) {
    mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    writeFileSync(path.join(root, file), text);
  }
  const run = await runCli(['check', '--only', 'lint', '--format', 'json'], { cwd: root });
  return (JSON.parse(run.stdout) as Result).findings.map((finding) => finding.ruleId);
}

const ruleSections = [...sections(doc, '##')].filter(([heading]) => heading.startsWith('lint/'));

describe(`docs/${lintMeta.docs}`, () => {
  it('has one section per rule of the check, in meta order, each opening with its description', () => {
    expect(ruleSections.map(([heading]) => heading)).toEqual(lintMeta.rules.map((rule) => rule.id));
    for (const rule of lintMeta.rules) expect(ruleSections.find(([heading]) => heading === rule.id)?.[1].trim().split('\n\n')[0]).toBe(rule.description);
  });

  it.each(ruleSections)('%s: the incorrect example reports it and nothing else, the correct one reports nothing', async (id, body) => {
    const examples = sections(body, '###');
    expect([...examples.keys()]).toEqual(['❌ Incorrect', '✅ Correct', 'Options', 'When not to use it']);
    expect(await lintRuleIds(exampleFiles(examples.get('❌ Incorrect') ?? ''))).toEqual([id]);
    expect(await lintRuleIds(exampleFiles(examples.get('✅ Correct') ?? ''))).toEqual([]);
  });
});
