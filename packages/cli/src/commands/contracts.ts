import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { NpvError, type Check } from '@npvguard/core';
import { stableJson } from '@npvguard/harness/contracts';
import type { CliIO } from '../io/io.js';
import type { ContractsUpdateOptions } from '../cli/options.js';
import { loadProject } from '../load/loadProject.js';
import { applyContractsEnv } from '../checks/contracts/load/appEnv.js';
import { buildContractApp } from '../checks/contracts/load/buildApp.js';
import { createModuleLoader } from '../checks/contracts/load/moduleExport.js';
import { assertJsonSchemas } from '../checks/contracts/load/schemaConverter.js';
import { fetchModelMetadata } from '../checks/model-contract/metadata.js';
import { appModuleFile, contractTitle, DEFAULT_SNAPSHOT } from '../checks/contracts/settings.js';
import { modelSnapshotPath } from '../checks/model-contract/modelStep.js';

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
