import type { Check } from '@npvguard/core';
import type { CliIO } from '../io/io.js';
import { explainRule, listRules } from '../explain/explainRule.js';
import { explainError, isErrorCode } from '../explain/explainError.js';

/** `npvguard explain <ruleId | error code>`: prints the rule's page or the error's explanation; an unknown id throws NPV2401 (exit 2). */
export function runExplainCommand(ruleId: string, io: CliIO, checks: readonly Check[]): number {
  if (isErrorCode(ruleId)) {
    const error = explainError(ruleId);
    io.stdout.write(`${error.code}: ${error.title}\n\nHow to solve: ${error.solution}\n\nsource: ${error.source} (${error.url})\n`);
    return 0;
  }
  const explanation = explainRule(ruleId, checks);
  const { rule } = explanation;
  if (explanation.note !== undefined) io.stderr.write(`note: ${explanation.note}\n`);
  io.stdout.write(`${rule.id} (${rule.defaultSeverity}, check ${rule.check}): ${rule.description}\n\n${explanation.markdown}\n\nsource: ${explanation.source}\n`);
  return 0;
}

/** `npvguard rules`: one line per rule, `id  severity  page  description`, or JSON with --json. */
export function runRulesCommand(options: { json: boolean }, io: CliIO, checks: readonly Check[]): number {
  const rules = listRules(checks);
  if (options.json) {
    io.stdout.write(`${JSON.stringify(rules, null, 2)}\n`);
    return 0;
  }
  const idWidth = Math.max(...rules.map((rule) => rule.id.length));
  const docsWidth = Math.max(...rules.map((rule) => rule.docs.length));
  io.stdout.write(rules.map((rule) => `${rule.id.padEnd(idWidth)}  ${rule.defaultSeverity.padEnd(7)}  ${rule.docs.padEnd(docsWidth)}  ${rule.description}\n`).join(''));
  return 0;
}
