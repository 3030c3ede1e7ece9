import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { BIN } from '../support/cli.js';
import { copyServiceSources, FORBIDDEN_IMPORT, type ServiceCopy } from './serviceCopy.js';

interface StructuredResult {
  status: string;
  checks: { id: string; status: string }[];
  findings: { ruleId: string; file: string; line: number; hint: string; severity: string }[];
}

function textOf(result: Awaited<ReturnType<Client['callTool']>>): string {
  const content = Array.isArray(result.content) ? (result.content as { type: string; text?: string }[]) : [];
  return content.map((part) => part.text ?? '').join('');
}

describe('npvguard mcp, end to end over stdio with the SDK client', () => {
  let service: ServiceCopy;
  let client: Client;
  let stderr = '';

  beforeAll(async () => {
    service = copyServiceSources();
    service.prepend('src/domain/card.ts', FORBIDDEN_IMPORT);
    const transport = new StdioClientTransport({ command: process.execPath, args: [BIN, 'mcp', '--cwd', service.root], stderr: 'pipe' });
    transport.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    client = new Client({ name: 'npvguard-test', version: '1.0.0' });
    await client.connect(transport);
  }, 30_000);

  afterAll(async () => {
    await client.close();
    service.remove();
  });

  it('lists the five read-only tools with input and output schemas', async () => {
    const { tools } = await client.listTools();
    expect(tools.map((tool) => tool.name).sort()).toEqual(['check', 'contract_diff', 'explain_rule', 'latency_report', 'list_rules']);
    for (const tool of tools) {
      expect(tool.annotations?.readOnlyHint).toBe(true);
      expect(tool.outputSchema?.type).toBe('object');
    }
    const check = tools.find((tool) => tool.name === 'check');
    expect(Object.keys(check?.inputSchema.properties ?? {}).sort()).toEqual(['base', 'files', 'only']);
  });

  it('check returns the forbidden import as a structured finding, and the same JSON as text', async () => {
    const result = await client.callTool({ name: 'check', arguments: { only: ['boundaries'] } });
    expect(result.isError).toBeFalsy();
    const structured = result.structuredContent as unknown as StructuredResult;
    expect(structured.status).toBe('fail');
    expect(structured.checks.find((run) => run.id === 'boundaries')?.status).toBe('fail');
    const forbidden = structured.findings.filter((finding) => finding.ruleId === 'boundaries/forbidden-import');
    expect(forbidden).toHaveLength(1);
    expect(forbidden[0]).toMatchObject({ file: 'src/domain/card.ts', line: 1, severity: 'error' });
    expect(forbidden[0]?.hint.length).toBeGreaterThan(10);
    expect(JSON.parse(textOf(result))).toEqual(structured);
  }, 60_000);

  it('check limited to files reports only those files', async () => {
    const result = await client.callTool({ name: 'check', arguments: { only: ['boundaries'], files: ['src/core'] } });
    const structured = result.structuredContent as unknown as StructuredResult;
    expect(result.isError).toBeFalsy();
    expect(structured.findings).toEqual([]);
    expect(structured.status).toBe('pass');
  }, 60_000);

  it('refuses a path outside the project root with isError and a clear message', async () => {
    const result = await client.callTool({ name: 'check', arguments: { files: ['../../../etc'] } });
    expect(result.isError).toBe(true);
    expect(textOf(result)).toMatch(/^error NPV2007: The path \.\.\/\.\.\/\.\.\/etc is outside the project root/);
    expect(result.structuredContent).toBeUndefined();
  });

  it('explain_rule returns the rule doc; an unknown id is an error with suggestions', async () => {
    const known = await client.callTool({ name: 'explain_rule', arguments: { ruleId: 'boundaries/cycle' } });
    expect(known.isError).toBeFalsy();
    expect((known.structuredContent as { markdown: string }).markdown).toMatch(/^# boundaries\/cycle\n/);
    const unknown = await client.callTool({ name: 'explain_rule', arguments: { ruleId: 'boundaries/cycles' } });
    expect(unknown.isError).toBe(true);
    expect(textOf(unknown)).toContain('Did you mean "boundaries/cycle"');
  });

  it('list_rules lists every registered rule', async () => {
    const result = await client.callTool({ name: 'list_rules', arguments: {} });
    const rules = (result.structuredContent as { rules: { id: string }[] }).rules.map((rule) => rule.id);
    expect(rules).toContain('boundaries/forbidden-import');
    expect(rules).toContain('latency/static-budget-exceeded');
    expect(rules).toContain('lint/npvguard/require-timeout');
  });

  it('contract_diff runs the contracts check alone; isError exactly when that check could not run', async () => {
    const result = await client.callTool({ name: 'contract_diff', arguments: {} });
    const text = textOf(result);
    const structured = JSON.parse(text) as StructuredResult;
    const contracts = structured.checks.find((run) => run.id === 'contracts');
    expect(structured.checks.filter((run) => run.status !== 'skipped').map((run) => run.id)).toEqual(['contracts']);
    expect(result.isError === true).toBe(contracts?.status === 'error');
    if (contracts?.status !== 'error') expect(structured.findings.map((finding) => finding.ruleId)).toContain('contracts/snapshot-missing');
  }, 60_000);

  it('an unknown check id is refused with isError and the coded message', async () => {
    const result = await client.callTool({ name: 'check', arguments: { only: ['no-such-check'] } });
    expect(result.isError).toBe(true);
    expect(textOf(result)).toMatch(/^error NPV2001: Unknown check "no-such-check"/);
  });

  it('keeps stdout for the protocol: the log line is on stderr', () => {
    expect(stderr).toContain('npvguard mcp: serving');
  });
});
