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
    // A local list (a model server checking its own metadata) is not a response's outputs.
    'const [output] = outputs;\nconst first = outputs[0];',
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
      code: 'const [scores, calibrated] = this.lastResponse.outputs;\nconst last = body.outputs.pop();',
      errors: [
        { messageId: 'outputByPosition', line: 1, column: 7 },
        { messageId: 'outputByPosition', line: 2, column: 14 },
      ],
    },
    {
      code: 'const t = reply.tensors[1];',
      options: [{ outputProperties: ['tensors'] }],
      errors: [{ messageId: 'outputByPosition', line: 1, column: 11 }],
    },
  ],
});
