import rule from '../../src/rules/no-sync-io-in-request-path.js';
import { syntaxRuleTester } from '../support/rule-tester.js';

const ruleTester = syntaxRuleTester();
const filename = 'src/server/routes.ts';

ruleTester.run('no-sync-io-in-request-path', rule, {
  valid: [
    // Module top level and composition functions run once.
    { code: "import { readFileSync } from 'node:fs';\nconst catalog = JSON.parse(readFileSync('catalog.json', 'utf8'));", filename },
    { code: "import fs from 'node:fs';\nexport function buildApp() { return fs.readFileSync('schema.json'); }", filename },
    { code: "import fs from 'node:fs';\nexport class Catalog { constructor() { this.data = fs.readFileSync('c.json'); } }", filename },
    { code: "import { readFile } from 'node:fs/promises';\nexport async function load() { return readFile('x'); }", filename },
    { code: "import { createHash } from 'node:crypto';\nexport function bucket(unit: string) { return createHash('sha256').update(unit).digest(); }", filename },
    // Application hooks run once, while the app starts or stops.
    { code: "import fs from 'node:fs';\napp.addHook('onReady', async () => { fs.readFileSync('model.json'); });", filename },
    // A local function named like a sync call is not Node's.
    { code: 'function readFileSync() { return 1; }\nexport function handle() { return readFileSync(); }', filename },
    // Outside the request path and not a handler.
    { code: "import fs from 'node:fs';\nexport function report() { return fs.writeFileSync('out.json', '{}'); }", filename: 'scripts/replay.ts' },
  ],
  invalid: [
    {
      code: "import { readFileSync } from 'node:fs';\nexport function handle() {\n  return readFileSync('x.json');\n}",
      filename,
      errors: [{ messageId: 'syncIo', line: 3, column: 10, data: { call: 'fs.readFileSync' } }],
    },
    {
      code: "import * as zlib from 'zlib';\napp.get('/npv', async (request, reply) => reply.send(zlib.gzipSync(body)));",
      filename: 'lib/routes.ts',
      errors: [{ messageId: 'syncIo', line: 2, column: 54, data: { call: 'zlib.gzipSync' } }],
    },
    {
      code: "import fs from 'node:fs';\napp.addHook('preHandler', async () => { fs.statSync('flag'); });",
      filename: 'lib/app.ts',
      errors: [{ messageId: 'syncIo', line: 2, column: 41, data: { call: 'fs.statSync' } }],
    },
    {
      code: "const { execSync } = require('child_process');\nexport const score = () => execSync('ranker');",
      filename,
      errors: [{ messageId: 'syncIo', line: 2, column: 28, data: { call: 'child_process.execSync' } }],
    },
    {
      code: "import crypto from 'node:crypto';\nclass Signer { sign(x: string) { return crypto.scryptSync(x, salt, 64); } }",
      filename: 'src/components/scorer.ts',
      errors: [{ messageId: 'syncIo', line: 2, column: 41, data: { call: 'crypto.scryptSync' } }],
    },
    {
      code: "import fs from 'fs';\nexport function handle() { return fs.existsSync('flag'); }",
      filename: 'lib/handler.ts',
      options: [{ requestPath: ['lib/**'] }],
      errors: [{ messageId: 'syncIo', line: 2, column: 35, data: { call: 'fs.existsSync' } }],
    },
    {
      code: "import fs from 'fs';\nexport function buildApp() { return fs.existsSync('flag'); }",
      filename,
      options: [{ compositionFunctions: ['main'] }],
      errors: [{ messageId: 'syncIo', line: 2, column: 37 }],
    },
  ],
});
