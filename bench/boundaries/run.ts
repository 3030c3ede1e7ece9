/**
 * `npm run bench:boundaries [-- --files 5000 --seed 42 --rounds 3 --depcruise-cycles --keep]`
 *
 * Generates a TypeScript monorepo, then runs npvguard's boundaries analysis and dependency-cruiser on it
 * side by side, each in a fresh process: cold, then after a one-file edit. Prints wall time, peak RSS,
 * their ratios, and how far the two tools agree on the local file → file edges. Then measures whether
 * parsing on worker threads would pay on this machine.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { compareEdges, dependencyCruiserEdges, npvguardEdges } from './edges.js';
import { generateRepo, linkWorkspaces, type GeneratedRepo } from './generate.js';
import { HAS_GNU_TIME, measure, run, type Measurement } from './measure.js';
import { workerTrial } from './workerTrial.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const repoRoot = path.resolve(here, '..', '..');

interface Options {
  files: number;
  seed: number;
  rounds: number;
  keep: boolean;
  depcruiseCycles: boolean;
}

function parseOptions(argv: readonly string[]): Options {
  const value = (flag: string, fallback: number): number => {
    const index = argv.indexOf(flag);
    const parsed = index === -1 ? fallback : Number(argv[index + 1]);
    if (!Number.isInteger(parsed) || parsed <= 0) throw new Error(`${flag} needs a positive integer`);
    return parsed;
  };
  return { files: value('--files', 5000), seed: value('--seed', 42), rounds: value('--rounds', 3), keep: argv.includes('--keep'), depcruiseCycles: argv.includes('--depcruise-cycles') };
}

interface Row {
  tool: string;
  run: string;
  measurement: Measurement;
  note: string;
}

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2));
  process.stdout.write(`Building npvguard (tsc -b packages/cli)...\n`);
  await run(process.execPath, [path.join(repoRoot, 'node_modules', 'typescript', 'bin', 'tsc'), '-b', 'packages/cli'], repoRoot);

  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'npvguard-bench-boundaries-'));
  const directory = path.join(work, 'repo');
  const repo = generateRepo({ directory, files: options.files, seed: options.seed });
  linkWorkspaces(directory);
  writeDependencyCruiserConfig(directory, options.depcruiseCycles);
  process.stdout.write(`Generated ${repo.files.length} source files (seed ${options.seed}) in ${directory}\n`);

  const rows: Row[] = [];
  const npvguardRun = async (label: string, edgesFile?: string): Promise<Measurement & { child: ChildReport }> => {
    const job = path.join(work, `job-${label}.json`);
    fs.writeFileSync(
      job,
      JSON.stringify({
        module: path.join(repoRoot, 'packages', 'cli', 'dist', 'checks', 'boundaries', 'index.js'),
        root: directory,
        files: repo.files,
        config: repo.boundaries,
        cacheDirectory: path.join(work, 'npvguard-cache'),
        ...(edgesFile === undefined ? {} : { edgesFile }),
      }),
    );
    const measurement = await measure(process.execPath, [path.join(here, 'npvguardChild.mjs'), job], directory);
    const child = parseChildReport(measurement.stdout);
    rows.push({
      tool: 'npvguard',
      run: label,
      measurement: { ...measurement, ...(measurement.maxRssKb === undefined ? { maxRssKb: child.maxRssKb } : {}) },
      note: `analysis ${(child.analysisMs / 1000).toFixed(2)} s, process CPU ${(child.cpuMs / 1000).toFixed(2)} s; files re-analysed ${child.stats.filesAnalysed}, parsed ${child.stats.filesParsed}, read ${child.stats.filesRead}`,
    });
    return { ...measurement, child };
  };
  const cruiserRun = async (label: string, output: string): Promise<void> => {
    const bin = path.join(repoRoot, 'node_modules', 'dependency-cruiser', 'bin', 'dependency-cruise.mjs');
    const measurement = await measure(
      process.execPath,
      [bin, 'packages', '--config', '.dependency-cruiser.cjs', '--output-type', 'json', '--output-to', output, '--cache', path.join(work, 'depcruise-cache'), '--cache-strategy', 'content'],
      directory,
    );
    rows.push({ tool: 'dependency-cruiser', run: label, measurement, note: options.depcruiseCycles ? 'with a no-circular rule' : 'extraction and resolution only' });
  };

  const npvguardEdgesFile = path.join(work, 'npvguard-edges.json');
  const cruiserOutput = path.join(work, 'depcruise-cold.json');
  const cold = await npvguardRun('cold', npvguardEdgesFile);
  await npvguardRun('warm, no edit');
  process.stdout.write('Running dependency-cruiser cold (this takes a while)...\n');
  await cruiserRun('cold', cruiserOutput);

  editOneFile(repo, 0);
  await npvguardRun('after one-file edit');
  process.stdout.write('Running dependency-cruiser after the edit...\n');
  await cruiserRun('after one-file edit', path.join(work, 'depcruise-warm.json'));
  // A single fresh process is noisy on a shared machine: two more edits of other files, median of three.
  for (let edit = 1; edit <= 2; edit += 1) {
    editOneFile(repo, edit);
    await npvguardRun(`after one-file edit #${edit + 1}`);
  }

  printTable(rows, repo);
  printRatios(rows);
  const agreement = compareEdges(npvguardEdges(npvguardEdgesFile), dependencyCruiserEdges(cruiserOutput));
  process.stdout.write(
    `\nEdge agreement (local file → file, cold runs): ${(agreement.ratio * 100).toFixed(2)}% ` +
      `(${agreement.both} in both, ${agreement.onlyNpvguard.length} only npvguard, ${agreement.onlyDependencyCruiser.length} only dependency-cruiser; target ≥ 99%)\n`,
  );
  const disagreements = [
    ...agreement.onlyNpvguard.map((edge) => `  only npvguard:           ${edge.replace('\0', ' → ')}`),
    ...agreement.onlyDependencyCruiser.map((edge) => `  only dependency-cruiser: ${edge.replace('\0', ' → ')}`),
  ];
  if (disagreements.length > 0) process.stdout.write(`${disagreements.slice(0, 20).join('\n')}\n${disagreements.length > 20 ? `  ... and ${disagreements.length - 20} more\n` : ''}`);
  process.stdout.write(`\nnpvguard findings on the generated repo: ${JSON.stringify(cold.child.findings)}\n`);

  process.stdout.write(`\nDo worker threads pay? Extraction phase only (read, parse, walk ${repo.files.length} files), fresh process each, ${options.rounds} interleaved rounds:\n`);
  const trial = await workerTrial({
    work,
    root: directory,
    files: repo.files,
    extractModule: path.join(repoRoot, 'packages', 'cli', 'dist', 'checks', 'boundaries', 'extract', 'extractImports.js'),
    here,
    rounds: options.rounds,
  });
  for (const result of trial) {
    process.stdout.write(`  ${result.workers === 0 ? 'main thread' : `${result.workers} workers  `}: median ${(result.medianWallMs / 1000).toFixed(2)} s (samples ${result.samples.map((sample) => (sample / 1000).toFixed(2)).join(', ')})\n`);
  }
  const [inline, spread] = trial;
  if (inline !== undefined && spread !== undefined) {
    process.stdout.write(`  → ${spread.medianWallMs < inline.medianWallMs * 0.85 ? 'workers pay' : 'workers do not pay'} on this machine (ratio ${(spread.medianWallMs / inline.medianWallMs).toFixed(2)}); npvguard parses on the main thread.\n`);
  }
  if (options.keep) process.stdout.write(`Kept ${work}\n`);
  else fs.rmSync(work, { recursive: true, force: true });
}

interface ChildReport {
  analysisMs: number;
  cpuMs: number;
  loadMs: number;
  maxRssKb: number;
  stats: { filesAnalysed: number; filesParsed: number; filesRead: number };
  findings: Record<string, number>;
}

function parseChildReport(stdout: string): ChildReport {
  const parsed: unknown = JSON.parse(stdout);
  if (typeof parsed !== 'object' || parsed === null || !('analysisMs' in parsed) || !('stats' in parsed)) throw new Error(`unexpected child output: ${stdout.slice(0, 200)}`);
  return parsed as ChildReport;
}

/** The edit a developer makes: one more import and one more line in a single file (edit 0: the same file for both tools). */
function editOneFile(repo: GeneratedRepo, edit: number): void {
  const target = repo.edits[edit % repo.edits.length];
  if (target === undefined) throw new Error('the generated repo lists no file to edit');
  const file = path.join(repo.directory, target.file);
  const text = fs.readFileSync(file, 'utf8');
  fs.writeFileSync(file, `import { run_${target.importId} } from '${target.specifier}';\n${text}\nexport const edited${edit} = run_${target.importId}(1);\n`);
}

