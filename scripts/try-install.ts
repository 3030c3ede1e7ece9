/**
 * `npm run try-install`: installs the four packed tarballs into new projects outside the repository, as a user
 * would (third-party dependencies come from the registry), then runs `npx npvguard --version` and
 * `npx npvguard check` there on a small sample: once clean (exit 0 expected), once with a planted boundary
 * violation and a `process.env` read (exit 1 expected). Two projects: one with no tools of its own (`plain`), one
 * on ESLint 9, typescript-eslint 8, TypeScript 5.9, vitest 3 and fast-check 3 with its own eslint.config.js
 * (`eslint9`, where `npx vitest run` also runs the harness's contract tests on a small fastify app). Prints every
 * command's exit code; exits 1 when one differs.
 *
 * Usage: npm run try-install -- [--skip-pack] [--keep] [--scenario plain|eslint9]
 *   --skip-pack  use the tarballs already in dist-packages/ instead of building and packing again
 *   --keep       leave the temporary project in place and print where it is
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import process from 'node:process';
import { parseArgs } from 'node:util';
import { PUBLISHABLE, packAll, tarballPath } from './lib/publishable.js';

interface Step {
  code: number;
  stdout: string;
  stderr: string;
}

function step(command: string, args: readonly string[], cwd: string): Promise<Step> {
  return new Promise((resolve) => {
    execFile(command, args, { cwd, maxBuffer: 64 * 1024 * 1024, env: { ...process.env, NO_COLOR: '1' } }, (error, stdout, stderr) => {
      const code = error === null ? 0 : typeof error.code === 'number' ? error.code : 1;
      resolve({ code, stdout, stderr });
    });
  });
}

function tail(text: string, lines: number): string {
  return text.trimEnd().split('\n').slice(-lines).map((line) => `    ${line}`).join('\n');
}

const SAMPLE: Record<string, string> = {
  'tsconfig.json': JSON.stringify({ compilerOptions: { module: 'NodeNext', moduleResolution: 'NodeNext', target: 'ES2022', strict: true, noEmit: true }, include: ['src'] }, null, 2),
  'npvguard.config.ts': `import { defineConfig } from 'npvguard';

export default defineConfig({
  include: ['src/**/*.ts'],
  boundaries: {
    layers: { domain: 'src/domain/**', routes: 'src/routes/**', config: 'src/config/**' },
    allow: { routes: ['domain', 'config'], domain: [] },
  },
  lint: {},
});
`,
  'src/config/env.ts': 'export const port = Number(process.env.PORT ?? 3000);\n',
  'src/domain/total.ts': 'export function total(prices: readonly number[]): number {\n  return prices.reduce((sum, price) => sum + price, 0);\n}\n',
  'src/routes/cart.ts': "import { total } from '../domain/total.js';\n\nexport function cartTotal(prices: readonly number[]): { total: number } {\n  return { total: total(prices) };\n}\n",
};

interface Scenario {
  name: string;
  /** What the project has installed before npvguard comes. */
  devDependencies: Record<string, string>;
  files: Record<string, string>;
  /** The ESLint major the lint check must report having used. */
  eslintMajor: number;
  /** Runs `npx vitest run` after installing: the harness's `contractTests` under the project's own vitest. */
  vitest?: boolean;
}

/** A test of the project's own, outside npvguard's `include`: contract property tests of a small fastify app. */
const CONTRACT_TEST = `import Fastify from 'fastify';
import { contractTests } from '@npvguard/harness';

const prices = { type: 'array', items: { type: 'integer', minimum: 0, maximum: 1000 }, maxItems: 20 } as const;

// Routes in a plugin: they are registered while the app boots, where the contract tests record them.
function build() {
  const app = Fastify();
  app.register(async (routes) => {
    routes.post(
      '/total',
      {
        schema: {
          body: { type: 'object', required: ['prices'], properties: { prices }, additionalProperties: false },
          response: { 200: { type: 'object', required: ['total'], properties: { total: { type: 'integer' } }, additionalProperties: false } },
        },
      },
      async (request) => ({ total: (request.body as { prices: number[] }).prices.reduce((sum, price) => sum + price, 0) }),
    );
  });
  return app;
}

contractTests(build, { numRuns: 25, seed: 1 });
`;

const SCENARIOS: readonly Scenario[] = [
  { name: 'plain', devDependencies: {}, files: {}, eslintMajor: 10 },
  {
    name: 'eslint9',
    devDependencies: { eslint: '^9.39.0', 'typescript-eslint': '^8.40.0', typescript: '~5.9.0', vitest: '^3.2.0', 'fast-check': '^3.23.0', fastify: '^5.0.0' },
    files: {
      'tests/total.test.ts': CONTRACT_TEST,
      'eslint.config.js': `import tseslint from 'typescript-eslint';
import npvguard from 'eslint-plugin-npvguard';

