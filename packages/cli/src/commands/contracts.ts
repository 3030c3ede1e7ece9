import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import {
  NpvError,
  RESULT_SCHEMA_VERSION,
  compareFindings,
  exitCodeFor,
  statusForExitCode,
  summarize,
  type Check,
  type CheckRun,
  type Finding,
  type Result,
} from '@npvguard/core';
import { stableJson } from '@npvguard/harness/contracts';
import type { CliIO } from '../io/io.js';
import type { ContractsDiffOptions, ContractsUpdateOptions } from '../cli/options.js';
import { resolveWorkingDirectory } from '../load/findConfig.js';
import { loadProject } from '../load/loadProject.js';
import { diffDocuments } from '../checks/contracts/diff/diffDocuments.js';
import { changeFinding } from '../checks/contracts/diff/changeFinding.js';
import { finalizeFinding } from '../run/finalizeFinding.js';
import { allRules } from '../run/selectChecks.js';
import { REPORTERS } from '../report/index.js';
import { colorEnabled } from '../report/color.js';
import { defaultFormat } from '../report/agentFormat.js';
import { cliVersion } from '../shared/version.js';
import { applyContractsEnv } from '../checks/contracts/load/appEnv.js';
import { buildContractApp } from '../checks/contracts/load/buildApp.js';
import { createModuleLoader } from '../checks/contracts/load/moduleExport.js';
import { assertJsonSchemas } from '../checks/contracts/load/schemaConverter.js';
import { fetchModelMetadata } from '../checks/model-contract/metadata.js';
import { appModuleFile, contractTitle, DEFAULT_SNAPSHOT } from '../checks/contracts/settings.js';
import { modelSnapshotPath } from '../checks/model-contract/modelStep.js';
import { readApiDocument } from './readDocument.js';

function writeFile(file: string, text: string): void {
  try {
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, text);
  } catch (error) {
    throw new NpvError('NPV2008', `Could not write ${file}: ${error instanceof Error ? error.message : String(error)}.`, { file });
  }
}

/** `npvguard contracts update`: writes the OpenAPI snapshot extracted from the app, and model snapshots with --model-url. */
export async function runContractsUpdate(options: ContractsUpdateOptions, io: CliIO, checks: readonly Check[]): Promise<number> {
  const project = await loadProject({
    processCwd: io.cwd,
    checks,
    ...(options.cwd === undefined ? {} : { cwd: options.cwd }),
    ...(options.config === undefined ? {} : { config: options.config }),
  });
  const config = project.config.contracts;
  if (config === undefined) throw new NpvError('NPV1008', `${project.configName} has no \`contracts\` section; add one with at least \`app: '<module>#<factory>'\`.`);
  const modules = createModuleLoader(project.root);
  const restoreEnv = applyContractsEnv(project.root, config);
  let handle;
  try {
    handle = await buildContractApp(modules, config, contractTitle(project.root, config));
  } catch (error) {
    restoreEnv();
    throw error;
  } finally {
    modules.close();
  }
  try {
    assertJsonSchemas(handle, config, project.root);
    const snapshot = config.snapshot ?? DEFAULT_SNAPSHOT;
    writeFile(path.resolve(project.root, snapshot), stableJson(handle.extraction.document));
    io.stdout.write(`wrote ${snapshot} (${Object.keys(handle.extraction.document['paths'] as object).length} paths from ${appModuleFile(config)})\n`);
    for (const route of handle.extraction.routesWithoutResponseSchema) io.stdout.write(`note: ${route} has no response schema\n`);
  } finally {
    await handle.app.close();
    restoreEnv();
  }
  for (const [name, model] of Object.entries(config.models ?? {})) {
    const target = modelSnapshotPath(name, model);
    if (options.modelUrl === undefined) {
      io.stdout.write(`kept ${target} (pass --model-url <url> to refresh model metadata)\n`);
      continue;
    }
    const metadata = await fetchModelMetadata(options.modelUrl, name);
    writeFile(path.resolve(project.root, target), stableJson(metadata));
    io.stdout.write(`wrote ${target} (metadata of ${name} from ${options.modelUrl})\n`);
  }
  return 0;
}

/** `npvguard contracts diff <old> <new>`: every change a `contracts/<id>` finding, rendered by a reporter; exit code as `check`'s. */
export async function runContractsDiff(inputs: readonly string[], options: ContractsDiffOptions, io: CliIO, checks: readonly Check[]): Promise<number> {
  const cwd = resolveWorkingDirectory(io.cwd, options.cwd);
  const [oldInput = '', newInput = ''] = inputs;
  const started = performance.now();
  const oldDocument = await readApiDocument(oldInput, cwd);
  const newDocument = await readApiDocument(newInput, cwd);
  const contracts = checks.find((check) => check.id === 'contracts');
  if (contracts === undefined) throw new NpvError('NPV2001', 'contracts diff needs the contracts check, which is not registered.');
  const diffOptions = {
    closedSchemas: options.closedSchemas,
    ...(options.date === undefined ? {} : { date: options.date }),
    ...(options.minSunsetDays === undefined ? {} : { minSunsetDays: options.minSunsetDays }),
    ...(options.versionPolicy ? { versionPolicy: true } : {}),
  };
  const findings = diffDocuments(oldDocument.value, newDocument.value, diffOptions)
    .map((change) => {
      const where = change.side === 'new' ? { file: newInput, line: newDocument.lineOf(change.pointer) } : { file: oldInput, line: oldDocument.lineOf(change.pointer) };
      return finalizeFinding(changeFinding(change, where), contracts, {}, cwd);
    })
    .filter((finding): finding is Finding => finding !== undefined)
    .sort(compareFindings);
  const count = (level: string) => findings.filter((finding) => finding.severity === level).length;
  const run: CheckRun = {
    id: 'contracts',
    status: count('error') > 0 ? 'fail' : 'pass',
    durationMs: Math.round(performance.now() - started),
    data: { old: oldInput, new: newInput, changes: findings.length, breaking: count('error'), potentiallyBreaking: count('warning'), safe: count('info') },
  };
  const code = exitCodeFor({ checks: [run], findings });
  const result: Result = { schemaVersion: RESULT_SCHEMA_VERSION, tool: { name: 'npvguard', version: cliVersion() }, status: statusForExitCode(code), summary: summarize(findings, 2), checks: [run], findings };
  const format = options.format ?? defaultFormat(io.env);
  io.stdout.write(REPORTERS[format](result, { color: colorEnabled(io.env, io.stdout), rules: allRules(checks), pathPrefix: '' }));
  return code;
}
