import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { CHECKS } from '../../src/checks/index.js';

const CHECKS_FOLDER = fileURLToPath(new URL('../../src/checks/', import.meta.url));

describe('the check registry', () => {
  it('registers checks with unique ids and rule ids prefixed by their check', () => {
    const ids = CHECKS.map((check) => check.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const check of CHECKS) {
      for (const rule of check.meta.rules) expect(rule.id.startsWith(`${check.id}/`)).toBe(true);
    }
  });

  it('has one folder per check, named by its id, whose check.ts exports that very object', async () => {
    const folders = readdirSync(CHECKS_FOLDER, { withFileTypes: true }).filter((entry) => entry.isDirectory()).map((entry) => entry.name);
    expect(folders.sort()).toEqual(CHECKS.map((check) => check.id).sort());
    for (const check of CHECKS) {
      expect(check.module).toBe(new URL(`${check.id}/check.ts`, new URL(`file://${CHECKS_FOLDER}`)).href);
      const exported = Object.values((await import(path.join(CHECKS_FOLDER, check.id, 'check.ts'))) as Record<string, unknown>);
      expect(exported).toContain(check);
    }
  });

  it('keeps each check.ts light: it imports its meta, config, data and view, never its analyser', () => {
    for (const check of CHECKS) {
      const source = readFileSync(path.join(CHECKS_FOLDER, check.id, 'check.ts'), 'utf8');
      const staticImports = [...source.matchAll(/^import (?!type )[^;]*? from '([^']+)';$/gm)].map((match) => match[1]);
      for (const specifier of staticImports) expect(['@npvguard/core', './meta.js', './config.js', './present.js']).toContain(specifier);
    }
  });

  it('gives every config section to exactly one check, documented in docs/configuration.md', () => {
    const keys = CHECKS.flatMap((check) => (check.config === undefined ? [] : [check.config.key]));
    expect(new Set(keys).size).toBe(keys.length);
    const doc = readFileSync(path.join(CHECKS_FOLDER, '..', '..', '..', '..', 'docs', 'configuration.md'), 'utf8');
    for (const check of CHECKS) for (const key of check.config?.keys ?? []) expect(doc).toContain(`\`${key}\``);
    expect(existsSync(path.join(CHECKS_FOLDER, 'index.ts'))).toBe(true);
  });
});
