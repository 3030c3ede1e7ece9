import { describe, expect, it } from 'vitest';
import { compactReporter } from '../../src/report/compact.js';
import { markdownReporter, escapeCell, MARKDOWN_FINDING_LIMIT } from '../../src/report/markdown.js';
import { stylishReporter } from '../../src/report/stylish.js';
import { PLAIN, sampleFinding, sampleResult } from '../support/result.js';

describe('compactReporter', () => {
  it('prints one grep-able line per new finding and per check that could not run', () => {
    expect(compactReporter(sampleResult(), PLAIN).split('\n')).toEqual([
      'src/core/doubled.ts:2:1 error boundaries/forbidden-import src/core/doubled.ts imports src/server/port.ts (layer server). (fix: Take the port as a parameter.)',
      'src/server/handler.ts:1:1 warning boundaries/private-import Imports a private file, of core. (fix: Take the port as a parameter.)',
      'npvguard.baseline.json:4:1 info baseline/stale-entry No longer occurs. (fix: Take the port as a parameter.)',
      'contracts error NPV2002 tsconfig not found: <root>/tsconfig.json.',
      '',
    ]);
  });

  it('prints nothing for a clean run', () => {
    expect(compactReporter({ ...sampleResult(), checks: [], findings: [] }, PLAIN)).toBe('');
  });
});

describe('stylishReporter', () => {
  it('groups by file and ends with a summary line', () => {
    const lines = stylishReporter(sampleResult(), PLAIN).split('\n');
    expect(lines.slice(0, 4)).toEqual([
      'src/core/doubled.ts',
      '  2:1  error   src/core/doubled.ts imports src/server/port.ts (layer server).  boundaries/forbidden-import',
      '               fix: Take the port as a parameter.',
      '',
    ]);
    expect(lines).toContain('✖ contracts could not run: NPV2002 tsconfig not found: <root>/tsconfig.json.');
    expect(lines.at(-2)).toBe('✖ 3 problems (1 error, 1 warning, 1 info), 1 already accepted (baseline, not shown) in 12 files; checks: boundaries, contracts');
  });

  it('colours only when asked', () => {
    expect(stylishReporter(sampleResult(), PLAIN)).not.toContain('\u001b[');
    const coloured = stylishReporter(sampleResult(), { ...PLAIN, color: true });
    expect(coloured).toContain('\u001b[31merror\u001b[39m');
    expect(coloured).toContain('\u001b[33mwarning\u001b[39m');
  });
});

describe('markdownReporter', () => {
  it('writes the verdict, a checks table and a findings table', () => {
    const text = markdownReporter(sampleResult(), PLAIN);
    expect(text).toContain('## npvguard: ⚠️ error');
    expect(text).toContain('| boundaries | ❌ fail | 2 | 13 ms |');
    expect(text).toContain('| contracts | ⚠️ error (NPV2002: tsconfig not found: <root>/tsconfig.json.) | 0 | 1 ms |');
    expect(text).toContain('| latency | ⏭️ skipped | 0 | 0 ms |');
    expect(text).toContain(
      '| error | [boundaries/forbidden-import](https://github.com/npvguard/npvguard/blob/main/docs/rules/boundaries/forbidden-import.md) | src/core/doubled.ts:2:1 | src/core/doubled.ts imports src/server/port.ts (layer server).<br>fix: Take the port as a parameter. |',
    );
    expect(text).not.toContain('src/old.ts');
  });

  it('escapes table cells and caps the list', () => {
    expect(escapeCell('a|b\nc\\')).toBe('a\\|b<br>c\\\\');
    const many = Array.from({ length: MARKDOWN_FINDING_LIMIT + 3 }, (_, index) => sampleFinding({ line: index + 1 }));
    const text = markdownReporter({ ...sampleResult(), findings: many }, PLAIN);
    expect(text).toContain('… and 3 more;');
    expect(text.split('\n').filter((line) => line.startsWith('| error |'))).toHaveLength(MARKDOWN_FINDING_LIMIT);
  });
});
