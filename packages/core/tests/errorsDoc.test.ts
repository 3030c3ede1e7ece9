import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ERROR_CODES } from '../src/index.js';

const doc = readFileSync(new URL('../../../docs/errors.md', import.meta.url), 'utf8');

/** Rows of the `| Code | Description | How to solve |` table, with the anchor markup removed. */
function documentedRows(): { code: string; description: string; solution: string }[] {
  return doc
    .split('\n')
    .filter((line) => /^\| (<a id="npv\d{4}"><\/a>)?NPV\d{4} \|/.test(line))
    .map((line) => {
      const cells = line.split(' | ').map((cell) => cell.replace(/^\| /, '').replace(/ \|$/, ''));
      const [code = '', description = '', solution = ''] = cells;
      return { code: code.replace(/<a id="[^"]+"><\/a>/, ''), description, solution };
    });
}

describe('docs/errors.md', () => {
  it('has exactly one row per registered code, in registry order, with matching text', () => {
    const expected = Object.entries(ERROR_CODES).map(([code, info]) => ({ code, description: info.title, solution: info.solution }));
    expect(documentedRows()).toEqual(expected);
  });

  it('lists every code once (codes are never reused)', () => {
    const codes = documentedRows().map((row) => row.code);
    expect(new Set(codes).size).toBe(codes.length);
  });

  it('gives every row an anchor matching the lowercased code, as the CLI links to it', () => {
    for (const code of Object.keys(ERROR_CODES)) {
      expect(doc).toContain(`<a id="${code.toLowerCase()}"></a>${code} |`);
    }
  });

  it('uses codes of the documented families only', () => {
    for (const code of Object.keys(ERROR_CODES)) expect(code).toMatch(/^NPV[129]\d{3}$/);
  });
});
