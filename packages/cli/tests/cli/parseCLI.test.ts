import { describe, expect, it } from 'vitest';
import { NpvError } from '@npvguard/core';
import { parseCLI } from '../../src/index.js';
import { REPORT_FORMATS } from '../../src/report/formats.js';

function usageErrorOf(argv: readonly string[]): NpvError {
  try {
    parseCLI(argv);
  } catch (error) {
    if (error instanceof NpvError) return error;
    throw error;
  }
  throw new Error('expected a usage error');
}

describe('parseCLI', () => {
  it('parses check with its defaults', () => {
    expect(parseCLI(['check'])).toEqual({
      command: 'check',
      paths: [],
      options: { debug: false, only: [], quiet: false, measure: false },
    });
  });

  it('parses every check option', () => {
    const invocation = parseCLI([
      'check', 'src/a.ts', 'src/b',
      '--cwd', 'service', '-c', 'custom.config.ts', '-f', 'sarif', '-o', 'out.sarif',
      '--base', 'origin/main', '--only', 'boundaries,lint', '--only', 'latency', '-q', '--max-warnings', '3', '--debug', '--measure',
    ]);
    expect(invocation).toEqual({
      command: 'check',
      paths: ['src/a.ts', 'src/b'],
      options: {
        cwd: 'service',
        config: 'custom.config.ts',
        format: 'sarif',
        output: 'out.sarif',
        base: 'origin/main',
        only: ['boundaries', 'lint', 'latency'],
        quiet: true,
        maxWarnings: 3,
        debug: true,
        measure: true,
      },
    });
  });

  it('accepts every documented format', () => {
    for (const format of REPORT_FORMATS) expect(parseCLI(['check', '--format', format]).options).toMatchObject({ format });
  });

  it('parses boundaries without --only', () => {
    const invocation = parseCLI(['boundaries', 'src', '--format', 'json']);
    expect(invocation).toMatchObject({ command: 'boundaries', paths: ['src'], options: { format: 'json' } });
    expect(invocation.options).not.toHaveProperty('only');
    expect(usageErrorOf(['boundaries', '--only', 'lint']).message).toContain("Unknown option '--only'");
  });

  it('parses baseline options', () => {
    expect(parseCLI(['baseline', '--update', '--allow-growth', '--reason', 'legacy code'])).toEqual({
      command: 'baseline',
      paths: [],
      options: { debug: false, update: true, allowGrowth: true, reason: 'legacy code', only: [] },
    });
  });

  it('turns usage mistakes into NPV2001', () => {
    expect(usageErrorOf(['check', '--format', 'xml']).code).toBe('NPV2001');
    expect(usageErrorOf(['check', '--max-warnings', 'many']).message).toContain('expected a non-negative integer');
    expect(usageErrorOf(['check', '--max-warnings', '1.5']).code).toBe('NPV2001');
    expect(usageErrorOf(['check', '--only', ',']).code).toBe('NPV2001');
    expect(usageErrorOf(['check', '--bogus']).message).toContain("Unknown option '--bogus'");
    expect(usageErrorOf(['chekc']).message).toContain('Did you mean check?');
    expect(usageErrorOf(['check', '--base']).message).toContain("argument missing");
    expect(usageErrorOf([]).message).toContain('No command given');
  });
});
