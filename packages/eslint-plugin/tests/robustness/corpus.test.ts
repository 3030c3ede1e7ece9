import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ALL_SYNTAX_RULES, createLinter } from '../support/lint-all.js';

const NODE_MODULES = fileURLToPath(new URL('../../../../node_modules/', import.meta.url));
const MAX_FILES = 400;
const MAX_BYTES = 150_000;

/** Folders of real TypeScript in the installed dependencies: library sources, type tests with fastify routes, declarations. */
const CORPUS_ROOTS = [
  'fastify/test/types',
  'fastify/types',
  'pino/test',
  'tsconfig-paths/src',
  'undici/types',
  '@typescript-eslint/utils/dist',
  '@typescript-eslint/typescript-estree/dist',
  '@fastify/ajv-compiler/node_modules/ajv/lib',
  'ajv/lib',
  'ajv-formats/node_modules/ajv/lib',
];

function typeScriptFiles(folder: string): string[] {
  if (!fs.existsSync(folder)) return [];
  const found: string[] = [];
  for (const entry of fs.readdirSync(folder, { withFileTypes: true })) {
    const full = path.join(folder, entry.name);
    if (entry.isDirectory()) found.push(...typeScriptFiles(full));
    else if (/\.(m|c)?ts$/.test(entry.name) && fs.statSync(full).size <= MAX_BYTES) found.push(full);
  }
  return found.sort();
}

/** The same file content reached through two installs is linted once. */
function corpus(): string[] {
  const seen = new Set<string>();
  const files: string[] = [];
  for (const root of CORPUS_ROOTS) {
    for (const file of typeScriptFiles(path.join(NODE_MODULES, root))) {
      const relative = path.relative(path.join(NODE_MODULES, root), file);
      if (seen.has(relative) && root.endsWith('ajv/lib')) continue;
      seen.add(relative);
      files.push(file);
      if (files.length >= MAX_FILES) return files;
    }
  }
  return files;
}

describe('every syntax-only rule over real TypeScript from node_modules', () => {
  const files = corpus();
  const linter = createLinter(NODE_MODULES);

  it('finds a corpus worth the name', () => {
    expect(files.length).toBeGreaterThanOrEqual(250);
  });

  it('lints every file without a rule throwing', () => {
    const crashes: string[] = [];
    let reports = 0;
    for (const file of files) {
      const code = fs.readFileSync(file, 'utf8');
      try {
        const messages = linter.verify(code, [ALL_SYNTAX_RULES], file);
        reports += messages.filter((message) => message.ruleId?.startsWith('npvguard/')).length;
      } catch (error) {
        crashes.push(`${path.relative(NODE_MODULES, file)}: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
    expect(crashes).toEqual([]);
    // Real code gives the rules something to say; zero reports would mean the rules never ran.
    expect(reports).toBeGreaterThan(0);
  }, 60_000);
});
