import fc from 'fast-check';
import type * as ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { typescript } from '../../src/modules/typescript.js';
import { candidateFiles, ModuleReader, resolveLength, resolveNumber, resolveProperty, resolveString, type ModuleSources } from '../../src/modules/constantValue/index.js';

function parse(file: string, text: string): ts.SourceFile {
  return typescript.createSourceFile(file, text, typescript.ScriptTarget.Latest, true, typescript.ScriptKind.TS);
}

/** The initializer of `const <name>` at the top of a file. */
function initializerOf(source: ts.SourceFile, name: string): ts.Expression {
  for (const statement of source.statements) {
    if (!typescript.isVariableStatement(statement)) continue;
    for (const declaration of statement.declarationList.declarations) {
      if (typescript.isIdentifier(declaration.name) && declaration.name.text === name && declaration.initializer !== undefined) return declaration.initializer;
    }
  }
  throw new Error(`no const ${name}`);
}

/** A module system over in-memory files, read through the same reader the checks use. */
async function withFiles<T>(files: Record<string, string>, entry: string, compute: (source: ts.SourceFile, sources: ModuleSources) => T): Promise<T> {
  const reader = new ModuleReader((file) => files[file], parse);
  const source = parse(entry, files[entry] ?? '');
  reader.add(source);
  return (await reader.settle(() => compute(source, reader))).result;
}

async function numberIn(files: Record<string, string>, name = 'value', entry = 'tests/a.test.ts') {
  return withFiles(files, entry, (source, sources) => resolveNumber(initializerOf(source, name), sources));
}