export default tseslint.config(...tseslint.configs.recommended, { ...npvguard.configs.recommended, files: ['src/**/*.ts'] });
`,
    },
    eslintMajor: 9,
    vitest: true,
  },
];

/** A domain module that reaches up into the routes layer and reads the environment itself. */
const PLANTED = {
  'src/domain/discount.ts': "import { cartTotal } from '../routes/cart.js';\n\nexport function discounted(prices: readonly number[]): number {\n  return cartTotal(prices).total * Number(process.env.DISCOUNT ?? 1);\n}\n",
};

function write(root: string, files: Record<string, string>): void {
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    writeFileSync(path.join(root, file), text);
  }
}

/** Installs the tarballs into a new project of the scenario and runs npvguard there; returns the number of unexpected exit codes. */
async function tryScenario(scenario: Scenario, tarballs: readonly string[], keep: boolean): Promise<number> {
  const root = mkdtempSync(path.join(tmpdir(), `npvguard-try-install-${scenario.name}-`));
  process.stdout.write(`\n=== ${scenario.name}: ${root}\n`);
  let failures = 0;
  const expect = (label: string, result: Step, expected: number, show: 'all' | 'tail' = 'tail'): void => {
    const ok = result.code === expected;
    if (!ok) failures += 1;
    process.stdout.write(`\n$ ${label}\n  exit ${result.code} (expected ${expected})${ok ? '' : '  <-- unexpected'}\n`);
    const output = `${result.stdout}${result.stderr === '' ? '' : `\n${result.stderr}`}`;
    if (output.trim() !== '') process.stdout.write(`${show === 'all' ? output.trimEnd().split('\n').map((line) => `    ${line}`).join('\n') : tail(output, 12)}\n`);
  };
  try {
    const manifest = { name: `try-npvguard-${scenario.name}`, version: '1.0.0', private: true, type: 'module', devDependencies: scenario.devDependencies };
    write(root, { ...SAMPLE, ...scenario.files, 'package.json': JSON.stringify(manifest, null, 2) });
    if (Object.keys(scenario.devDependencies).length > 0) {
      const own = await step('npm', ['i', '--no-audit', '--no-fund'], root);
      expect(`npm i (the project's own ${Object.keys(scenario.devDependencies).join(', ')})`, own, 0);
      if (own.code !== 0) return failures;
    }
    const install = await step('npm', ['i', '-D', '--no-audit', '--no-fund', ...tarballs], root);
    expect(`npm i -D ${tarballs.map((tarball) => path.basename(tarball)).join(' ')}`, install, 0);
    if (install.code !== 0) return failures;
    const tools = await step('npm', ['ls', 'eslint', 'typescript', 'vitest', 'fast-check', '--depth', '1'], root);
    process.stdout.write(`\n$ npm ls eslint typescript vitest fast-check\n${tail(tools.stdout, 20)}\n`);
    expect('npx npvguard --version', await step('npx', ['npvguard', '--version'], root), 0, 'all');
    if (scenario.vitest === true) expect("npx vitest run (the harness's contractTests on the project's vitest)", await step('npx', ['vitest', 'run'], root), 0);
    expect('npx npvguard check (clean sample)', await step('npx', ['npvguard', 'check'], root), 0, 'all');
    write(root, PLANTED);
    expect('npx npvguard check (planted violation)', await step('npx', ['npvguard', 'check'], root), 1, 'all');
    const json = await step('npx', ['npvguard', 'check', '--only', 'lint', '--format', 'json'], root);
    const lint = (JSON.parse(json.stdout) as { checks: { id: string; data?: { eslint?: unknown } }[] }).checks.find((check) => check.id === 'lint');
    const used = lint?.data?.eslint as { version?: string } | undefined;
    const ok = used?.version?.startsWith(`${scenario.eslintMajor}.`) === true;
    if (!ok) failures += 1;
    process.stdout.write(`\nlint check data: eslint ${JSON.stringify(used)}${ok ? '' : `  <-- expected ESLint ${scenario.eslintMajor}`}\n`);
  } finally {
    if (keep) process.stdout.write(`\nkept ${root}\n`);
    else rmSync(root, { recursive: true, force: true });
  }
  return failures;
}

async function main(): Promise<number> {
  const { values } = parseArgs({ options: { 'skip-pack': { type: 'boolean', default: false }, keep: { type: 'boolean', default: false }, scenario: { type: 'string' } } });
  let tarballs: string[];
  if (values['skip-pack'] === true) {
    tarballs = PUBLISHABLE.map(({ name, folder }) => tarballPath(name, folder));
    const missing = tarballs.filter((tarball) => !existsSync(tarball));
    if (missing.length > 0) throw new Error(`--skip-pack: no tarball ${missing.join(', ')}; run npm run pack:all first`);
  } else {
    tarballs = await packAll();
  }
  process.stdout.write(`tarballs:\n${tarballs.map((tarball) => `  ${tarball}`).join('\n')}\n`);

  let failures = 0;
  const chosen = SCENARIOS.filter((scenario) => values.scenario === undefined || scenario.name === values.scenario);
  if (chosen.length === 0) throw new Error(`--scenario: one of ${SCENARIOS.map((scenario) => scenario.name).join(', ')}`);
  for (const scenario of chosen) failures += await tryScenario(scenario, tarballs, values.keep === true);
  process.stdout.write(`\n${failures === 0 ? 'every step gave the expected exit code' : `${failures} step(s) gave an unexpected exit code`}\n`);
  return failures === 0 ? 0 : 1;
}

try {
  process.exitCode = await main();
} catch (error) {
  process.stderr.write(`try-install failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
}
