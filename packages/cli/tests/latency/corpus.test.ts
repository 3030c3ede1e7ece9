import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { corpusFiles, runCorpus, sample, type CorpusReport } from '../../../../bench/corpus/corpus.js';
import { REPO } from './referenceCopy.js';

/**
 * The latency analysis, the recommended eslint-plugin-npvguard rules and the boundaries import extraction over a
 * fixed sample (every 20th file) of the TypeScript in the repository's node_modules: no tool may throw. The whole
 * corpus (thousands of files, minutes on a shared machine) is `npm run bench:corpus`.
 */
const NODE_MODULES = path.join(REPO, 'node_modules');
const EVERY = 20;

describe('the analyses over real TypeScript from node_modules', () => {
  it('run over a sample of every kind of file without an internal error', async () => {
    const all = corpusFiles(NODE_MODULES);
    const files = sample(all, EVERY);
    // A corpus worth the name: declarations and sources, .ts, .d.ts and .mts/.cts.
    expect(files.length).toBeGreaterThanOrEqual(150);
    expect(files.some((file) => file.endsWith('.d.ts'))).toBe(true);
    expect(files.some((file) => /[^d]\.ts$/.test(file))).toBe(true);
    expect(all.some((file) => /\.d\.(m|c)ts$/.test(file))).toBe(true);
    const report: CorpusReport = await runCorpus(NODE_MODULES, files);
    console.log(
      `corpus sample: ${report.files} of ${all.length} files; latency ${report.functions} functions, ${report.latencyFindings} findings; ` +
        `eslint ${report.eslintMessages} reports, ${report.unparsed} unparsed; boundaries ${report.imports} imports; ${report.errors.length} internal errors`,
    );
    expect(report.errors).toEqual([]);
    // Each tool did work: zero would mean it never ran.
    expect(report.functions).toBeGreaterThan(500);
    expect(report.imports).toBeGreaterThan(200);
    expect(report.eslintMessages).toBeGreaterThan(0);
  }, 900_000);
});
