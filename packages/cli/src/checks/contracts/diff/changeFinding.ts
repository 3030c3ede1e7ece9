import type { FindingInput } from '@npvguard/core';
import type { ContractChange } from './types.js';

const BREAKING_HINT = 'Make the change additive (keep what old clients send and read), ship it on a new versioned path next to the old one, or acknowledge it in contracts/changes.json with a reason.';

/**
 * One contract change as a finding `contracts/<id>`, at its line in the document that holds it; an acknowledged
 * breaking change is an info carrying the reason. The check and `npvguard contracts diff` report the same.
 */
export function changeFinding(change: ContractChange, where: { file: string; line: number }, acknowledged?: string): FindingInput {
  return {
    ruleId: `contracts/${change.id}`,
    severity: acknowledged === undefined ? change.level : 'info',
    file: where.file,
    line: where.line,
    column: 1,
    // A change of the document itself (its security, a component) belongs to no operation.
    message: `${change.path === '' ? '' : `${change.method} ${change.path}, `}${change.message}${acknowledged === undefined ? '' : ` (acknowledged: ${acknowledged})`}`,
    hint: change.level === 'info' ? 'A safe change; nothing to do.' : BREAKING_HINT,
    fingerprintParts: [change.id, change.method, change.path, change.location],
    data: {
      change: change.id,
      level: change.level,
      method: change.method,
      path: change.path,
      location: change.location,
      ...(change.witness === undefined ? {} : { witness: change.witness }),
      ...(acknowledged === undefined ? {} : { acknowledged }),
    },
  };
}
