import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { extractImports } from '../../src/checks/boundaries/extract/extractImports.js';
import { createStatementReader } from '../../src/checks/boundaries/judge/statementText.js';

const brief = (text: string) =>
  extractImports('src/a.ts', text).imports.map(({ specifier, form, typeOnly, line, column }) => ({ specifier, form, typeOnly, line, column }));

describe('extractImports: forms', () => {
  it('reads every way a TypeScript file can depend on a module', () => {
    const text = [
      "import './polyfill.js';", // 1 side effect
      "import type { A } from './types.js';", // 2
      "import { type B, type C } from './inline.js';", // 3
      "import D, { e } from './mixed.js';", // 4
      "import * as ns from './namespace.js';", // 5
      "export * from './barrel.js';", // 6
      "export type { F } from './reexport-types.js';", // 7
      "export { type G } from './reexport-inline.js';", // 8
      "export { h } from './reexport.js';", // 9
      "import legacy = require('./legacy.js');", // 10
      "import type T = require('./legacy-types.js');", // 11
      'export async function load() {', // 12
      "  const lazy = await import('./lazy.js');", // 13
      "  const old = require('./old.js');", // 14
      "  let typed: typeof import('./type-query.js');", // 15
      '  return [D, e, ns, legacy, lazy, old, typed];',
      '}',
      'type Unused = T;',
    ].join('\n');
    expect(brief(text)).toEqual([
      { specifier: './polyfill.js', form: 'import', typeOnly: 'none', line: 1, column: 1 },
      { specifier: './types.js', form: 'import', typeOnly: 'declared', line: 2, column: 1 },
      { specifier: './inline.js', form: 'import', typeOnly: 'inline', line: 3, column: 1 },
      { specifier: './mixed.js', form: 'import', typeOnly: 'none', line: 4, column: 1 },
      { specifier: './namespace.js', form: 'import', typeOnly: 'none', line: 5, column: 1 },
      { specifier: './barrel.js', form: 'export', typeOnly: 'none', line: 6, column: 1 },
      { specifier: './reexport-types.js', form: 'export', typeOnly: 'declared', line: 7, column: 1 },
      { specifier: './reexport-inline.js', form: 'export', typeOnly: 'inline', line: 8, column: 1 },
      { specifier: './reexport.js', form: 'export', typeOnly: 'none', line: 9, column: 1 },
      { specifier: './legacy.js', form: 'import-equals', typeOnly: 'none', line: 10, column: 1 },
      { specifier: './legacy-types.js', form: 'import-equals', typeOnly: 'declared', line: 11, column: 1 },
      { specifier: './lazy.js', form: 'dynamic-import', typeOnly: 'none', line: 13, column: 22 },
      { specifier: './old.js', form: 'require', typeOnly: 'none', line: 14, column: 15 },
      { specifier: './type-query.js', form: 'import-type', typeOnly: 'declared', line: 15, column: 14 },
    ]);
  });

  it('keeps a non-literal dynamic import or require as an import with no specifier', () => {
    expect(brief('const name = "x";\nvoid import(name);\nvoid require(`./${name}`);')).toEqual([
      { specifier: null, form: 'dynamic-import', typeOnly: 'none', line: 2, column: 6 },
      { specifier: null, form: 'require', typeOnly: 'none', line: 3, column: 6 },
    ]);
  });

  it('does not take require.resolve or a method named require for a require call', () => {
    expect(brief("require.resolve('./a.js');\nloader.require('./b.js');")).toEqual([]);
  });

  it('gives the statement text back on one line for messages, read from the file', () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'npvguard-statement-'));
    try {
      const text = "const first = 1;\r\nexport const lazy = () => import(\n  './lazy.js'\n);\nimport {\n  a,\n  b,\n} from './x.js';\nvoid [a, b];";
      fs.writeFileSync(path.join(root, 'a.ts'), text);
      const imports = extractImports('a.ts', text).imports;
      expect(imports.map(({ line, column, endLine, endColumn }) => [line, column, endLine, endColumn])).toEqual([
        [2, 27, 4, 2],
        [5, 1, 8, 17],
      ]);
      const read = createStatementReader(root);
      expect(imports.map((entry) => read('a.ts', entry))).toEqual(["import( './lazy.js' )", "import { a, b, } from './x.js';"]);
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  });
});

