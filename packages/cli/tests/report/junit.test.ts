import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { junitReporter } from '../../src/report/junit.js';
import { escapeXml } from '../../src/report/xml.js';
import { PLAIN, sampleFinding, sampleResult } from '../support/result.js';

interface XmlElement {
  name: string;
  attributes: Record<string, string>;
  children: XmlElement[];
  text: string;
}

/** A strict reader for the XML subset JUnit uses; throws on anything malformed (unbalanced tags, raw `<` or `&`). */
function parseXml(xml: string): XmlElement {
  const body = xml.replace(/^<\?xml[^?]*\?>\s*/, '');
  const root: XmlElement = { name: '#document', attributes: {}, children: [], text: '' };
  const stack = [root];
  const token = /<(\/?)([A-Za-z-]+)((?:\s+[A-Za-z-]+="[^"<]*")*)\s*(\/?)>|([^<]+)/gy;
  let match: RegExpExecArray | null;
  let consumed = 0;
  while ((match = token.exec(body)) !== null) {
    consumed = token.lastIndex;
    const [, closing, name, attributeText, selfClosing, text] = match;
    const current = stack[stack.length - 1];
    if (current === undefined) throw new Error('unbalanced');
    if (text !== undefined) {
      if (/&(?!(amp|lt|gt|quot|apos);)/.test(text)) throw new Error(`raw & in ${text}`);
      current.text += text;
      continue;
    }
    if (closing === '/') {
      if (current.name !== name) throw new Error(`</${name}> closes <${current.name}>`);
      stack.pop();
      continue;
    }
    const attributes: Record<string, string> = {};
    for (const pair of (attributeText ?? '').matchAll(/([A-Za-z-]+)="([^"]*)"/g)) {
      if (/&(?!(amp|lt|gt|quot|apos);)/.test(pair[2] ?? '')) throw new Error('raw & in attribute');
      attributes[pair[1] ?? ''] = pair[2] ?? '';
    }
    const element: XmlElement = { name: name ?? '', attributes, children: [], text: '' };
    current.children.push(element);
    if (selfClosing !== '/') stack.push(element);
  }
  if (consumed !== body.length || stack.length !== 1) throw new Error('malformed XML');
  const [document] = root.children;
  if (document === undefined || root.children.length !== 1) throw new Error('expected one root element');
  return document;
}

describe('junitReporter', () => {
  const document = parseXml(junitReporter(sampleResult(), PLAIN));

  it('writes one testsuite per check with counts that add up', () => {
    expect(document.name).toBe('testsuites');
    expect(document.attributes).toMatchObject({ name: 'npvguard', tests: '5', failures: '1', errors: '1' });
    expect(document.children.map((suite) => [suite.attributes.name, suite.attributes.tests, suite.attributes.failures, suite.attributes.errors, suite.attributes.skipped])).toEqual([
      ['boundaries', '3', '1', '0', '0'],
      ['contracts', '1', '0', '1', '0'],
      ['latency', '1', '0', '0', '1'],
    ]);
    expect(document.children[0]?.attributes.time).toBe('0.013');
  });

  it('writes one testcase per file and rule; new errors fail it, the rest goes to system-out', () => {
    const cases = document.children[0]?.children ?? [];
    expect(cases.map((item) => item.attributes.name)).toEqual([
      'src/core/doubled.ts boundaries/forbidden-import',
      'src/server/handler.ts boundaries/private-import',
      'src/old.ts boundaries/forbidden-import',
    ]);
    expect(cases[0]?.children[0]).toMatchObject({ name: 'failure', attributes: { type: 'boundaries/forbidden-import' } });
    expect(cases[0]?.children[0]?.text).toContain('src/core/doubled.ts:2:1 error');
    expect(cases[1]?.children.map((child) => child.name)).toEqual(['system-out']);
    expect(cases[2]?.children.map((child) => child.name)).toEqual(['system-out']);
    expect(cases[2]?.children[0]?.text).toContain('[baseline: base]');
  });

  it('reports a check that could not run as an error case', () => {
    expect(document.children[1]?.children[0]?.children[0]).toMatchObject({ name: 'error', attributes: { type: 'NPV2002' } });
  });

  it('stays well-formed whatever the messages hold', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), fc.string({ unit: 'binary' }), (message, file) => {
        const result = { ...sampleResult(), findings: [sampleFinding({ message, file: file || 'f' })] };
        const parsed = parseXml(junitReporter(result, PLAIN));
        expect(parsed.children[0]?.children[0]?.children[0]?.name).toBe('failure');
      }),
    );
  });

  it('escapes markup and drops characters XML cannot hold', () => {
    expect(escapeXml(`a<b>&"c'\u0001\ud800`)).toBe('a&lt;b&gt;&amp;&quot;c&apos;');
  });
});
