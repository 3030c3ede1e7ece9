import rule from '../../src/rules/unique-experiment-salt.js';
import { syntaxRuleTester, typedRuleTester } from '../support/rule-tester.js';

const ruleTester = syntaxRuleTester();

ruleTester.run('unique-experiment-salt', rule, {
  valid: [
    'const layers = [{ id: "a", salt: "layer:a" }, { id: "b", salt: "layer:b" }];',
    'const experiments = [{ salt: `experiment:${id}` }, { salt: `experiment:${id}` }];',
    'const a = { salt }; const b = { salt };',
    'const config = { name: "x", label: "x" };',
    { code: 'const x = [{ seed: "s" }, { seed: "t" }];', options: [{ saltProperties: ['seed'] }] },
    // Constants that resolve to different salts.
    "const SALTS = { cards: 'a', shelf: 'b' } as const;\nconst x = [{ salt: SALTS.cards }, { salt: SALTS.shelf }];",
    "const LAYER = 'layer';\nconst x = [{ salt: `${LAYER}:a` }, { salt: `${LAYER}:b` }, { salt: LAYER + ':c' }];",
    "enum Salt { A = 'a', B = 'b' }\nconst x = [{ salt: Salt.A }, { salt: Salt.B }];",
    "const REGISTRY = Object.freeze({ salts: { a: 'x', b: 'y' } });\nconst x = [{ salt: REGISTRY.salts.a }, { salt: REGISTRY.salts.b }];",
    // Numbers join as JavaScript joins them: 1 + 2 + ':a' is '3:a', not '12:a'.
    "const x = [{ salt: 1 + 2 + ':a' }, { salt: '12:a' }];",
    // Not known before the code runs: no finding (see the doc's blind spots).
    "const x = [{ salt: makeSalt('a') }, { salt: makeSalt('a') }];",
    "function f(salt: string) { return [{ salt }, { salt }]; }",
    "let SALT = 'x';\nSALT = 'y';\nconst x = [{ salt: SALT }, { salt: 'x' }];",
    // An imported constant read from the imported file: two different salts.
    { code: "import { SALTS, LAYER_SALT } from './salts.js';\nconst x = [{ salt: SALTS.cards }, { salt: SALTS.podcasts }, { salt: LAYER_SALT }];", filename: 'src/experiments/registry.ts' },
  ],
  invalid: [
    {
      code: 'export const REGISTRY = {\n  layers: [\n    { id: "selection", salt: "layer:2025-01", experiments: [{ id: "diversity", salt: "layer:2025-01" }] },\n  ],\n};',
      errors: [{ messageId: 'duplicateSalt', line: 3, column: 86, data: { salt: 'layer:2025-01', line: '3' } }],
    },
    {
      code: 'const a = { bucketingSalt: `npv` };\nconst b = { salt: "npv" };\nconst c = { salt: "npv" };',
      errors: [
        { messageId: 'duplicateSalt', line: 2, column: 19, data: { salt: 'npv', line: '1' } },
        { messageId: 'duplicateSalt', line: 3, column: 19, data: { salt: 'npv', line: '1' } },
      ],
    },
    {
      code: 'const x = [{ seed: "s" }, { seed: "s" }];',
      options: [{ saltProperties: ['seed'] }],
      errors: [{ messageId: 'duplicateSalt', line: 1, column: 35 }],
    },
    {
      code: "const SALTS = { cards: 'x', shelf: 'x' } as const;\nconst experiments = [\n  { id: 'cards', salt: SALTS.cards },\n  { id: 'shelf', salt: SALTS.shelf },\n];",
      errors: [{ messageId: 'duplicateSalt', line: 4, column: 24, data: { salt: 'x', line: '3' } }],
    },
    {
      code: "const SALT = 'npv:2025';\nconst a = { salt: SALT };\nconst b = { salt: 'npv:2025' };",
      errors: [{ messageId: 'duplicateSalt', line: 3, column: 19, data: { salt: 'npv:2025', line: '2' } }],
    },
    {
      code: "const LAYER = 'selection';\nconst YEAR = 2025;\nconst a = { salt: `layer:${LAYER}:${YEAR}` };\nconst b = { layerSalt: 'layer:' + LAYER + ':' + YEAR };",
      errors: [{ messageId: 'duplicateSalt', line: 4, column: 24, data: { salt: 'layer:selection:2025', line: '3' } }],
    },
    {
      code: "enum Salt { Diversity = 'x', Slots = 'x' }\nconst a = { salt: Salt.Diversity };\nconst b = { salt: Salt['Slots'] };",
      errors: [{ messageId: 'duplicateSalt', line: 3, column: 19, data: { salt: 'x', line: '2' } }],
    },
    {
      code: "const REGISTRY = Object.freeze({ salts: { a: 'x' } });\nconst { salt } = { salt: 'unused' };\nconst a = { salt: REGISTRY.salts.a };\nconst b = { salt: REGISTRY['salts'].a as string };",
      errors: [{ messageId: 'duplicateSalt', line: 4, column: 19, data: { salt: 'x', line: '3' } }],
    },
    {
      code: "import { SALTS } from './salts.js';\nconst a = { salt: SALTS.cards };\nconst b = { salt: SALTS.shelf };",
      filename: 'src/experiments/registry.ts',
      errors: [{ messageId: 'duplicateSalt', line: 3, column: 19, data: { salt: 'experiment:npv:2025-01', line: '2' } }],
    },
    {
      code: "import { LAYER_SALT } from './salts.js';\nconst a = { salt: LAYER_SALT };\nconst b = { salt: 'layer:selection:2025-01' };",
      filename: 'src/experiments/registry.ts',
      errors: [{ messageId: 'duplicateSalt', line: 3, column: 19, data: { salt: 'layer:selection:2025-01', line: '2' } }],
    },
  ],
});

// With type information, a salt is resolved through re-exports and imported enums too.
typedRuleTester().run('unique-experiment-salt (type-checked)', rule, {
  valid: [
    { code: "import { ExperimentSalt } from './catalog.js';\nexport const x = [{ salt: ExperimentSalt.Diversity }, { salt: ExperimentSalt.Slots }];", filename: 'src/experiments/assign.ts' },
  ],
  invalid: [
    {
      code: "import { ExperimentSalt, SELECTION_SALT } from './catalog.js';\nexport const x = [\n  { salt: ExperimentSalt.Diversity },\n  { salt: 'experiment:diversity:2025-01' },\n  { salt: SELECTION_SALT },\n  { salt: 'layer:selection:2025-01' },\n];",
      filename: 'src/experiments/assign.ts',
      errors: [
        { messageId: 'duplicateSalt', line: 4, column: 11, data: { salt: 'experiment:diversity:2025-01', line: '3' } },
        { messageId: 'duplicateSalt', line: 6, column: 11, data: { salt: 'layer:selection:2025-01', line: '5' } },
      ],
    },
  ],
});
