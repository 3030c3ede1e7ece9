import { isRecord } from '@npvguard/harness/contracts';
import { documentChange } from './documentChange.js';
import type { ContractChange } from './types.js';

/** `info.version` as numbers (`2.1.0`, `v3`, `1.4`); undefined when it does not start like a version. */
function versionOf(document: unknown): { text: string; parts: number[] } | undefined {
  const info = isRecord(document) ? document['info'] : undefined;
  const text = isRecord(info) && typeof info['version'] === 'string' ? info['version'] : undefined;
  const match = text === undefined ? null : /^v?(\d+)(?:\.(\d+))?(?:\.(\d+))?/.exec(text);
  if (text === undefined || match === null) return undefined;
  return { text, parts: [Number(match[1]), Number(match[2] ?? 0), Number(match[3] ?? 0)] };
}

const compare = (left: number[], right: number[]): number => {
  for (let index = 0; index < 3; index += 1) if ((left[index] ?? 0) !== (right[index] ?? 0)) return (left[index] ?? 0) - (right[index] ?? 0);
  return 0;
};

/**
 * What `info.version` says of the change, judged against the changes found: a version that went down, a contract
 * that breaks clients under the same version, breaking changes without a new major version. Annotations: info.
 */
export function compareVersions(oldDocument: unknown, newDocument: unknown, changes: readonly ContractChange[]): ContractChange[] {
  const before = versionOf(oldDocument);
  const after = versionOf(newDocument);
  if (before === undefined || after === undefined) return [];
  const owner = { method: '', path: '' };
  const report = (id: string, message: string): ContractChange => documentChange(id, owner, 'info.version', `info.version: ${message}`, '#/info/version', 'new');
  const order = compare(after.parts, before.parts);
  if (order < 0) return [report('api-version-decreased', `the version went down from ${before.text} to ${after.text}`)];
  // Safe changes under the same version are common and harmless; breaking ones are what a version must announce.
  const breaking = changes.filter((change) => change.level === 'error').length;
  if (breaking > 0 && before.text === after.text) return [report('api-version-not-bumped', `the contract breaks clients (${breaking} breaking changes) but the version stayed ${after.text}`)];
  if (breaking > 0 && (after.parts[0] ?? 0) <= (before.parts[0] ?? 0)) return [report('api-major-version-not-bumped', `breaking changes, but the major version stayed ${String(after.parts[0])} (${before.text} → ${after.text})`)];
  return [];
}
