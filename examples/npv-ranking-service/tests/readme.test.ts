import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { SERVICE_ERROR_CODES } from '../src/domain/serviceErrors.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');

/** The rows of the markdown table that follows `heading`. */
function tableAfter(heading: string): string[][] {
  const start = readme.indexOf(heading);
  expect(start).toBeGreaterThanOrEqual(0);
  const lines = readme.slice(start).split('\n').slice(1);
  const firstRow = lines.findIndex((line) => line.startsWith('|'));
  const rows: string[][] = [];
  for (const line of lines.slice(firstRow + 2)) {
    if (!line.startsWith('|')) {
      break;
    }
    rows.push(line.slice(1, -1).split(' | ').map((cell) => cell.trim()));
  }
  return rows;
}

describe('README', () => {
  it('lists every service error code with its status, description and fix, and nothing else', () => {
    const rows = tableAfter('### Errors');
    const documented = rows.map(([code, status, description, solution]) => ({ code: code?.replaceAll('`', ''), status: Number(status), description, solution }));
    const registry = Object.entries(SERVICE_ERROR_CODES).map(([code, info]) => ({ code, ...info }));

    expect(documented).toEqual(registry);
  });

  it('documents exactly the environment variables the config module reads', () => {
    const source = readFileSync(join(ROOT, 'src', 'config', 'env.ts'), 'utf8');
    const read = new Set([...source.matchAll(/'(NPV_[A-Z_]+)'/g)].map((match) => match[1]));
    const documented = new Set(tableAfter('## Configuration').map(([variable]) => variable?.replaceAll('`', '')));

    expect(read.size).toBe(8);
    expect(documented).toEqual(read);
  });
});
