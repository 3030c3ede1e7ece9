import fs from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { analyzeBoundaries } from '../../src/checks/boundaries/index.js';
import { copyFixture, listSourceFiles, loadFixtureConfig } from './fixtureProject.js';

const scratch: string[] = [];
afterAll(() => scratch.forEach((folder) => fs.rmSync(folder, { recursive: true, force: true })));

/** Lines an edit may add to a file of the forbidden-import fixture: allowed, forbidden, unresolved, cyclic, broken. */
const EXTRA_LINES = [
  "import { rank } from '../pipeline/rank.js';",
  "import { ModelClient } from '../clients/modelClient.js';",
  "import type { Card } from '../domain/card.js';",
  "import { handle } from '../server/routes.js';",
  "import { gone } from './gone.js';",
  'export const broken = ;',
  "import fs from 'node:fs';",
  '// a comment',
];

const edit = fc.record({
  file: fc.constantFrom('src/server/routes.ts', 'src/pipeline/rank.ts', 'src/clients/modelClient.ts', 'src/domain/card.ts'),
  line: fc.constantFrom(...EXTRA_LINES),
  /** Seconds to move the file's time stamp back, as after a checkout, to exercise the size-and-time shortcut. */
  age: fc.option(fc.integer({ min: 60, max: 3600 }), { nil: undefined }),
});

describe('incremental analysis', () => {
  it('after any sequence of edits, a cached run reports exactly what an uncached run reports', async () => {
    const root = copyFixture('forbidden-import');
    scratch.push(root);
    const config = (await loadFixtureConfig(root)).boundaries;
    if (config === undefined) throw new Error('no config');
    const cacheDirectory = path.join(root, '.cache-for-test');
    const originals = new Map(listSourceFiles(root).map((file) => [file, fs.readFileSync(path.join(root, file), 'utf8')]));

    await fc.assert(
      fc.asyncProperty(fc.array(edit, { minLength: 1, maxLength: 5 }), async (edits) => {
        for (const [file, text] of originals) fs.writeFileSync(path.join(root, file), text);
        fs.rmSync(cacheDirectory, { recursive: true, force: true });
        const run = (cache: boolean) => analyzeBoundaries({ root, files: listSourceFiles(root), config, cache: cache ? { directory: cacheDirectory } : false });
        run(true);
        for (const { file, line, age } of edits) {
          const absolute = path.join(root, file);
          fs.writeFileSync(absolute, `${line}\n${fs.readFileSync(absolute, 'utf8')}`);
          if (age !== undefined) {
            const past = new Date(Date.now() - age * 1000);
            fs.utimesSync(absolute, past, past);
          }
          const cached = run(true);
          const fresh = run(false);
          expect(cached.findings).toEqual(fresh.findings);
          expect(cached.edges).toEqual(fresh.edges);
          expect(cached.graph).toEqual(fresh.graph);
        }
      }),
      { numRuns: 15 },
    );
  });
});
