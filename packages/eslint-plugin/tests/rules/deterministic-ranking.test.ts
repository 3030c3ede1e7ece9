import rule from '../../src/rules/deterministic-ranking.js';
import { syntaxRuleTester } from '../support/rule-tester.js';

const ruleTester = syntaxRuleTester();
const filename = 'src/experiments/assign.ts';

ruleTester.run('deterministic-ranking', rule, {
  valid: [
    { code: 'const now = clock.now();', filename },
    { code: 'const when = new Date(event.timestampMs);', filename },
    { code: 'const utc = Date.UTC(2025, 0, 1);', filename },
    { code: "import { createHash } from 'node:crypto'; createHash('sha256').update(salt).digest('hex');", filename },
    { code: 'const random = { random: () => 4 }; const Math = random; Math.random();', filename },
    { code: 'const id = crypto.randomUUID();', filename: 'src/server/routes.ts' },
    { code: 'const start = performance.now();', filename, options: [{ allow: ['performance.now'] }] },
    {
      code: 'const x = Math.random();',
      filename,
      settings: { npvguard: { deterministicPath: ['src/domain/**'] } },
    },
  ],
  invalid: [
    {
      code: 'const jitter = Math.random();',
      filename,
      errors: [{ messageId: 'ambientRandomness', line: 1, column: 16, data: { call: 'Math.random' } }],
    },
    {
      code: 'const now = Date.now();',
      filename: 'src/components/scorer.ts',
      errors: [{ messageId: 'ambientClock', line: 1, column: 13, data: { call: 'Date.now' } }],
    },
    {
      code: 'const now = new Date();',
      filename,
      errors: [{ messageId: 'ambientClock', line: 1, column: 13, data: { call: 'new Date()' } }],
    },
    {
      code: 'const id = crypto.randomUUID();',
      filename,
      errors: [{ messageId: 'ambientRandomness', line: 1, column: 12, data: { call: 'crypto.randomUUID' } }],
    },
    {
      code: "import { randomInt } from 'node:crypto';\nconst bucket = randomInt(10000);",
      filename,
      errors: [{ messageId: 'ambientRandomness', line: 2, column: 16, data: { call: 'crypto.randomInt' } }],
    },
    {
      code: "import * as nodeCrypto from 'crypto';\nconst bytes = nodeCrypto.randomBytes(4);",
      filename,
      errors: [{ messageId: 'ambientRandomness', line: 2, column: 15, data: { call: 'crypto.randomBytes' } }],
    },
    {
      code: "import { performance } from 'node:perf_hooks';\nconst t = performance.now();",
      filename,
      errors: [{ messageId: 'ambientClock', line: 2, column: 11, data: { call: 'perf_hooks.performance.now' } }],
    },
    {
      code: 'const t = process.hrtime.bigint();',
      filename,
      errors: [{ messageId: 'ambientClock', line: 1, column: 11, data: { call: 'process.hrtime.bigint' } }],
    },
    {
      code: 'const r = globalThis.Math.random();',
      filename,
      errors: [{ messageId: 'ambientRandomness', line: 1, column: 11 }],
    },
    {
      code: 'const x = Math.random();',
      filename: 'lib/rank.ts',
      options: [{ deterministicPath: ['lib/**'] }],
      errors: [{ messageId: 'ambientRandomness', line: 1, column: 11 }],
    },
  ],
});