describe('resolveNumber: values the source always has', () => {
  it.each([
    ['a literal with separators', 'const value = 1_000;', 1000],
    ['hex, binary and exponents', 'const value = 0x10 + 0b11 + 1e3;', 1019],
    ['a local const', 'const RUNS = 20;\nconst value = RUNS;', 20],
    ['arithmetic over constants', 'const BASE = 100;\nconst value = -(BASE / 5) * (2 + 1) + 70;', 10],
    ['% and **', 'const value = 2 ** 5 % 7;', 4],
    ['a let never assigned again', 'let RUNS = 30;\nconst value = RUNS;', 30],
    ['an `as const` object property', 'const RUNS = { property: 25, slow: 5 } as const;\nconst value = RUNS.property;', 25],
    ['an element access with a constant key', "const KEY = 'slow';\nconst RUNS = { slow: 5 } satisfies Record<string, number>;\nconst value = RUNS[KEY];", 5],
    ['a nested object', 'const CONFIG = { fc: { runs: { few: 7 } } };\nconst value = CONFIG.fc.runs.few;', 7],
    ['a numeric enum member, counted on', 'enum Runs { Few = 10, Some, Many = 1000 }\nconst value = Runs.Some;', 11],
    ['an enum member built from another', 'enum Runs { Base = 50, Double = Base * 2 }\nconst value = Runs.Double;', 100],
    ['a spread, overridden after', 'const defaults = { numRuns: 100, seed: Date.now() };\nconst value = { ...defaults, numRuns: 40 }.numRuns;', 40],
    ['a spread, read through', 'const defaults = { numRuns: 100 };\nconst options = { verbose: true, ...defaults };\nconst value = options.numRuns;', 100],
    ['destructuring with a default', 'const { runs = 9, other } = { other: 1 };\nconst value = runs + other;', 10],
    ['an array element and length', 'const ROWS = [3, 4, 5];\nconst value = ROWS[1] * ROWS.length;', 12],
    ['a conditional on constants', 'const FAST = false;\nconst value = FAST ? 10 : 200;', 200],
    ['?? and ||', 'const MISSING = undefined;\nconst value = (MISSING ?? 5) + (0 || 6);', 11],
    ['Object.freeze and Math.min', 'const LIMITS = Object.freeze({ low: 5, high: 9 });\nconst value = Math.min(LIMITS.low, LIMITS.high);', 5],
    ['Number of a constant string', "const TEXT = '42';\nconst value = Number(TEXT);", 42],
    ['Number.MAX_SAFE_INTEGER', 'const value = Number.MAX_SAFE_INTEGER;', Number.MAX_SAFE_INTEGER],
  ])('%s', async (_, text, expected) => {
    expect(await numberIn({ 'tests/a.test.ts': text })).toEqual({ resolved: true, value: expected });
  });

  it('follows an imported constant, an imported `as const` object, an enum and a namespace import across files', async () => {
    const files = {
      'tests/support/runs.ts': "export const RUNS = 20;\nexport const SETTINGS = { property: RUNS * 2 } as const;\nexport enum Runs { Few = 5, Many = 500 }\nexport default { fast: 3 };\n",
      'tests/support/index.ts': "export * from './runs.js';\nexport { RUNS as ALIAS } from './runs.js';\n",
      'tests/a.test.ts': [
        "import { RUNS, SETTINGS, Runs } from './support/runs.js';",
        "import * as all from './support/index.js';",
        "import { ALIAS as renamed } from './support/index';",
        "import defaults from './support/runs.js';",
        'const value = RUNS + SETTINGS.property + Runs.Few + all.Runs.Many + all.RUNS + renamed + defaults.fast;',
      ].join('\n'),
    };
    expect(await numberIn(files)).toEqual({ resolved: true, value: 20 + 40 + 5 + 500 + 20 + 20 + 3 });
  });

  it('reads each module it needs once, and tells which it used', async () => {
    const reads: string[] = [];
    const files: Record<string, string> = { 'tests/support/runs.ts': 'export const RUNS = 20;\n', 'tests/a.test.ts': "import { RUNS } from './support/runs';\nconst value = RUNS;\n" };
    const reader = new ModuleReader((file) => {
      reads.push(file);
      return files[file];
    }, parse);
    const source = parse('tests/a.test.ts', files['tests/a.test.ts'] ?? '');
    const settled = await reader.settle(() => resolveNumber(initializerOf(source, 'value'), reader));
    expect(settled.result).toEqual({ resolved: true, value: 20 });
    expect([...settled.modules]).toEqual(['tests/support/runs.ts']);
    expect(reads).toEqual(['tests/support/runs.ts']);
  });

  it.each([
    ['a call', 'const value = computeRuns();', /`computeRuns\(\)` is a call/],
    ['an environment read', 'const value = process.env.RUNS;', /`process\.env\.RUNS` is read from the process at run time/],
    ['a conversion of an environment read', 'const value = Number(process.env.RUNS ?? 100);', /`process\.env\.RUNS` is read from the process at run time/],
    ['a let assigned again', 'let RUNS = 20;\nRUNS = 5;\nconst value = RUNS;', /`RUNS` is assigned again/],
    ['a let incremented', 'let RUNS = 20;\nRUNS++;\nconst value = RUNS;', /`RUNS` is assigned again/],
    ['a package import', "import { RUNS } from 'test-settings';\nconst value = RUNS;", /imported from the package `test-settings`/],
    ['an import of a file that is not there', "import { RUNS } from './missing.js';\nconst value = RUNS;", /`\.\/missing\.js` names no file/],
    ['an undeclared global', 'const value = RUNS_FROM_SETUP;', /`RUNS_FROM_SETUP` is not declared/],
    ['a spread of something unknown, not overridden', 'const value = { ...loadDefaults() }.numRuns;', /`\.\.\.loadDefaults\(\)` may set `numRuns`/],
    ['a string', "const value = 'many';", /is "many", not a number/],
    ['a self-reference', 'const value: number = value + 1;', /refers to itself/],
    ['objects that spread each other', 'const A: object = { ...B };\nconst B: object = { ...A };\nconst value = (A as { runs: number }).runs;', /spreads itself/],
    ['arrays that spread each other', 'const A: number[] = [...B];\nconst B: number[] = [...A];\nconst value = A.length;', /spreads itself/],
    ['enum members that refer to each other', 'enum E { A = B, B = A }\nconst value = E.A;', /refers to itself/],
  ])('%s is not resolved, with the reason', async (_, text, reason) => {
    const result = await numberIn({ 'tests/a.test.ts': text });
    expect(result.resolved).toBe(false);
    if (!result.resolved) expect(result.reason).toMatch(reason);
  });

  it('finds the binding in the nearest scope: a local or a parameter shadows a module constant', () => {
    const text = 'const RUNS = 500;\nfunction setup() {\n  const RUNS = 5;\n  return { value: RUNS };\n}\nfunction run(RUNS: number) {\n  return { value: RUNS };\n}\n';
    const source = parse('tests/a.test.ts', text);
    const returned = (index: number) => ((source.statements[index] as ts.FunctionDeclaration).body?.statements.at(-1) as ts.ReturnStatement).expression as ts.Expression;
    expect(resolveProperty(returned(1), 'value')).toEqual({ resolved: true, value: 5 });
    expect(resolveProperty(returned(2), 'value')).toMatchObject({ resolved: false, reason: '`RUNS` is a parameter: its value depends on each call' });
  });
});

