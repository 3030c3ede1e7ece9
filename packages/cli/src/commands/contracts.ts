import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { NpvError, type Check } from '@npvguard/core';
import { stableJson } from '@npvguard/harness/contracts';
import type { CliIO } from '../io/io.js';
import type { ContractsDiffOptions, ContractsUpdateOptions } from '../cli/options.js';
import { resolveWorkingDirectory } from '../load/findConfig.js';
import { loadProject } from '../load/loadProject.js';
import { diffDocuments } from '../checks/contracts/diff/diffDocuments.js';
import type { ContractChange } from '../checks/contracts/diff/types.js';
import { buildContractApp } from '../checks/contracts/load/buildApp.js';
import { createModuleLoader } from '../checks/contracts/load/moduleExport.js';
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
  let handle;
  try {
    handle = await buildContractApp(modules, config, contractTitle(project.root, config));
  } finally {
    modules.close();
  }
  try {
    const snapshot = config.snapshot ?? DEFAULT_SNAPSHOT;
    writeFile(path.resolve(project.root, snapshot), stableJson(handle.extraction.document));
    io.stdout.write(`wrote ${snapshot} (${Object.keys(handle.extraction.document['paths'] as object).length} paths from ${appModuleFile(config)})\n`);
    for (const route of handle.extraction.routesWithoutResponseSchema) io.stdout.write(`note: ${route} has no response schema\n`);
  } finally {
    await handle.app.close();
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

/** One change as text: level, id, operation, message, and the witness on an indented line. */
export function formatChange(change: ContractChange): string {
  const lines = [`${change.level.padEnd(7)} ${change.id}  ${change.method} ${change.path}  ${change.message}`];
  if (change.witness !== undefined) {
    const example = change.witness.request ?? change.witness.response;
    lines.push(`        witness (${change.witness.direction === 'new-allows-old-rejects' ? 'an answer the new contract allows and the old refuses' : change.witness.request === undefined ? 'an answer the old contract allowed and the new one does not' : 'a request the old contract accepts and the new refuses'}): ${JSON.stringify(example)}`);
    lines.push(`        ${change.witness.refusedBecause}`);
  }
  return lines.join('\n');
}

/** `npvguard contracts diff <old> <new>`: exit 1 when a change breaks clients, 0 otherwise. */
export async function runContractsDiff(inputs: readonly string[], options: ContractsDiffOptions, io: CliIO): Promise<number> {
  const cwd = resolveWorkingDirectory(io.cwd, options.cwd);
  const [oldInput = '', newInput = ''] = inputs;
  const oldDocument = await readApiDocument(oldInput, cwd);
  const newDocument = await readApiDocument(newInput, cwd);
  const changes = diffDocuments(oldDocument.value, newDocument.value);
  const breaking = changes.filter((change) => change.level === 'error').length;
  const warnings = changes.filter((change) => change.level === 'warning').length;
  if (options.format === 'json') {
    const rendered = changes.map(({ probe: _probe, ...change }) => ({ ...change, line: change.side === 'new' ? newDocument.lineOf(change.pointer) : oldDocument.lineOf(change.pointer) }));
    io.stdout.write(`${JSON.stringify({ old: oldInput, new: newInput, breaking, warnings, changes: rendered }, null, 2)}\n`);
  } else {
    for (const change of changes) io.stdout.write(`${formatChange(change)}\n`);
    io.stdout.write(`${changes.length} change${changes.length === 1 ? '' : 's'}: ${breaking} breaking, ${warnings} potentially breaking, ${changes.length - breaking - warnings} safe\n`);
  }
  return breaking > 0 ? 1 : 0;
}
