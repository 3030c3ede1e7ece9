import { describe, expect, it } from 'vitest';
import { BOUNDARIES_SECTION, NpvError, expectObject, rejectUnknownKeys, validateConfig, type ConfigSection, type NpvConfig } from '../src/index.js';

const FILE = 'npvguard.config.ts';

const VALID = {
  include: ['src/**/*.ts'],
  exclude: 'src/**/*.test.ts',
  tsconfig: 'tsconfig.json',
  baseline: 'npvguard.baseline.json',
  rules: { 'boundaries/forbidden-import': 'warning' },
  boundaries: {
    layers: { core: 'src/core/**', domain: ['src/domain/**'], server: 'src/server/**' },
    allow: { domain: ['core'], server: ['domain', 'core'] },
    allowTypes: { core: ['domain'] },
    entryPoints: { domain: 'src/domain/index.ts' },
    externals: { 'node:*': ['server'], fastify: ['server'] },
    cycles: 'all',
    typeOnly: 'allowed',
    ignore: ['src/generated/**'],
  },
};

/** Runs validation and returns the thrown NpvError (failing the test if it did not throw one). */
function errorFor(value: unknown, knownRuleIds?: readonly string[]): NpvError {
  try {
    validateConfig(value, { file: FILE, ...(knownRuleIds === undefined ? {} : { knownRuleIds }) });
  } catch (error) {
    if (error instanceof NpvError) return error;
    throw error;
  }
  throw new Error('expected validateConfig to throw');
}

function withBoundaries(boundaries: Record<string, unknown>): Record<string, unknown> {
  return { boundaries: { ...VALID.boundaries, ...boundaries } };
}

