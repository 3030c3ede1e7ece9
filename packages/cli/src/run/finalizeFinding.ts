import path from 'node:path';
import { docsUrlFor, fingerprint, type Check, type Finding, type FindingInput, type NpvConfig, type RuleMeta } from '@npvguard/core';

/** A check reported something the runner cannot turn into a finding: a bug in that check. */
export class InvalidFindingError extends Error {
  override readonly name = 'InvalidFindingError';
}

function projectPath(root: string, file: string): string {
  const posix = file.split('\\').join('/');
  if (!path.isAbsolute(file)) return posix.replace(/^\.\//, '');
  return path.relative(root, file).split(path.sep).join('/');
}

/** A rule another tool names (see `CheckMeta.openRulePrefix`): documented by that tool, an error unless reported otherwise. */
function openRule(check: Check, input: FindingInput): RuleMeta | undefined {
  const prefix = check.meta.openRulePrefix;
  if (prefix === undefined || !input.ruleId.startsWith(prefix) || input.ruleId.length === prefix.length) return undefined;
  return { id: input.ruleId, description: input.ruleId, defaultSeverity: 'error' };
}

/**
 * Fills what the runner owns: the check id, the docs URL, the fingerprint, and the severity
 * (config `rules` override, else what the check reported, else the rule's default).
 * Returns undefined for a rule turned `off`. Rules must be declared in the check's meta, so every
 * reported id has documentation and SARIF rule metadata.
 */
export function finalizeFinding(input: FindingInput, check: Check, config: NpvConfig, root: string): Finding | undefined {
  const rule: RuleMeta | undefined = check.meta.rules.find((candidate) => candidate.id === input.ruleId) ?? openRule(check, input);
  if (rule === undefined) {
    throw new InvalidFindingError(`check ${check.id} reported the undeclared rule ${JSON.stringify(input.ruleId)}`);
  }
  const override = config.rules?.[input.ruleId];
  if (override === 'off') return undefined;
  if (!Number.isInteger(input.line) || input.line < 1 || !Number.isInteger(input.column) || input.column < 1) {
    throw new InvalidFindingError(`check ${check.id} reported ${input.ruleId} at an invalid position ${input.line}:${input.column}`);
  }
  const file = projectPath(root, input.file);
  const finding: Finding = {
    ruleId: input.ruleId,
    check: check.id,
    severity: override ?? input.severity ?? rule.defaultSeverity,
    file,
    line: input.line,
    column: input.column,
    message: input.message,
    hint: input.hint,
    docsUrl: input.docsUrl ?? docsUrlFor(input.ruleId),
    fingerprint: fingerprint(input.ruleId, file, input.fingerprintParts ?? [input.message]),
  };
  if (input.endLine !== undefined) finding.endLine = input.endLine;
  if (input.endColumn !== undefined) finding.endColumn = input.endColumn;
  if (input.data !== undefined) finding.data = input.data;
  return finding;
}
