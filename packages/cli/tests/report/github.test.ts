import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { escapeData, escapeProperty, githubReporter } from '../../src/report/github.js';
import { PLAIN, sampleFinding, sampleResult } from '../support/result.js';

/** What the Actions runner does with an escaped value. */
function unescape(text: string): string {
  return text.replace(/%(25|0D|0A|3A|2C)/g, (_, code: string) => String.fromCharCode(Number.parseInt(code, 16)));
}

/** Splits `::name key=value,key=value::message` the way the runner reads it. */
function parseCommand(line: string): { name: string; properties: Record<string, string>; message: string } {
  const match = /^::(\w+)(?: ([^:]*))?::(.*)$/.exec(line);
  if (match === null) throw new Error(`not a workflow command: ${line}`);
  const properties: Record<string, string> = {};
  for (const pair of (match[2] ?? '').split(',').filter(Boolean)) {
    const index = pair.indexOf('=');
    properties[pair.slice(0, index)] = unescape(pair.slice(index + 1));
  }
  return { name: match[1] ?? '', properties, message: unescape(match[3] ?? '') };
}

describe('githubReporter', () => {
  it('annotates new findings and checks that could not run, not baseline findings', () => {
    const lines = githubReporter(sampleResult(), PLAIN).trimEnd().split('\n');
    expect(lines).toEqual([
      '::error file=src/core/doubled.ts,line=2,col=1,endLine=2,endColumn=42,title=boundaries/forbidden-import::src/core/doubled.ts imports src/server/port.ts (layer server).%0Afix: Take the port as a parameter.%0Ahttps://github.com/npvguard/npvguard/blob/main/docs/rules/boundaries/forbidden-import.md',
      '::warning file=src/server/handler.ts,line=1,col=1,title=boundaries/private-import::Imports a private file, of core.%0Afix: Take the port as a parameter.%0Ahttps://github.com/npvguard/npvguard/blob/main/docs/rules/boundaries/private-import.md',
      '::notice file=npvguard.baseline.json,line=4,col=1,title=baseline/stale-entry::No longer occurs.%0Afix: Take the port as a parameter.%0Ahttps://github.com/npvguard/npvguard/blob/main/docs/rules/baseline/stale-entry.md',
      '::error title=npvguard contracts%3A NPV2002::contracts could not run: tsconfig not found: <root>/tsconfig.json.',
    ]);
  });

  it('prefixes file paths with the project folder', () => {
    const text = githubReporter({ ...sampleResult(), findings: [sampleFinding()] }, { ...PLAIN, pathPrefix: 'services/npv' });
    expect(parseCommand(text.split('\n')[0] ?? '').properties.file).toBe('services/npv/src/core/doubled.ts');
  });

  it('escapes %, CR and LF in messages and also : and , in properties', () => {
    expect(escapeData('50% done\r\nnext: a, b')).toBe('50%25 done%0D%0Anext: a, b');
    expect(escapeProperty('a:b,c%\n')).toBe('a%3Ab%2Cc%25%0A');
  });

  it('never leaves a separator in an escaped property, and round-trips any text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (text) => {
        const property = escapeProperty(text);
        expect(property).not.toMatch(/[,:\r\n]/);
        expect(unescape(property)).toBe(text);
        const data = escapeData(text);
        expect(data).not.toMatch(/[\r\n]/);
        expect(unescape(data)).toBe(text);
      }),
    );
  });

  it('keeps every annotation one parseable line whatever the finding holds', () => {
    const text = fc.string({ unit: fc.constantFrom('a', ' ', ':', ',', '%', '\n', '\r', '=', 'é', '::') });
    fc.assert(
      fc.property(text, text, text, fc.integer({ min: 1, max: 9999 }), (file, message, hint, line) => {
        const finding = sampleFinding({ file: file || 'f', message, hint, line, ruleId: 'boundaries/forbidden-import' });
        const output = githubReporter({ ...sampleResult(), checks: [], findings: [finding] }, PLAIN);
        const lines = output.trimEnd().split('\n');
        expect(lines).toHaveLength(1);
        const parsed = parseCommand(lines[0] ?? '');
        expect(parsed.properties).toMatchObject({ file: file || 'f', line: String(line), title: 'boundaries/forbidden-import' });
        expect(parsed.message).toBe(`${message}\nfix: ${hint}\n${finding.docsUrl}`);
      }),
    );
  });
});
