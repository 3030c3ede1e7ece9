import rule from '../../src/rules/unique-experiment-salt.js';
import { syntaxRuleTester } from '../support/rule-tester.js';

const ruleTester = syntaxRuleTester();

ruleTester.run('unique-experiment-salt', rule, {
  valid: [
    'const layers = [{ id: "a", salt: "layer:a" }, { id: "b", salt: "layer:b" }];',
    'const experiments = [{ salt: `experiment:${id}` }, { salt: `experiment:${id}` }];',
    'const a = { salt }; const b = { salt };',
    'const config = { name: "x", label: "x" };',
    { code: 'const x = [{ seed: "s" }, { seed: "t" }];', options: [{ saltProperties: ['seed'] }] },
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
  ],
});
