import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyzeBoundaries } from '../../src/checks/boundaries/analyze.js';

/** Declaration files (module augmentation, global types) compile to no JavaScript: they need no layer. */
describe('boundaries on declaration files', () => {
  let root: string;
  const files: Record<string, string> = {
    'tsconfig.json': JSON.stringify({ compilerOptions: { module: 'NodeNext', moduleResolution: 'NodeNext', strict: true } }),
    'src/types/augment.d.ts': "import 'node:events';\ndeclare global {\n  interface Window { appName: string }\n}\nexport {};\n",
    'src/env.d.mts': 'declare const BUILD_ID: string;\n',
    'src/routes/items.ts': "export const items = ['a'];\n",
    'src/scripts/seed.ts': "import { items } from '../routes/items.js';\nexport const seeded = items.length;\n",
  };

  beforeAll(() => {
    root = mkdtempSync(path.join(tmpdir(), 'npvguard-dts-'));
    for (const [file, text] of Object.entries(files)) {
      mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
      writeFileSync(path.join(root, file), text);
    }
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  const analyse = () =>
    analyzeBoundaries({
      root,
      files: Object.keys(files).filter((file) => file.startsWith('src/')).sort(),
      config: { layers: { routes: 'src/routes/**' }, allow: { routes: [] } },
      decorators: false,
      cache: false,
    });

  it('reports a source file in no layer, and no declaration file in no layer', () => {
    const unassigned = analyse().findings.filter((finding) => finding.ruleId === 'boundaries/unassigned-file').map((finding) => finding.file);
    expect(unassigned).toEqual(['src/scripts/seed.ts']);
  });
});