function writeDependencyCruiserConfig(directory: string, withCycles: boolean): void {
  const config = {
    ...(withCycles ? { forbidden: [{ name: 'no-circular', severity: 'error', from: {}, to: { circular: true, viaOnly: { dependencyTypesNot: ['type-only'] } } }] } : {}),
    options: {
      tsPreCompilationDeps: true,
      // Without rules that need them, dependency-cruiser skips cycle and orphan analysis: it only extracts and resolves.
      skipAnalysisNotInRules: true,
      tsConfig: { fileName: 'tsconfig.json' },
      doNotFollow: { path: 'node_modules' },
      enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default', 'types'], mainFields: ['module', 'main', 'types', 'typings'] },
    },
  };
  fs.writeFileSync(path.join(directory, '.dependency-cruiser.cjs'), `module.exports = ${JSON.stringify(config, null, 2)};\n`);
}

function printTable(rows: readonly Row[], repo: GeneratedRepo): void {
  const header = ['tool', 'run', 'wall (s)', 'peak RSS (MiB)', 'notes'];
  const lines = rows.map((row) => [
    row.tool,
    row.run,
    (row.measurement.wallMs / 1000).toFixed(2),
    row.measurement.maxRssKb === undefined ? 'n/a' : (row.measurement.maxRssKb / 1024).toFixed(0),
    row.note,
  ]);
  const widths = header.map((title, column) => Math.max(title.length, ...lines.map((line) => (line[column] ?? '').length)));
  const format = (cells: readonly string[]): string => cells.map((cell, column) => cell.padEnd(widths[column] ?? 0)).join(' | ');
  process.stdout.write(`\n${repo.files.length} files, ${os.cpus().length} cores, Node ${process.version}; wall = fresh process start to exit${HAS_GNU_TIME ? ', RSS from GNU time' : ''}\n`);
  process.stdout.write(`${format(header)}\n${widths.map((width) => '-'.repeat(width)).join('-|-')}\n${lines.map(format).join('\n')}\n`);
}