describe('validateConfig', () => {
  it('returns a copy equal to a fully valid config', () => {
    const config: NpvConfig = validateConfig(VALID, { file: FILE });
    expect(config).toEqual(VALID);
    expect(config).not.toBe(VALID);
  });

  it('accepts an empty config object', () => {
    expect(validateConfig({}, { file: FILE })).toEqual({});
  });

  it('rejects a default export that is not an object (NPV1003)', () => {
    const error = errorFor([1, 2]);
    expect(error.code).toBe('NPV1003');
    expect(error.details).toMatchObject({ file: FILE, path: '(the config itself)', found: 'an array of 2 item(s)' });
  });

  it('reports an unknown top-level key with the closest known key (NPV1004)', () => {
    const error = errorFor({ boundries: {} });
    expect(error.code).toBe('NPV1004');
    expect(error.details).toMatchObject({ path: 'boundries', found: 'boundries', suggestion: 'boundaries' });
    expect(error.message).toContain('Did you mean "boundaries"?');
    expect(error.message).toContain(FILE);
  });

  it('reports an unknown key inside boundaries with its full path', () => {
    const error = errorFor(withBoundaries({ entrypoints: {} }));
    expect(error.code).toBe('NPV1004');
    expect(error.details).toMatchObject({ path: 'boundaries.entrypoints', suggestion: 'entryPoints' });
  });

  it('gives no suggestion when nothing is close', () => {
    const error = errorFor({ zzzzzzzzzzzz: 1 });
    expect(error.code).toBe('NPV1004');
    expect(error.details.suggestion).toBeUndefined();
  });

  it('reports the path, expected and found of a wrong type (NPV1003)', () => {
    const error = errorFor({ include: 42 });
    expect(error.code).toBe('NPV1003');
    expect(error.details).toEqual({
      file: FILE,
      path: 'include',
      expected: 'a glob or a non-empty array of globs',
      found: 'the number 42',
    });
    expect(error.message).toBe(
      'Invalid config in npvguard.config.ts at include: expected a glob or a non-empty array of globs, found the number 42.',
    );
  });

  it('points into arrays by index', () => {
    const error = errorFor({ include: ['src/**', 7] });
    expect(error.details).toMatchObject({ path: 'include[1]', found: 'the number 7' });
  });

  it('rejects absolute globs and globs leaving the project', () => {
    expect(errorFor({ exclude: '/etc/**' }).details).toMatchObject({ path: 'exclude', found: 'the string "/etc/**"' });
    expect(errorFor({ include: ['../other/**'] }).details).toMatchObject({ path: 'include[0]' });
  });

  it('reports an unknown layer in allow with its index (NPV1006)', () => {
    const error = errorFor(withBoundaries({ allow: { server: ['domain', 'core', 'domian'] } }));
    expect(error.code).toBe('NPV1006');
    expect(error.details).toMatchObject({ path: 'boundaries.allow.server[2]', found: 'domian', suggestion: 'domain' });
  });

  it('reports an unknown layer used as a key of allow, allowTypes and entryPoints', () => {
    expect(errorFor(withBoundaries({ allow: { srv: [] } })).details).toMatchObject({ path: 'boundaries.allow.srv', found: 'srv' });
    expect(errorFor(withBoundaries({ allowTypes: { nope: [] } })).code).toBe('NPV1006');
    expect(errorFor(withBoundaries({ entryPoints: { nope: 'x.ts' } })).code).toBe('NPV1006');
  });

  it('reports an unknown layer in externals', () => {
    const error = errorFor(withBoundaries({ externals: { fastify: ['servr'] } }));
    expect(error.code).toBe('NPV1006');
    expect(error.details).toMatchObject({ path: 'boundaries.externals.fastify[0]', suggestion: 'server' });
  });

  it('never resolves a layer name through Object.prototype', () => {
    const error = errorFor(withBoundaries({ allow: { server: ['constructor'] } }));
    expect(error.code).toBe('NPV1006');
    const config = validateConfig({ boundaries: { layers: { a: 'a/**' }, allow: {} } }, { file: FILE });
    expect(config.boundaries?.allow.constructor).toBeUndefined();
  });

  it('requires layers and allow', () => {
    expect(errorFor({ boundaries: { allow: {} } }).details).toMatchObject({ path: 'boundaries.layers' });
    expect(errorFor({ boundaries: { layers: { a: 'a/**' } } }).details).toMatchObject({
      path: 'boundaries.allow',
      found: 'nothing (the key is missing or undefined)',
    });
    expect(errorFor({ boundaries: { layers: {}, allow: {} } }).details).toMatchObject({ expected: 'at least one layer' });
  });

  it('rejects layer names that are not plain identifiers', () => {
    const error = errorFor({ boundaries: { layers: { 'my layer': 'x/**' }, allow: {} } });
    expect(error.code).toBe('NPV1003');
    expect(error.details).toMatchObject({ path: 'boundaries.layers["my layer"]' });
  });

  it('checks enumerations', () => {
    const error = errorFor(withBoundaries({ cycles: 'sometimes' }));
    expect(error.details).toMatchObject({ path: 'boundaries.cycles', expected: 'one of "runtime", "all", "off"' });
    expect(errorFor(withBoundaries({ typeOnly: true })).details).toMatchObject({ path: 'boundaries.typeOnly' });
  });

  it('validates each section with the section the check declares, and knows no section it was not given', () => {
    const seen: unknown[] = [];
    const gauge: ConfigSection<{ level: string }> = {
      key: 'gauge',
      keys: ['level'],
      validate(scope, path, value) {
        seen.push(path);
        const record = expectObject(scope, path, value);
        rejectUnknownKeys(scope, path, record, ['level']);
        return { level: String(record.level) };
      },
    };
    const sections = [BOUNDARIES_SECTION, gauge];
    expect(validateConfig({ gauge: { level: 3 } }, { file: FILE, sections })).toEqual({ gauge: { level: '3' } });
    expect(seen).toEqual([['gauge']]);
    let error: unknown;
    try {
      validateConfig({ gauge: { level: 1, depth: 2 } }, { file: FILE, sections });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(NpvError);
    expect((error as NpvError).details).toMatchObject({ path: 'gauge.depth' });
    // Without the section (core alone knows only boundaries), the key is unknown.
    expect(errorFor({ gauge: {} }).code).toBe('NPV1004');
    expect(errorFor({ latency: {} }).code).toBe('NPV1004');
  });

  it('checks rule severities and rule id shape', () => {
    expect(errorFor({ rules: { 'boundaries/cycle': 'fatal' } }).details).toMatchObject({
      path: 'rules["boundaries/cycle"]',
      expected: 'one of "error", "warning", "info", "off"',
    });
    expect(errorFor({ rules: { cycle: 'off' } }).details).toMatchObject({ path: 'rules.cycle' });
  });

  it('rejects rule ids no registered check declares, suggesting the closest', () => {
    const error = errorFor({ rules: { 'boundaries/cycel': 'off' } }, ['boundaries/cycle', 'boundaries/forbidden-import']);
    expect(error.code).toBe('NPV1004');
    expect(error.details).toMatchObject({ path: 'rules["boundaries/cycel"]', suggestion: 'boundaries/cycle' });
  });

  it('accepts rule ids under a check\'s open prefix (the ESLint rules the lint check reports), not others', () => {
    const options = { file: FILE, knownRuleIds: ['boundaries/cycle'], openRulePrefixes: ['lint/'] };
    expect(validateConfig({ rules: { 'lint/no-console': 'off', 'lint/no-pii-in-logs': 'warning' } }, options).rules).toEqual({ 'lint/no-console': 'off', 'lint/no-pii-in-logs': 'warning' });
    expect(() => validateConfig({ rules: { 'lint/': 'off' } }, options)).toThrow(expect.objectContaining({ code: 'NPV1003' }));
    expect(() => validateConfig({ rules: { 'latency/whatever': 'off' } }, options)).toThrow(expect.objectContaining({ code: 'NPV1004' }));
  });

  it('accepts a scoped ESLint rule id under the open prefix, as a lint finding prints it', () => {
    const options = { file: FILE, knownRuleIds: ['boundaries/cycle'], openRulePrefixes: ['lint/'] };
    expect(validateConfig({ rules: { 'lint/@typescript-eslint/no-explicit-any': 'off', 'lint/npvguard/no-pii-in-logs': 'info' } }, options).rules).toEqual({
      'lint/@typescript-eslint/no-explicit-any': 'off',
      'lint/npvguard/no-pii-in-logs': 'info',
    });
  });

  it('accepts agent.base as a branch name, and refuses what git could read as an option or a range', () => {
    expect(validateConfig({ agent: { base: 'origin/main' } }, { file: FILE }).agent).toEqual({ base: 'origin/main' });
    expect(validateConfig({ agent: {} }, { file: FILE }).agent).toEqual({});
    for (const base of ['--upload-pack=x', 'main..HEAD', 'main/', '', 'a b', 3]) {
      expect(() => validateConfig({ agent: { base } }, { file: FILE }), String(base)).toThrow(expect.objectContaining({ code: 'NPV1003' }));
    }
    expect(() => validateConfig({ agent: { branch: 'main' } }, { file: FILE })).toThrow(expect.objectContaining({ code: 'NPV1004' }));
  });

  it('accepts a $schema key for JSON configs', () => {
    expect(validateConfig({ $schema: './schema.json' }, { file: 'npvguard.config.json' })).toEqual({});
  });
});
