import { SchemaError } from '@npvguard/harness/contracts';
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
import type { CliIO } from '../io/io.js';
import type { ContractsDiffOptions } from '../cli/options.js';
import { resolveWorkingDirectory } from '../load/findConfig.js';
import { diffDocuments, type DiffOptions } from '../checks/contracts/diff/diffDocuments.js';
import type { ContractChange } from '../checks/contracts/diff/types.js';
import { changeFinding } from '../checks/contracts/diff/changeFinding.js';
import { finalizeFinding } from '../run/finalizeFinding.js';
import { allRules } from '../run/selectChecks.js';
import { REPORTERS } from '../report/index.js';
import { colorEnabled } from '../report/color.js';
import { defaultFormat } from '../report/agentFormat.js';
import { cliVersion } from '../shared/version.js';
import { readApiDocument, type LoadedDocument } from './readDocument.js';

export interface DocumentComparison {
  old: LoadedDocument;
  new: LoadedDocument;
  changes: ContractChange[];
}

/**
 * What `contracts diff` compares, end to end: both documents read (file or `<git ref>:<path>`), their external
 * `$ref`s resolved, validated, then diffed. Bad input ends in a coded NpvError.
 */
export async function compareApiDocuments(oldInput: string, newInput: string, cwd: string, options: DiffOptions = {}): Promise<DocumentComparison> {
  const [oldRead, newRead] = await Promise.allSettled([readApiDocument(oldInput, cwd), readApiDocument(newInput, cwd)]);
  // Both are read at once; when both fail, the old side's error is the one reported, whichever failed first.
  if (oldRead.status === 'rejected') throw oldRead.reason;
  if (newRead.status === 'rejected') throw newRead.reason;
  try {
    return { old: oldRead.value, new: newRead.value, changes: diffDocuments(oldRead.value.value, newRead.value.value, options) };
  } catch (error) {
    if (error instanceof SchemaError) throw new NpvError('NPV2103', `${oldInput} or ${newInput}: ${error.message}. Fix the schema so a JSON Schema 2020-12 validator can compile it.`);
    throw error;
  }
}

/** `npvguard contracts diff <old> <new>`: every change a `contracts/<id>` finding, rendered by a reporter; exit code as `check`'s. */
export async function runContractsDiff(inputs: readonly string[], options: ContractsDiffOptions, io: CliIO, checks: readonly Check[]): Promise<number> {
  const cwd = resolveWorkingDirectory(io.cwd, options.cwd);
  const [oldInput = '', newInput = ''] = inputs;
  const started = performance.now();
  const contracts = checks.find((check) => check.id === 'contracts');
  if (contracts === undefined) throw new NpvError('NPV2001', 'contracts diff needs the contracts check, which is not registered.');
  const comparison = await compareApiDocuments(oldInput, newInput, cwd, {
    closedSchemas: options.closedSchemas,
    ...(options.date === undefined ? {} : { date: options.date }),
    ...(options.minSunsetDays === undefined ? {} : { minSunsetDays: options.minSunsetDays }),
    ...(options.versionPolicy ? { versionPolicy: true } : {}),
  });
  const findings = comparison.changes
    .map((change) => {
      const location = (change.side === 'new' ? comparison.new : comparison.old).locate(change.pointer);
      return finalizeFinding(changeFinding(change, location), contracts, {}, cwd);
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
