import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { analyzeLatency } from '../../src/checks/latency/index.js';
import { defaultSearchMode } from '../../src/checks/latency/analysis/search.js';
import scenarios from './fixtures/scenarios/npvguard.config.js';
import { SERVICE, SERVICE_LATENCY, sourceFiles } from './referenceCopy.js';

const SCENARIOS = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures', 'scenarios');

describe('reference search on the analysed program', () => {
  it('is what this TypeScript offers (a ts-morph upgrade without it falls back to the slower language service)', () => {
    expect(defaultSearchMode()).toBe('program');
  });

  it.each([
    ['the scenario routes', SCENARIOS, scenarios.latency],
    ['the reference service', SERVICE, SERVICE_LATENCY],
  ])('gives %s the same routes, bounds, paths and findings as the language service', { timeout: 60_000 }, (_name, root, config) => {
    const files = sourceFiles(root);
    const onProgram = analyzeLatency({ root, files, config, referenceSearch: 'program' });
    const onLanguageService = analyzeLatency({ root, files, config, referenceSearch: 'language-service' });
    expect(onProgram.routes).toEqual(onLanguageService.routes);
    expect(onProgram.findings).toEqual(onLanguageService.findings);
    expect(onProgram.deadlineBudgetMs).toBe(onLanguageService.deadlineBudgetMs);
    // Something to compare: the searches decide these (implementations, option writes, plugin prefixes).
    expect(onProgram.routes.length).toBeGreaterThan(3);
    expect(onProgram.findings.length).toBeGreaterThan(0);
  });
});
