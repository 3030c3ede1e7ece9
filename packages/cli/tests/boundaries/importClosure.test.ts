import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { importClosure } from '../../src/checks/boundaries/importGraph.js';

const folders: string[] = [];
afterAll(() => folders.forEach((folder) => rmSync(folder, { recursive: true, force: true })));

function project(files: Record<string, string>): string {
  const root = mkdtempSync(path.join(tmpdir(), 'npvguard-closure-'));
  folders.push(root);
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    writeFileSync(path.join(root, file), text);
  }
  return root;
}

const TSCONFIG = JSON.stringify({ compilerOptions: { module: 'nodenext', moduleResolution: 'nodenext', strict: true, resolveJsonModule: true } });

describe('importClosure: every file some files import, directly or not', () => {
  it('follows re-exports of a barrel, type-only imports and JSON modules, and nothing that only imports the seeds', () => {
    const root = project({
      'tsconfig.json': TSCONFIG,
      'src/route.ts': "import { schema } from './schema.js';\nimport type { Answer } from './types/index.js';\nexport const route = { schema, answer: undefined as Answer | undefined };\n",
      'src/schema.ts': "import limits from './limits.json' with { type: 'json' };\nexport const schema = { maximum: limits.max };\n",
      'src/limits.json': '{ "max": 50 }\n',
      'src/types/index.ts': "export type { Answer } from './answer.js';\n",
      'src/types/answer.ts': "import type { Kind } from '../kinds.js';\nexport interface Answer { kind: Kind }\n",
      'src/kinds.ts': "export type Kind = 'a' | 'b';\n",
      'src/types/unexported.ts': 'export const hidden = 1;\n',
      'src/client.ts': "import { route } from './route.js';\nexport const client = route;\n",
    });
    const closure = importClosure(root, ['src/route.ts']);
    expect([...closure.files].sort()).toEqual(['src/kinds.ts', 'src/limits.json', 'src/route.ts', 'src/schema.ts', 'src/types/answer.ts', 'src/types/index.ts']);
    expect(closure.gaps).toEqual([]);
  });

  it('names what it could not follow: a missing relative file, a tsconfig path to nothing, an import of an expression, a syntax error', () => {
    const root = project({
      'tsconfig.json': JSON.stringify({ compilerOptions: { module: 'nodenext', moduleResolution: 'nodenext', paths: { '@domain/*': ['./src/domain/*'] } } }),
      'src/route.ts': "import { a } from './missing.js';\nimport { b } from '@domain/gone.js';\nconst name = 'x';\nexport const later = import(name);\nexport { a, b };\nimport { c } from './broken.js';\nexport { c };\n",
      'src/broken.ts': 'export const c = (;\n',
    });
    const closure = importClosure(root, ['src/route.ts']);
    expect([...closure.files].sort()).toEqual(['src/broken.ts', 'src/route.ts']);
    expect(closure.gaps).toHaveLength(4);
    expect(closure.gaps[3]).toMatch(/^src\/broken\.ts:1: /);
    expect(closure.gaps.slice(0, 3)).toEqual([
      "src/route.ts:1: no file found for './missing.js' next to route.ts (tried the TypeScript and JavaScript extensions and index files)",
      "src/route.ts:2: '@domain/gone.js' matches no tsconfig paths entry, no workspace package and no installed package",
      'src/route.ts:4: an import of an expression, which names no module',
    ]);
  });

  it('a package that is not installed ends the walk without a gap: it cannot lead back into the project', () => {
    const root = project({ 'tsconfig.json': TSCONFIG, 'src/route.ts': "import type { FastifyInstance } from 'fastify';\nexport type App = FastifyInstance;\n" });
    expect(importClosure(root, ['src/route.ts'])).toEqual({ files: new Set(['src/route.ts']), gaps: [] });
  });
});
