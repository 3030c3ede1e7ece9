import fs from 'node:fs';
import path from 'node:path';
import { NpvError } from '@npvguard/core';
import { afterAll, describe, expect, it } from 'vitest';
import { analyzeBoundaries, type AnalyzeOptions } from '../../src/checks/boundaries/index.js';
import { copyFixture, FIXTURES, listSourceFiles } from './fixtureProject.js';

const root = path.join(FIXTURES, 'forbidden-import');
const files = listSourceFiles(root);
const config = {
  layers: { server: 'src/server/**', pipeline: 'src/pipeline/**', domain: 'src/domain/**', clients: 'src/clients/**' },
  allow: { server: ['pipeline', 'domain'], pipeline: ['domain'], clients: ['domain'] },
};

function errorOf(options: Partial<AnalyzeOptions>): NpvError {
  try {
    analyzeBoundaries({ root, files, config, cache: false, ...options });
  } catch (error) {
    if (error instanceof NpvError) return error;
    throw error;
  }
  throw new Error('expected an NpvError');
}

const scratch: string[] = [];
afterAll(() => scratch.forEach((folder) => fs.rmSync(folder, { recursive: true, force: true })));

describe('configuration and input errors', () => {
  it('NPV1005: a layer glob that matches no file names the layer and the glob', () => {
    const error = errorOf({ config: { ...config, layers: { ...config.layers, resilience: ['src/resilience/**'] } } });
    expect(error.code).toBe('NPV1005');
    expect(error.message).toBe('Layer "resilience": glob "src/resilience/**" (boundaries.layers.resilience) matches no source file.');
    expect(error.details).toEqual({ layer: 'resilience', glob: 'src/resilience/**' });
  });

  it('NPV1005: one glob of several that matches nothing is enough', () => {
    expect(errorOf({ config: { ...config, layers: { ...config.layers, domain: ['src/domain/**', 'src/model/**'] } } }).details).toEqual({
      layer: 'domain',
      glob: 'src/model/**',
    });
  });

  it('NPV1005: an entry point glob that matches no file', () => {
    const error = errorOf({ config: { ...config, entryPoints: { clients: 'src/clients/index.ts' } } });
    expect(error.code).toBe('NPV1005');
    expect(error.message).toBe('Layer "clients": entry point glob "src/clients/index.ts" (boundaries.entryPoints.clients) matches no source file.');
  });

  it('NPV1005: a layer whose only files are ignored matches nothing', () => {
    expect(errorOf({ config: { ...config, ignore: 'src/domain/**' } }).code).toBe('NPV1005');
  });

  it('NPV1006: allow naming an unknown layer', () => {
    const error = errorOf({ config: { ...config, allow: { ...config.allow, server: ['pipeline', 'domian'] } } });
    expect(error.code).toBe('NPV1006');
    expect(error.message).toContain('boundaries.allow.server[1] refers to unknown layer "domian"');
  });

  it('NPV2002: a missing tsconfig', () => {
    const error = errorOf({ tsconfig: 'tsconfig.missing.json' });
    expect(error.code).toBe('NPV2002');
    expect(error.message).toBe(`tsconfig not found: ${root}/tsconfig.missing.json.`);
  });

  it('NPV2002: a tsconfig that is not valid JSON', () => {
    const copy = copyFixture('forbidden-import');
    scratch.push(copy);
    fs.writeFileSync(path.join(copy, 'tsconfig.json'), '{ "compilerOptions": { "module": ');
    const error = errorOf({ root: copy, files: listSourceFiles(copy) });
    expect(error.code).toBe('NPV2002');
    expect(error.message).toMatch(new RegExp(`^tsconfig ${copy}/tsconfig\\.json is invalid: `));
  });

  it('NPV2002: a tsconfig whose extends target is missing', () => {
    const copy = copyFixture('forbidden-import');
    scratch.push(copy);
    fs.writeFileSync(path.join(copy, 'tsconfig.json'), JSON.stringify({ extends: './base.json', include: ['src'] }));
    const error = errorOf({ root: copy, files: listSourceFiles(copy) });
    expect(error.code).toBe('NPV2002');
    expect(error.message).toContain('base.json');
  });

  it('NPV2002: a project reference to a missing tsconfig', () => {
    const copy = copyFixture('forbidden-import');
    scratch.push(copy);
    fs.writeFileSync(path.join(copy, 'tsconfig.json'), JSON.stringify({ files: [], references: [{ path: './packages/gone' }] }));
    const error = errorOf({ root: copy, files: listSourceFiles(copy) });
    expect(error.code).toBe('NPV2002');
    expect(error.message).toBe(`tsconfig not found: ${copy}/packages/gone/tsconfig.json (referenced from ${copy}/tsconfig.json).`);
  });
});
