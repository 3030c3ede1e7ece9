import rule from '../../src/rules/oip-outputs-by-name.js';
import { syntaxRuleTester } from '../support/rule-tester.js';

const ruleTester = syntaxRuleTester();

ruleTester.run('oip-outputs-by-name', rule, {
  valid: [
    'const scores = response.outputs.find((output) => output.name === "score");',
    'const byName = new Map(body.outputs.map((output) => [output.name, output]));',
    'const first = response.outputs[name];',
    'const row = rows[0];',
    'const { outputs } = response;',
    'const [first] = candidates;',
    { code: 'const x = response.outputs[0];', options: [{ outputProperties: ['tensors'] }] },
  ],
  invalid: [
    {
      code: 'const scores = response.outputs[0].data;',
      errors: [{ messageId: 'outputByPosition', line: 1, column: 16, data: { expression: 'response.outputs[0]' } }],
    },
    {
      code: 'const scores = body.outputs.at(-1);',
      errors: [{ messageId: 'outputByPosition', line: 1, column: 16, data: { expression: 'body.outputs.at(-1)' } }],
    },
    {
      code: 'const [scores] = response.outputs;',
      errors: [{ messageId: 'outputByPosition', line: 1, column: 7, data: { expression: '[scores] = response.outputs' } }],
    },
    {
      code: 'const { outputs } = response;\nconst [scores, calibrated] = outputs;\nconst last = outputs.pop();',
      errors: [
        { messageId: 'outputByPosition', line: 2, column: 7 },
        { messageId: 'outputByPosition', line: 3, column: 14 },
      ],
    },
    {
      code: 'const t = reply.tensors[1];',
      options: [{ outputProperties: ['tensors'] }],
      errors: [{ messageId: 'outputByPosition', line: 1, column: 11 }],
    },
  ],
});
