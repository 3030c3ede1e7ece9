import { existsSync, readFileSync } from 'node:fs';
import { NpvError } from '@npvguard/core';
import { isRecord } from '@npvguard/harness/contracts';
import { acknowledgedIdCovers } from '../diff/kinds/index.js';
import type { ContractChange } from '../diff/types.js';
import { FORMER_IDS } from '../diff/catalogue.js';

export interface Acknowledgement {
  id: string;
  path: string;
  method?: string;
  reason: string;
}

/** Parses `contracts/changes.json`: `{ "acknowledged": [{ id, path, method?, reason }] }`; malformed → NPV2105. */
export function parseChangesFile(text: string, label: string): Acknowledgement[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text) as unknown;
  } catch (error) {
    throw new NpvError('NPV2105', `${label} is not valid JSON: ${error instanceof Error ? error.message : String(error)}.`, { file: label });
  }
  const list = isRecord(parsed) ? parsed['acknowledged'] : undefined;
  if (!Array.isArray(list)) throw new NpvError('NPV2105', `${label} needs an "acknowledged" array.`, { file: label });
  return list.map((entry, index) => {
    const valid = isRecord(entry) && ['id', 'path', 'reason'].every((key) => typeof entry[key] === 'string' && (entry[key] as string).trim() !== '') && (entry['method'] === undefined || typeof entry['method'] === 'string');
    if (!valid) throw new NpvError('NPV2105', `${label}: acknowledged[${index}] needs non-empty strings id, path and reason (and method, when given, a string).`, { file: label, index });
    return { id: entry['id'] as string, path: entry['path'] as string, reason: entry['reason'] as string, ...(typeof entry['method'] === 'string' ? { method: entry['method'].toUpperCase() } : {}) };
  });
}

export function readChangesFile(file: string, label: string): Acknowledgement[] {
  return existsSync(file) ? parseChangesFile(readFileSync(file, 'utf8'), label) : [];
}

/** An acknowledgement names the change by its id, or by an id it was reported under before (`api-path-removed`). */
export function acknowledges(acknowledgement: Acknowledgement, change: ContractChange): boolean {
  return (acknowledgedIdCovers(acknowledgement.id, change.id) || (FORMER_IDS[acknowledgement.id] ?? []).includes(change.id)) && acknowledgement.path === change.path && (acknowledgement.method === undefined || acknowledgement.method === change.method);
}

export const acknowledgementKey = (acknowledgement: Acknowledgement): string => `${acknowledgement.id} ${acknowledgement.method ?? '*'} ${acknowledgement.path}`;