describe('resolveString, resolveProperty and resolveLength', () => {
  it('builds a template string from constants and an enum', async () => {
    const files = { 'src/salts.ts': "export enum Layer { Selection = 'selection' }\nexport const YEAR = 2025;\n", 'src/a.ts': "import { Layer, YEAR } from './salts.js';\nconst value = `layer:${Layer.Selection}:${YEAR}-01`;\n" };
    expect(await withFiles(files, 'src/a.ts', (source, sources) => resolveString(initializerOf(source, 'value'), sources))).toEqual({ resolved: true, value: 'layer:selection:2025-01' });
  });

  it('tells a property that is absent from one that is unknown', () => {
    const source = parse('a.ts', 'const known = { seed: 1 };\nconst opaque = { ...other };\n');
    expect(resolveProperty(initializerOf(source, 'known'), 'numRuns')).toEqual({ resolved: true, value: undefined, absent: true });
    expect(resolveProperty(initializerOf(source, 'opaque'), 'numRuns')).toMatchObject({ resolved: false });
  });

  it('counts the rows of a table built from constant arrays', () => {
    const source = parse('a.ts', 'const BASE = [[1], [2]] as const;\nconst value = [...BASE, [3], ...[[4]]];\nconst broken = [...rows()];\n');
    expect(resolveLength(initializerOf(source, 'value'))).toEqual({ resolved: true, value: 4 });
    expect(resolveLength(initializerOf(source, 'broken'))).toMatchObject({ resolved: false });
  });

  it('maps NodeNext specifiers to TypeScript sources', () => {
    expect(candidateFiles('tests/a.test.ts', './support/runs.js')).toEqual(['tests/support/runs.ts', 'tests/support/runs.tsx', 'tests/support/runs.js', 'tests/support/runs.jsx']);
    expect(candidateFiles('tests/a.test.ts', '../src/config')[0]).toBe('src/config.ts');
    expect(candidateFiles('tests/a.test.ts', 'fast-check')).toEqual([]);
  });
});

/** A random constant expression, as TypeScript text, over literals and the names declared before it. */
function expression(names: readonly string[]): fc.Arbitrary<string> {
  const integer = fc.integer({ min: 0, max: 2_000_000 }).chain((value) =>
    fc.constantFrom(String(value), String(value).replace(/\B(?=(\d{3})+(?!\d))/g, '_'), `0x${value.toString(16)}`),
  );
  const decimal = fc.constantFrom('0.5', '1e3', '2.25', '1.5e-2', '0');
  const word = fc.stringMatching(/^[a-z0-9 ]{0,6}$/);
  const leaves: fc.Arbitrary<string>[] = [integer, decimal, word.map((text) => `'${text}'`), word.map((text) => `\`${text}\``)];
  if (names.length > 0) leaves.push(fc.constantFrom(...names));
  const { tree } = fc.letrec<{ tree: string }>((tie) => ({
    tree: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      fc.oneof(...leaves),
      fc.tuple(tie('tree'), fc.constantFrom('+', '-', '*', '/', '%', '**'), tie('tree')).map(([left, operator, right]) => `(${left}) ${operator} (${right})`),
      tie('tree').map((operand) => `-(${operand})`),
      tie('tree').map((operand) => `\`<\${${operand}}>\``),
    ),
  }));
  return tree;
}

/** A program: an imported constant, an enum, an `as const` object and consts, each over what came before. */
const programs = fc
  .tuple(expression([]), fc.integer({ min: -5, max: 50 }), expression(['IMPORTED']), expression(['IMPORTED', 'Level.Low', 'Level.High']))
  .chain(([imported, low, objectValue, first]) =>
    expression(['IMPORTED', 'Level.Mid', 'LIMITS.deep.value', 'FIRST', "LIMITS['flat']"]).map((result) => ({ imported, low, objectValue, first, result })),
  );

describe('resolution agrees with JavaScript (property)', () => {
  it('random expression trees over literals, constants, an enum, an `as const` object and an import evaluate as JavaScript evaluates them', async () => {
    await fc.assert(
      fc.asyncProperty(programs, async (program) => {
        const constants = `export const IMPORTED = ${program.imported};\n`;
        const main = [
          "import { IMPORTED } from './constants.js';",
          `enum Level { Low = ${program.low}, Mid, High = Mid * 2 }`,
          `const LIMITS = { flat: 3, deep: { value: ${program.objectValue} } } as const;`,
          `const FIRST = ${program.first};`,
          `const value = ${program.result};`,
        ].join('\n');
        const files = { 'src/constants.ts': constants, 'src/main.ts': main };
        const resolved = await withFiles(files, 'src/main.ts', (source, sources) => {
          const expression = initializerOf(source, 'value');
          const number = resolveNumber(expression, sources);
          return number.resolved ? number : resolveString(expression, sources);
        });
        const javascript = typescript.transpileModule(`${constants.replace('export ', '')}${main.split('\n').slice(1).join('\n')}\nreturn value;`, {
          compilerOptions: { target: typescript.ScriptTarget.ES2022, module: typescript.ModuleKind.None },
        }).outputText;
        const expected: unknown = new Function(javascript)();
        expect(resolved.resolved ? resolved.value : resolved.reason).toBe(expected);
      }),
      { numRuns: 200 },
    );
  });
});
