import rule from '../../src/rules/no-process-env-outside-config.js';
import { syntaxRuleTester } from '../support/rule-tester.js';

const ruleTester = syntaxRuleTester();
const filename = 'src/components/scorer.ts';

ruleTester.run('no-process-env-outside-config', rule, {
  valid: [
    { code: 'const port = Number(process.env.PORT ?? 8080);', filename: 'src/config/env.ts' },
    { code: 'export default { timeout: process.env.CI ? 60 : 10 };', filename: 'vitest.config.ts' },
    { code: 'const url = process.env.MODEL_URL;', filename: 'tests/app.test.ts' },
    { code: 'const threshold = config.threshold;', filename },
    { code: 'const process = { env: {} }; process.env;', filename },
    { code: 'const cwd = process.cwd();', filename },
    // Handing the whole environment on is not reading a setting.
    { code: "execFile('git', args, { env: { ...process.env, GIT_TERMINAL_PROMPT: '0' } });", filename },
    { code: 'spawn(command, args, { env: options.env ?? process.env });', filename },
    // Handed to a parser the config layer exports (a relative import into a config module, resolved from this file).
    { code: "import { parseArgs } from '../config/args.js';\nconst options = parseArgs(argv, process.env);", filename },
    { code: "import * as settings from '../settings';\nconst parsed = settings.parse({ source: process.env });", filename },
    // A copy handed on, by every use: a child process's or a worker's `env`.
    { code: "const env = { ...process.env, FORCE_COLOR: '0' };\nspawn(command, args, { env });\nexecFile('git', [], { cwd, env });", filename },
    { code: "new Worker(script, { env: { ...process.env, ROLE: 'worker' } });", filename },
    { code: 'const key = process.env.KEY;', filename: 'lib/settings.ts', options: [{ configPath: ['lib/settings.ts'] }] },
    // The config module by its name: a file named config, env or settings, or any file under a config/ folder.
    { code: 'export function loadSettings(env = process.env) { return { url: env.CARRIER_URL }; }', filename: 'src/config.ts' },
    { code: 'export const env = { port: Number(process.env.PORT ?? 3000) };', filename: 'packages/svc-a/src/env.mts' },
    { code: 'export const settings = { db: process.env.DATABASE_URL };', filename: 'src/settings.js' },
    { code: 'export default { db: process.env.DATABASE_URL };', filename: 'src/config/database.ts' },
    // The entry point: the file that starts the server reads where to listen.
    { code: "const app = createApp();\napp.listen({ port: Number(process.env.PORT ?? 8080), host: '0.0.0.0' });", filename: 'src/index.ts' },
    { code: 'const app = await build({ databaseUrl: process.env.DATABASE_URL });\nawait app.listen({ port: 3000 });', filename: 'src/main.ts' },
    { code: 'const { env } = process;\nserver.listen(env.PORT);', filename: 'src/server.js' },
    { code: 'const key = process.env.KEY;', filename: 'lib/settings.ts', settings: { npvguard: { configPath: ['lib/**'] } } },
    // Setting the environment (a test setup handing a container's port to the code under test) is not reading it.
    { code: "process.env.DB_PORT = String(port);\nprocess.env['DB_USER'] = user;\ndelete process.env.DB_URL;", filename },
    // Test support beside the tests.
    { code: 'const url = process.env.DATABASE_URL;', filename: 'src/test-utils/global-setup.ts' },
    { code: 'const url = process.env.DATABASE_URL;', filename: 'src/users/users.spec.ts' },
    { code: 'const url = process.env.DATABASE_URL;', filename: 'src/__tests__/helpers.ts' },
  ],
  invalid: [
    // A compound assignment reads the value it extends; so does reading right after writing.
    {
      code: "process.env.NODE_OPTIONS += ' --enable-source-maps';\nprocess.env.MODE ??= 'fast';",
      filename,
      errors: [{ messageId: 'processEnv', line: 1 }, { messageId: 'processEnv', line: 2 }],
    },
    {
      code: "process.env.REGION = 'eu';\nconst region = process.env.REGION;",
      filename,
      errors: [{ messageId: 'processEnv', line: 2, column: 16 }],
    },
    {
      code: 'const threshold = Number(process.env.NPV_THRESHOLD);',
      filename,
      errors: [{ messageId: 'processEnv', line: 1, column: 26, data: { expression: 'process.env' } }],
    },
    {
      code: "const region = process.env['REGION'] ?? 'eu';",
      filename,
      errors: [{ messageId: 'processEnv', line: 1, column: 16 }],
    },
    {
      code: 'const { env } = process;\nconst { NODE_ENV } = globalThis.process.env;',
      filename,
      errors: [
        { messageId: 'processEnv', line: 1, column: 9 },
        { messageId: 'processEnv', line: 2, column: 22, data: { expression: 'globalThis.process.env' } },
      ],
    },
    {
      code: 'const settings = process.env;\nconst debug = (process.env ? process.env : {}).DEBUG;',
      filename,
      errors: [
        { messageId: 'processEnv', line: 1, column: 18 },
        { messageId: 'processEnv', line: 2, column: 16 },
        { messageId: 'processEnv', line: 2, column: 30 },
      ],
    },
    {
      code: "import { env } from 'node:process';\nconst url = env.MODEL_URL;",
      filename,
      errors: [{ messageId: 'processEnv', line: 1, column: 10 }],
    },
    {
      code: "import process from 'node:process';\nconst url = process.env.MODEL_URL;",
      filename,
      errors: [{ messageId: 'processEnv', line: 2, column: 13 }],
    },
    {
      code: 'const key = process.env.KEY;',
      filename: 'src/config/env.ts',
      options: [{ configPath: ['src/settings/**'] }],
      errors: [{ messageId: 'processEnv', line: 1, column: 13 }],
    },
    // A file named like the config module in name only is still checked: `configure.ts`, `environment-check.ts`.
    {
      code: 'export const retries = Number(process.env.RETRIES);',
      filename: 'src/configure.ts',
      errors: [{ messageId: 'processEnv', line: 1, column: 31 }],
    },
    // Reading a setting beside a call that is not `.listen(...)` is not an entry point.
    {
      code: 'const app = createApp();\nawait app.ready();\nexport const port = process.env.PORT;',
      filename: 'src/index.ts',
      errors: [{ messageId: 'processEnv', line: 3, column: 21 }],
    },
    // With entryPoints off, the entry point reads its settings from the config module too.
    {
      code: 'app.listen({ port: Number(process.env.PORT) });',
      filename: 'src/index.ts',
      options: [{ entryPoints: false }],
      errors: [{ messageId: 'processEnv', line: 1, column: 27 }],
    },
    // The whole environment given to a function that reads it: a scan, a helper outside the config layer.
    {
      code: "const forced = Object.entries(process.env).filter(([name]) => name.startsWith('FORCE_'));",
      filename,
      errors: [{ messageId: 'processEnv', line: 1, column: 31 }],
    },
    {
      code: "import { flagEnabled } from './flags.js';\nexport const diversity = flagEnabled(process.env, 'DIVERSITY', true);",
      filename,
      errors: [{ messageId: 'processEnv', line: 2, column: 38 }],
    },
    {
      code: 'const options = parseArgs(argv, process.env);',
      filename,
      errors: [{ messageId: 'processEnv', line: 1, column: 33 }],
    },
    {
      code: "const { env } = require('node:process');\nexport const url = env.MODEL_URL;",
      filename,
      errors: [{ messageId: 'processEnv', line: 1, column: 9 }],
    },
    // A copy read afterwards, even once among uses that hand it on.
    {
      code: "const environment = { ...process.env };\nexport const interval = Number(environment['NPV_INTERVAL_MS'] ?? 5000);",
      filename,
      errors: [{ messageId: 'processEnv', line: 1, column: 26 }],
    },
    {
      code: "const env = { ...process.env, FORCE_COLOR: '0' };\nspawn(command, args, { env });\nconst debug = env.DEBUG;",
      filename,
      errors: [{ messageId: 'processEnv', line: 1, column: 18 }],
    },
    {
      code: 'let copy = { ...process.env };\nspawn(command, args, { env: copy });',
      filename,
      errors: [{ messageId: 'processEnv', line: 1, column: 17 }],
    },
  ],
});
