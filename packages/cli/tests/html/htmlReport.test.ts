import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Result } from '@npvguard/core';
import { htmlReporter } from '../../src/report/html/htmlReporter.js';
import { latencyCheck } from '../../src/checks/latency/check.js';
import type { LatencyData } from '../../src/checks/latency/data.js';
import { runCli } from '../support/cli.js';
import { copyServiceSources, FORBIDDEN_IMPORT, type ServiceCopy } from '../mcp/serviceCopy.js';
import { distinctColours } from './png.js';

const CHROMIUM = '/usr/bin/chromium';
const FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'];

function chromium(args: readonly string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(CHROMIUM, [...FLAGS, ...args], { maxBuffer: 32 * 1024 * 1024, timeout: 60_000 }, (error, stdout) => (error === null ? resolve(stdout) : reject(error)));
  });
}

/** The latency check's per-route data (checks[].data.routes), with a measured run, as `latency --measure` records it. */
const LATENCY_DATA = {
  routes: [
    {
      route: 'POST /v1/npv/cards',
      file: 'src/server/routes/cardsRoute.ts',
      line: 34,
      budgetMs: 50,
      staticBoundMs: 48,
      headroomMs: 2,
      verdict: 'within',
      criticalPath: [
        { file: 'src/pipeline/npvPipeline.ts', line: 56, call: 'findSeedTrack(ports.catalog, query.trackId, deadline)', ms: 10 },
        { file: 'src/core/runner/gather.ts', line: 21, call: 'Promise.all', ms: 10 },
      ],
      measured: { count: 600, errors: 0, dropped: 0, achievedRate: 200, p50Ms: 3.1, p90Ms: 5.2, p99Ms: 9.8, p999Ms: 14.2, p99IntervalMs: { lower: 8.9, upper: 11 } },
      measuredVerdict: 'within',
    },
    { route: 'GET /healthz', file: 'src/server/routes/operationsRoutes.ts', line: 15, budgetMs: 10, staticBoundMs: 0, headroomMs: 10, criticalPath: [], verdict: 'within' },
  ],
  deadlineBudgetMs: 45,
  stats: { files: 3, durationMs: 900 },
  measured: true,
} satisfies LatencyData;

/** The run as the runner records it: the data, and the view the latency check presents of it. */
const LATENCY_RUN = { id: 'latency', status: 'pass', durationMs: 900, data: LATENCY_DATA, view: latencyCheck.present?.(LATENCY_DATA) };

describe('the HTML report, rendered in headless Chromium', () => {
  let service: ServiceCopy;
  let folder: string;
  let page: string;

  beforeAll(async () => {
    if (!existsSync(CHROMIUM)) {
      throw new Error(`${CHROMIUM} is missing: install it with \`apt-get update && apt-get install -y chromium\` (.ci/run does this before npm test).`);
    }
    service = copyServiceSources();
    service.prepend('src/domain/card.ts', FORBIDDEN_IMPORT);
    const run = await runCli(['check', '--only', 'boundaries', '--format', 'json'], { cwd: service.root });
    const result = JSON.parse(run.stdout) as Result;
    const withLatency: Result = { ...result, checks: [...result.checks.filter((check) => check.id !== 'latency'), LATENCY_RUN] as Result['checks'] };
    folder = mkdtempSync(path.join(tmpdir(), 'npvguard-html-'));
    page = path.join(folder, 'report.html');
    writeFileSync(page, htmlReporter(withLatency, { color: false, rules: [], pathPrefix: '' }));
  }, 60_000);

  afterAll(() => {
    service.remove();
    rmSync(folder, { recursive: true, force: true });
  });

  it('is one self-contained file: no script, no external resource', () => {
    const html = readFileSync(page, 'utf8');
    expect(html).not.toMatch(/<script|<link|src="http|url\(http/);
  });

  it('shows the verdict, the finding, the layer graph with the forbidden edge in red, and the latency table', async () => {
    const dom = await chromium([`--user-data-dir=${path.join(folder, 'profile-dom')}`, '--dump-dom', pathToFileURL(page).href]);
    expect(dom).toContain('<span id="verdict" class="verdict fail">FAIL</span>');
    expect(dom).toMatch(/<tr class="finding severity-error" data-rule="boundaries\/forbidden-import">.*src\/domain\/card\.ts:1:/);
    expect(dom).toContain('<svg class="graph" data-graph="layers"');
    expect(dom).toMatch(/<line class="edge alert" data-from="domain" data-to="server"[^>]*stroke="#d32f2f"/);
    expect(dom).toMatch(/<g class="node" data-node="pipeline">/);
    expect(dom).toMatch(/<tr class="row status-within" data-key="POST \/v1\/npv\/cards"><td>POST \/v1\/npv\/cards<\/td><td>50 ms<\/td><td>48 ms<\/td>/);
    expect(dom).toContain('findSeedTrack(ports.catalog, query.trackId, deadline)');
    expect(dom).toContain('<svg class="bars"');
    expect(dom).toContain('not measured (run with --measure)');
  }, 90_000);

  it('renders to a screenshot that is not blank', async () => {
    const screenshot = path.join(folder, 'report.png');
    await chromium([`--user-data-dir=${path.join(folder, 'profile-shot')}`, `--screenshot=${screenshot}`, '--window-size=1280,2000', pathToFileURL(page).href]);
    expect(distinctColours(readFileSync(screenshot))).toBeGreaterThan(20);
    // The same measure on an empty page: one colour, so the count above is the report's content.
    const empty = path.join(folder, 'empty.html');
    writeFileSync(empty, '<!DOCTYPE html><html><body></body></html>');
    const blank = path.join(folder, 'empty.png');
    await chromium([`--user-data-dir=${path.join(folder, 'profile-blank')}`, `--screenshot=${blank}`, '--window-size=400,300', pathToFileURL(empty).href]);
    expect(distinctColours(readFileSync(blank))).toBe(1);
  }, 90_000);
});
