import path from 'node:path';
import { NpvError, type CheckContext } from '@npvguard/core';
import { acknowledgementKey, acknowledges, parseChangesFile, readChangesFile, type Acknowledgement } from '../acknowledge/changesFile.js';
import { diffDocuments, type DiffOptions } from '../diff/diffDocuments.js';
import type { ContractChange } from '../diff/types.js';
import { changeFinding } from '../diff/changeFinding.js';
import { DocumentParseError, parseApiDocument } from '../load/document.js';
import { CONTRACT_RULES } from '../meta.js';
import type { SnapshotOutcome } from './snapshotStep.js';


export interface DiffOutcome {
  baseDocument: unknown;
  changes: ContractChange[];
}

async function baseAcknowledgements(context: CheckContext, base: string, changesPath: string): Promise<Acknowledgement[]> {
  const text = await context.change.readAt(base, changesPath);
  return text === undefined ? [] : parseChangesFile(text, `${changesPath} at ${base}`);
}

/**
 * With --base: the base snapshot (read from git) against the contract extracted from the head code, every
 * change a finding `contracts/<id>`. Breaking changes pass only when contracts/changes.json acknowledges
 * them; acknowledgements this change adds are listed as warnings for the reviewer.
 */
export async function diffFindings(context: CheckContext, head: SnapshotOutcome, snapshotPath: string, changesPath: string, options: DiffOptions): Promise<DiffOutcome | undefined> {
  const base = context.base;
  if (base === undefined) return undefined;
  const baseText = await context.change.readAt(base, snapshotPath);
  if (baseText === undefined) {
    context.report({
      ruleId: CONTRACT_RULES.baseSnapshotMissing,
      file: snapshotPath,
      line: 1,
      column: 1,
      message: `${base} has no ${snapshotPath}, so the API contract cannot be compared with the base.`,
      hint: 'Commit the snapshot on the base branch (`npvguard contracts update`), then later changes are compared with it.',
      fingerprintParts: [snapshotPath],
    });
    return undefined;
  }
  let baseDocument: unknown;
  try {
    baseDocument = parseApiDocument(baseText, `${snapshotPath} at ${base}`).value;
  } catch (error) {
    if (error instanceof DocumentParseError) throw new NpvError('NPV2101', `The contract snapshot at ${base} is malformed: ${error.message}`, { file: snapshotPath, ref: base });
    throw error;
  }
  const changes = diffDocuments(baseDocument, head.head.value, options);
  const acknowledgements = readChangesFile(path.resolve(context.root, changesPath), changesPath);
  const earlier = new Set((await baseAcknowledgements(context, base, changesPath)).map(acknowledgementKey));
  const used = new Set<string>();
  for (const change of changes) {
    const line = head.head.lineOf(change.pointer);
    const acknowledgement = change.level === 'info' ? undefined : acknowledgements.find((candidate) => acknowledges(candidate, change));
    if (acknowledgement !== undefined) used.add(acknowledgementKey(acknowledgement));
    context.report(changeFinding(change, { file: snapshotPath, line }, acknowledgement?.reason));
  }
  for (const acknowledgement of acknowledgements) {
    const key = acknowledgementKey(acknowledgement);
    const position = { file: changesPath, line: 1, column: 1 };
    if (used.has(key) && !earlier.has(key)) {
      context.report({
        ruleId: CONTRACT_RULES.acknowledged,
        ...position,
        message: `This change acknowledges the breaking change ${acknowledgement.id} on ${acknowledgement.method ?? 'any method of'} ${acknowledgement.path}: ${acknowledgement.reason}`,
        hint: 'A reviewer should confirm that clients of this API were told and can cope.',
        fingerprintParts: [key],
        data: { ...acknowledgement },
      });
    } else if (!used.has(key)) {
      context.report({
        ruleId: CONTRACT_RULES.acknowledgementUnused,
        ...position,
        message: `The acknowledgement of ${acknowledgement.id} on ${acknowledgement.path} matches no change against the base.`,
        hint: 'Remove it once the change it acknowledged is on the base branch.',
        fingerprintParts: [key],
      });
    }
  }
  return { baseDocument, changes };
}