function printRatios(rows: readonly Row[]): void {
  const find = (tool: string, label: string): Measurement | undefined => rows.find((row) => row.tool === tool && row.run === label)?.measurement;
  const npvCold = find('npvguard', 'cold');
  const cruiserCold = find('dependency-cruiser', 'cold');
  const npvEdits = rows.filter((row) => row.tool === 'npvguard' && row.run.startsWith('after one-file edit')).map((row) => row.measurement.wallMs).sort((left, right) => left - right);
  const npvEdit = find('npvguard', 'after one-file edit');
  const npvEditMedian = npvEdits[Math.floor(npvEdits.length / 2)] ?? Number.NaN;
  const cruiserEdit = find('dependency-cruiser', 'after one-file edit');
  if (npvCold === undefined || cruiserCold === undefined || npvEdit === undefined || cruiserEdit === undefined) return;
  process.stdout.write(
    `\ncold: dependency-cruiser / npvguard = ${(cruiserCold.wallMs / npvCold.wallMs).toFixed(1)}× (target ≥ 3×)\n` +
      `one-file edit: npvguard median of ${npvEdits.length} edits ${(npvEditMedian / 1000).toFixed(2)} s (target ≤ 0.5 s), dependency-cruiser ${(cruiserEdit.wallMs / 1000).toFixed(2)} s = ${(cruiserEdit.wallMs / npvEditMedian).toFixed(1)}×\n`,
  );
  if (npvCold.maxRssKb !== undefined && cruiserCold.maxRssKb !== undefined) {
    process.stdout.write(`peak RSS cold: npvguard ${(npvCold.maxRssKb / 1024).toFixed(0)} MiB, dependency-cruiser ${(cruiserCold.maxRssKb / 1024).toFixed(0)} MiB\n`);
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
