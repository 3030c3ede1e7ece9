import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { generateValidatorModules, OUTPUT_FOLDER } from '../../scripts/generateOpenApiValidators.js';

describe('the OpenAPI validators compiled ahead of time', () => {
  it('are what scripts/generateOpenApiValidators.js writes from the installed schemas (run it after upgrading them)', () => {
    const modules: Record<string, string> = generateValidatorModules();
    expect(Object.keys(modules).sort()).toEqual(['oas30.d.ts', 'oas30.js', 'oas31.d.ts', 'oas31.js']);
    for (const [name, text] of Object.entries(modules)) {
      expect(readFileSync(path.join(OUTPUT_FOLDER, name), 'utf8') === text, `${name} is out of date`).toBe(true);
    }
  });
});
