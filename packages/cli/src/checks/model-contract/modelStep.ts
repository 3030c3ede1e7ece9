import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { NpvError, type CheckContext, type ContractsModelConfig } from '@npvguard/core';
import { MODEL_CONTRACT_RULES } from './meta.js';
import { loadModuleExport } from '../contracts/load/moduleExport.js';
import { compareModelContract } from './compare.js';
import { readModelSpec } from './spec.js';
import { locateLiteral } from '../contracts/steps/locate.js';

export const modelSnapshotPath = (name: string, model: ContractsModelConfig): string => model.snapshot ?? `contracts/model-${name}.json`;

/** The service's declared model contract against the model's metadata snapshot, per configured model. */
export async function modelFindings(context: CheckContext, models: Readonly<Record<string, ContractsModelConfig>>): Promise<number> {
  let checked = 0;
  for (const [name, model] of Object.entries(models)) {
    const { value, file } = await loadModuleExport(context.root, model.spec, `contracts.models.${name}.spec`);
    const spec = readModelSpec(value, model.spec, name);
    const snapshotPath = modelSnapshotPath(name, model);
    const snapshotFile = path.resolve(context.root, snapshotPath);
    if (!existsSync(snapshotFile)) {
      context.report({
        ruleId: MODEL_CONTRACT_RULES.snapshotMissing,
        file: snapshotPath,
        line: 1,
        column: 1,
        message: `The metadata snapshot of model ${name} (${snapshotPath}) does not exist.`,
        hint: 'Run `npvguard contracts update --model-url <model server>` and commit the snapshot.',
        fingerprintParts: [name],
      });
      continue;
    }
    let metadata: unknown;
    try {
      metadata = JSON.parse(readFileSync(snapshotFile, 'utf8')) as unknown;
    } catch (error) {
      throw new NpvError('NPV2106', `The metadata snapshot ${snapshotPath} of model ${name} is not valid JSON: ${error instanceof Error ? error.message : String(error)}.`, { file: snapshotPath });
    }
    checked += 1;
    const specFile = path.relative(context.root, file).split(path.sep).join('/');
    const searchOrder = [...new Set([specFile, ...context.files])];
    for (const mismatch of compareModelContract(spec, metadata)) {
      const position = locateLiteral(context.root, searchOrder, mismatch.literal, specFile);
      context.report({
        ruleId: `model-contract/${mismatch.rule}`,
        ...position,
        message: `Model ${name}: ${mismatch.message} (snapshot ${snapshotPath}).`,
        hint: 'Change the service to match the model it calls, or update the model and its snapshot (`npvguard contracts update --model-url ...`) together.',
        fingerprintParts: [name, mismatch.rule, mismatch.message],
        data: { model: name, snapshot: snapshotPath, ...mismatch.data },
      });
    }
  }
  return checked;
}
