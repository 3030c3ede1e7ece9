import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { isSupportedEslint, isSupportedTypeScript, resolveInstalled, versionParts } from '../../src/checks/lint/projectTools.js';

const folders: string[] = [];
afterAll(() => folders.forEach((folder) => rmSync(folder, { recursive: true, force: true })));

const part = fc.nat({ max: 40 });
const suffix = fc.constantFrom('', '-rc.1', '-dev.20260101', '+build.7');

describe('versions of the project\'s tools', () => {
  it('reads major.minor.patch from a version, pre-releases and build metadata included', () => {
    fc.assert(fc.property(part, part, part, suffix, (major, minor, patch, tail) => {
      expect(versionParts(`${major}.${minor}.${patch}${tail}`)).toEqual([major, minor, patch]);
    }));
    expect(versionParts('latest')).toBeUndefined();
    expect(versionParts('9.1')).toBeUndefined();
  });

  it('drives ESLint 9 and 10 only', () => {
    fc.assert(fc.property(part, part, part, suffix, (major, minor, patch, tail) => {
      expect(isSupportedEslint(`${major}.${minor}.${patch}${tail}`)).toBe(major === 9 || major === 10);
    }));
  });

  it('accepts TypeScript from 5.0.0 up to, not including, 6.1.0', () => {
    fc.assert(fc.property(part, part, part, (major, minor, patch) => {
      expect(isSupportedTypeScript(`${major}.${minor}.${patch}`)).toBe(major === 5 || (major === 6 && minor === 0));
    }));
    expect(isSupportedTypeScript('6.1.0-dev.20260101')).toBe(false);
    expect(isSupportedTypeScript('not a version')).toBe(false);
  });
});

describe('resolveInstalled', () => {
  it('finds a package hoisted above the project folder (workspaces), as Node would', () => {
    const root = mkdtempSync(path.join(tmpdir(), 'npvguard-resolve-'));
    folders.push(root);
    const service = path.join(root, 'services', 'api');
    mkdirSync(service, { recursive: true });
    mkdirSync(path.join(root, 'node_modules', 'eslint', 'lib'), { recursive: true });
    writeFileSync(path.join(root, 'node_modules', 'eslint', 'package.json'), JSON.stringify({ name: 'eslint', version: '9.30.1', main: 'lib/api.js' }));
    writeFileSync(path.join(root, 'node_modules', 'eslint', 'lib', 'api.js'), '');
    expect(resolveInstalled('eslint', service)).toEqual({
      version: '9.30.1',
      folder: path.join(root, 'node_modules', 'eslint'),
      entry: path.join(root, 'node_modules', 'eslint', 'lib', 'api.js'),
    });
    expect(resolveInstalled('typescript', service)).toBeUndefined();
  });
});
