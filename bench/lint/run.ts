/**
 * Lint time of eslint-plugin-npvguard, with and without type-checked rules, on the reference service and
 * on a generated 1,000-file service. Run with `npm run bench:lint` (after `npm run build`);
 * `--runs <n>` sets the runs per row (default 3: the first is cold, the rest warm).
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ESLint, type Linter } from 'eslint';
import npvguard from 'eslint-plugin-npvguard';
import tseslint from 'typescript-eslint';
import { GENERATED_BOUNDARIES, generateService } from './generate-service.js';

const REPO = fileURLToPath(new URL('../../', import.meta.url));
const SERVICE = path.join(REPO, 'examples/npv-ranking-service');

interface Target {
  name: string;
  cwd: string;
  boundaries: unknown;
}

interface Variant {
  name: string;
  typed: boolean;
  configs: (target: Target) => Linter.Config[];
}

const plugin = npvguard as unknown as NonNullable<Linter.Config['plugins']>[string];

const VARIANTS: readonly Variant[] = [
  { name: 'parse only, no rules', typed: false, configs: () => [] },
  { name: 'recommended', typed: false, configs: () => [npvguard.configs.recommended as Linter.Config] },
  {
    name: 'recommended + boundaries',
    typed: false,
    configs: (target) => [
      npvguard.configs.recommended as Linter.Config,
      { plugins: { npvguard: plugin }, rules: { 'npvguard/boundaries': 'error' }, settings: { npvguard: { boundaries: target.boundaries } } },
    ],
  },
  { name: 'type information, no rules', typed: true, configs: () => [] },
  { name: 'recommended-type-checked', typed: true, configs: () => [npvguard.configs['recommended-type-checked'] as Linter.Config] },
];

function eslintFor(target: Target, variant: Variant): ESLint {
  const parserOptions = variant.typed ? { projectService: true, tsconfigRootDir: target.cwd } : {};
  return new ESLint({
    cwd: target.cwd,
    overrideConfigFile: true,
    overrideConfig: [
      { files: ['**/*.ts'], languageOptions: { parser: tseslint.parser as Linter.Parser, parserOptions } },
      ...variant.configs(target),
    ],
  });
}

interface Measurement {
  files: number;
  messages: number;
  coldMs: number;
  warmMs: number | undefined;
}

async function measure(target: Target, variant: Variant, runs: number): Promise<Measurement> {
  const times: number[] = [];
  let files = 0;
  let messages = 0;
  for (let run = 0; run < runs; run += 1) {
    const eslint = eslintFor(target, variant);
    const started = performance.now();
    const results = await eslint.lintFiles(['src/**/*.ts']);
    times.push(performance.now() - started);
    files = results.length;
    messages = results.reduce((sum, result) => sum + result.messages.length, 0);
  }
  const [coldMs = 0, ...warm] = times;
  return { files, messages, coldMs, warmMs: warm.length > 0 ? Math.min(...warm) : undefined };
}

function row(cells: readonly string[], widths: readonly number[]): string {
  return cells.map((cell, index) => (index < 2 ? cell.padEnd(widths[index] ?? 0) : cell.padStart(widths[index] ?? 0))).join('  ');
}

async function loadServiceBoundaries(): Promise<unknown> {
  const { tsImport } = await import('tsx/esm/api');
  const config = (await tsImport(path.join(SERVICE, 'npvguard.config.ts'), import.meta.url)) as { default: { boundaries: unknown } };
  return config.default.boundaries;
}

async function main(): Promise<void> {
  const runsFlag = process.argv.indexOf('--runs');
  const runs = runsFlag >= 0 ? Number(process.argv[runsFlag + 1]) : 3;
  if (!Number.isInteger(runs) || runs < 1) throw new Error('--runs takes a positive integer');

  // Inside the repo, so the generated files resolve `undici`, `fastify` and `@types/node` like real code.
  const generated = path.join(REPO, '.npvguard-tmp', 'bench-lint-service');
  fs.rmSync(generated, { recursive: true, force: true });
  const generatedFiles = generateService(generated);
  const targets: Target[] = [
    { name: 'npv-ranking-service', cwd: SERVICE, boundaries: await loadServiceBoundaries() },
    { name: `generated service (${generatedFiles} files)`, cwd: generated, boundaries: GENERATED_BOUNDARIES },
  ];

  const header = ['target', 'config', 'files', 'cold ms', 'warm ms', 'cold ms/file', 'messages'];
  const widths = [34, 28, 6, 9, 9, 12, 8];
  process.stdout.write(`${row(header, widths)}\n${row(widths.map((width) => '-'.repeat(width)), widths)}\n`);
  try {
    // Load and JIT-compile parser and rules once before timing anything.
    await eslintFor(targets[0] as Target, VARIANTS[1] as Variant).lintFiles(['src/**/*.ts']);
    for (const target of targets) {
      for (const variant of VARIANTS) {
        const result = await measure(target, variant, runs);
        const cells = [
          target.name,
          variant.name,
          String(result.files),
          result.coldMs.toFixed(0),
          result.warmMs === undefined ? '-' : result.warmMs.toFixed(0),
          (result.coldMs / Math.max(1, result.files)).toFixed(2),
          String(result.messages),
        ];
        process.stdout.write(`${row(cells, widths)}\n`);
      }
    }
  } finally {
    fs.rmSync(generated, { recursive: true, force: true });
  }
  process.stdout.write(
    `\nNode ${process.version}, ${runs} run(s) per row: cold is the first run of a fresh ESLint instance, warm the fastest later one` +
      ' (type information stays cached in the process between runs). Peak RSS ' +
      `${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MiB.\n`,
  );
}

await main();
