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
    // A local list built by the code itself, even one named like the output list.
    'const outputs = [scores, calibrated];\nconst first = outputs[0];',
    // Reassigned after it was read off the response: it may hold anything by the time it is indexed.
    'let outputs = response.outputs;\noutputs = sorted(outputs);\nconst first = outputs[0];',
    'const outputs = response.outputs;\nconst scores = outputs.find((output) => output.name === "score");',
    'const { inputs } = request;\nconst first = inputs[0];',
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
      code: 'function read(parsed: unknown) {\n  const outputs = (parsed as { outputs: unknown[] }).outputs;\n  const output = outputs[0] as Record<string, unknown> | undefined;\n}',
      errors: [{ messageId: 'outputByPosition', line: 3, column: 18, data: { expression: 'outputs[0]' } }],
    },
    {
      code: 'const { outputs } = body;\nconst scores = outputs[0].data;',
      errors: [{ messageId: 'outputByPosition', line: 2, column: 16, data: { expression: 'outputs[0]' } }],
    },
    {
      code: 'const { outputs: tensors = [] } = body;\nconst list = tensors;\nconst [scores] = list;\nconst last = list.at(-1);',
      errors: [
        { messageId: 'outputByPosition', line: 3, column: 7, data: { expression: '[scores] = list' } },
        { messageId: 'outputByPosition', line: 4, column: 14, data: { expression: 'list.at(-1)' } },
      ],
    },
    {
      code: 'function read({ outputs }: { outputs: number[][] }) {\n  return outputs[1];\n}',
      errors: [{ messageId: 'outputByPosition', line: 2, column: 10, data: { expression: 'outputs[1]' } }],
    },
    {
      code: 'const t = reply.tensors[1];',
      options: [{ outputProperties: ['tensors'] }],
      errors: [{ messageId: 'outputByPosition', line: 1, column: 11 }],
    },
  ],
});
