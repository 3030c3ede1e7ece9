import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { analyzeLatency } from '../../src/checks/latency/index.js';
import config from './fixtures/aliases/npvguard.config.js';
import { sourceFiles } from './referenceCopy.js';

const ROOT = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures', 'aliases');

describe('functions reached through names and properties (fixtures/aliases)', () => {
  const analysis = analyzeLatency({ root: ROOT, files: sourceFiles(ROOT), config: config.latency });
  const bound = (route: string) => analysis.routes.find((entry) => entry.route === route)?.staticBoundMs;

  it.each([
    ['GET /property', 'a function stored as an object property ({ digest: hash }) and called through it'],
    ['GET /property-of-property', 'a property holding another object\'s property ({ run: helpers.digest })'],
    ['GET /alias', 'a const naming an imported function'],
  ])('%s waits for the 30 ms the function awaits (%s)', (route) => {
    expect(bound(route)).toBe(30);
  });

  it('stops on names that refer to each other, without overflowing the stack', () => {
    expect(analysis.routes.map((route) => route.route)).toContain('GET /circular');
    expect(bound('GET /circular')).toBe(0);
  });
});