describe('extractImports: values used only as types', () => {
  const kind = (body: string, clause = '{ Thing }') => extractImports('src/a.ts', `import ${clause} from './thing.js';\n${body}`).imports[0]?.typeOnly;

  it.each([
    ['let x: Thing;', 'usage'],
    ['function f(x: Thing): Thing[] { return [x]; }', 'usage'],
    ['type Alias = Thing | null;', 'usage'],
    ['interface I extends Thing {}', 'usage'],
    ['class C implements Thing {}', 'usage'],
    ['let y: typeof Thing;', 'usage'],
    ['const z = {} as Thing;', 'usage'],
    ['const w = {} satisfies Partial<Thing>;', 'usage'],
    ['declare const v: Map<string, Thing>;', 'usage'],
    ['const unused = 1;', 'usage'],
    ['class C extends Thing {}', 'none'],
    ['new Thing();', 'none'],
    ['const t = Thing;', 'none'],
    ['export { Thing };', 'none'],
    ['export default Thing;', 'none'],
    ['const o = { Thing };', 'none'],
    ['const make = Thing<string>;', 'none'],
    ['@Thing class D {}', 'none'],
    ['const r = typeof Thing;', 'none'],
  ])('%s → %s', (body, expected) => {
    expect(kind(body)).toBe(expected);
  });

  it('looks at property names and declarations as names, not uses', () => {
    expect(kind('const o = { Thing: 1 }; o.Thing; let q: Thing;')).toBe('usage');
    expect(kind('interface I { Thing: string }; let q: Thing;')).toBe('usage');
  });

  it('reads a namespace import used as ns.Type as type-only', () => {
    expect(kind('let x: ns.Thing;', '* as ns')).toBe('usage');
    expect(kind('ns.make();', '* as ns')).toBe('none');
  });

  it('needs every binding of the import to be type-only', () => {
    expect(kind('let x: Thing; other();', '{ Thing, other }')).toBe('none');
    expect(kind('let x: Thing; let y: other;', '{ Thing, other }')).toBe('usage');
    expect(kind('let x: Thing;', '{ Thing, type Other }')).toBe('usage');
  });

  it('finds a value use of a binding that appears before the import (imports are hoisted)', () => {
    const [entry] = extractImports('src/a.ts', "export function f() { return new Thing(); }\nimport { Thing } from './thing.js';").imports;
    expect(entry?.typeOnly).toBe('none');
  });
});

describe('extractImports: syntax errors', () => {
  it('reports the first error and how many there are, and keeps the imports it read', () => {
    const extraction = extractImports('src/a.ts', "import { a } from './a.js';\nexport const = ;\nimport { b } from './b.js';\n");
    expect(extraction.parseError).toEqual({ line: 2, column: 14, message: 'Variable declaration expected.' });
    expect(extraction.parseErrorCount).toBeGreaterThanOrEqual(1);
    expect(extraction.imports.map((entry) => entry.specifier)).toEqual(['./a.js', './b.js']);
    expect(extraction.imports.map((entry) => entry.typeOnly)).toEqual(['none', 'none']);
  });

  it('parses .tsx files as TSX', () => {
    const extraction = extractImports('src/view.tsx', "import { Card } from './card.js';\nexport const view = <Card id=\"a\" />;\n");
    expect(extraction.parseErrorCount).toBe(0);
    expect(extraction.imports[0]?.typeOnly).toBe('none');
  });
});

describe('extractImports: generated files (property)', () => {
  const specifier = fc.stringMatching(/^(\.\/|\.\.\/|@scope\/|node:)?[a-z][a-z0-9-]{0,10}(\/[a-z0-9-]{1,8})?(\.js)?$/);
  const statement = fc.oneof(
    fc.record({ kind: fc.constant('import' as const), specifier, typeOnly: fc.boolean() }),
    fc.record({ kind: fc.constant('export' as const), specifier, typeOnly: fc.boolean() }),
    fc.record({ kind: fc.constant('side-effect' as const), specifier, typeOnly: fc.constant(false) }),
    fc.record({ kind: fc.constant('filler' as const), specifier: fc.constant(''), typeOnly: fc.constant(false) }),
  );

  it('finds each import statement at its line with its specifier', () => {
    fc.assert(
      fc.property(fc.array(statement, { maxLength: 12 }), (statements) => {
        const lines = statements.map((entry, index) => {
          const quoted = JSON.stringify(entry.specifier);
          if (entry.kind === 'import') return `import ${entry.typeOnly ? 'type ' : ''}{ name${index} } from ${quoted};`;
          if (entry.kind === 'export') return `export ${entry.typeOnly ? 'type ' : ''}{ name${index} } from ${quoted};`;
          if (entry.kind === 'side-effect') return `import ${quoted};`;
          return `const value${index} = ${index} * 2; // import 'not-an-import'`;
        });
        const extraction = extractImports('src/generated.ts', lines.join('\n'));
        const expected = statements.flatMap((entry, index) => (entry.kind === 'filler' ? [] : [{ specifier: entry.specifier, line: index + 1 }]));
        expect(extraction.parseErrorCount).toBe(0);
        expect(extraction.imports.map(({ specifier: found, line }) => ({ specifier: found, line }))).toEqual(expected);
        statements
          .filter((entry) => entry.kind !== 'filler')
          .forEach((entry, index) => {
            const reason = extraction.imports[index]?.typeOnly;
            if (entry.typeOnly) expect(reason).toBe('declared');
            else if (entry.kind === 'side-effect' || entry.kind === 'export') expect(reason).toBe('none');
            else expect(reason).toBe('usage');
          });
      }),
    );
  });
});
