import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { analyzeLatency, type LatencyAnalysis } from '../../src/checks/latency/index.js';
import { REPO, sourceFiles } from './referenceCopy.js';

const TSCONFIG = {
  compilerOptions: { target: 'ES2023', module: 'NodeNext', moduleResolution: 'NodeNext', strict: true, noEmit: true, skipLibCheck: true, types: ['node'] },
  include: ['src'],
};

/** Routes whose timeouts are read from constants in another file, in every form the analysis follows. */
const APP = `import Fastify from 'fastify';
import { BASE_MS, TIMEOUTS, Upstream } from './timeouts.js';
import * as limits from './timeouts.js';

async function fetchWithin(url: string, ms: number): Promise<string> {
  const response = await fetch(url, { signal: AbortSignal.timeout(ms) });
  return response.text();
}

const app = Fastify();
app.get('/object', async () => (await fetch('http://model', { signal: AbortSignal.timeout(TIMEOUTS.model) })).text());
app.get('/element', async () => (await fetch('http://features', { signal: AbortSignal.timeout(TIMEOUTS['features']) })).text());
app.get('/enum', async () => (await fetch('http://catalog', { signal: AbortSignal.timeout(Upstream.Search) })).text());
app.get('/arithmetic', async () => (await fetch('http://a', { signal: AbortSignal.timeout(BASE_MS / 2 + 1_0) })).text());
app.get('/namespace', async () => (await fetch('http://a', { signal: AbortSignal.timeout(limits.TIMEOUTS.model * 2) })).text());
app.get('/operators', async () => (await fetch('http://a', { signal: AbortSignal.timeout(2 ** 4 + (BASE_MS % 7)) })).text());
app.get('/parameter', async () => fetchWithin('http://a', TIMEOUTS.model + Upstream.Catalog));
app.get('/environment', async () => (await fetch('http://a', { signal: AbortSignal.timeout(Number(process.env.TIMEOUT_MS)) })).text());
export default app;
`;

const TIMEOUTS_AT_BASE = "export const BASE_MS = 40;\nexport const TIMEOUTS = { model: 25, features: 15 } as const;\nexport enum Upstream { Catalog = 12, Search }\n";

const BUDGETS = Object.fromEntries(['/object', '/element', '/enum', '/arithmetic', '/namespace', '/operators', '/parameter', '/environment'].map((route) => [`GET ${route}`, { p99Ms: 50 }]));

const roots: string[] = [];
afterAll(() => roots.forEach((root) => fs.rmSync(root, { recursive: true, force: true })));

function analyse(timeouts: string): LatencyAnalysis {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'npvguard-latency-values-'));
  roots.push(root);
  fs.symlinkSync(path.join(REPO, 'node_modules'), path.join(root, 'node_modules'), 'dir');
  fs.mkdirSync(path.join(root, 'src'));
  fs.writeFileSync(path.join(root, 'tsconfig.json'), JSON.stringify(TSCONFIG));
  fs.writeFileSync(path.join(root, 'src', 'app.ts'), APP);
  fs.writeFileSync(path.join(root, 'src', 'timeouts.ts'), timeouts);
  return analyzeLatency({ root, files: sourceFiles(root), config: { budgets: BUDGETS } });
}

function bounds(analysis: LatencyAnalysis): Record<string, number | null> {
  return Object.fromEntries(analysis.routes.map((route) => [route.route, route.staticBoundMs]));
}

function findings(analysis: LatencyAnalysis, ruleId: string): string[] {
  return analysis.findings.filter((finding) => finding.ruleId === ruleId).map((finding) => `${finding.file}:${finding.line}`);
}

describe('latency: timeouts read from constants in another file', () => {
  const base = analyse(TIMEOUTS_AT_BASE);

  it('resolves an imported as-const object, an element access, an enum member, arithmetic, a namespace import and a parameter given a constant', () => {
    expect(bounds(base)).toMatchObject({
      'GET /object': 25,
      'GET /element': 15,
      'GET /enum': 13,
      'GET /arithmetic': 30,
      'GET /namespace': 50,
      'GET /operators': 21,
      'GET /parameter': 37,
    });
    expect(findings(base, 'latency/static-budget-exceeded')).toEqual([]);
  });

  it('a timeout read from the environment is undecided, with a warning, not a guess', () => {
    expect(findings(base, 'latency/undecided-bound')).toEqual(['src/app.ts:18']);
  });

  it('a timeout raised through the imported constant object goes over the budget; lowered, it stays within', () => {
    const raised = analyse(TIMEOUTS_AT_BASE.replace('model: 25', 'model: 25 * 3'));
    expect(bounds(raised)).toMatchObject({ 'GET /object': 75, 'GET /namespace': 150, 'GET /parameter': 87 });
    expect(findings(raised, 'latency/static-budget-exceeded').sort()).toEqual(['src/app.ts:11', 'src/app.ts:15', 'src/app.ts:17']);
    const lowered = analyse(TIMEOUTS_AT_BASE.replace('model: 25', 'model: 5').replace('Catalog = 12', 'Catalog = 0x30'));
    expect(bounds(lowered)).toMatchObject({ 'GET /object': 5, 'GET /enum': 49, 'GET /parameter': 53 });
    expect(findings(lowered, 'latency/static-budget-exceeded')).toEqual(['src/app.ts:17']);
  });
});
