import type { ESLint, Linter } from 'eslint';
import type { FindingInput } from '@npvguard/core';
import { LINT_RULES } from './meta.js';
import { lintRuleId, PLUGIN_RULE_PREFIX } from '../../modules/lintRuleIds.js';

type RulesMeta = ReturnType<ESLint['getRulesMetaForResults']>;

/** What a lint result says besides findings: files ESLint was told to skip by the project's ignores. */
export interface LintTally {
  findings: FindingInput[];
  ignoredFiles: string[];
}

function isUnusedDirective(message: Linter.LintMessage): boolean {
  return /^Unused eslint-(disable|enable) directive/.test(message.message);
}

/** ESLint reports a broken inline config comment under the rule it names (or under none). */
function isInlineConfigProblem(message: Linter.LintMessage): boolean {
  return message.ruleId === null || /^(Inline configuration for rule|Definition for rule)/.test(message.message);
}

function ignoredReason(message: Linter.LintMessage): 'ignored' | 'unmatched' | undefined {
  if (message.ruleId !== null || !message.message.startsWith('File ignored because')) return undefined;
  return message.message.includes('matching ignore pattern') ? 'ignored' : 'unmatched';
}

function positive(value: number | undefined, fallback: number): number {
  return value !== undefined && Number.isInteger(value) && value >= 1 ? value : fallback;
}

/**
 * What to do about an ESLint message. The message itself says what is wrong (the plugin's messages say how to fix
 * it too); the hint says where the correct code is shown: npvguard explains the plugin's rules, any other rule's
 * page is its docs link.
 */
function fixHint(eslintRuleId: string, ruleId: string, documented: boolean): string {
  if (ruleId.startsWith(PLUGIN_RULE_PREFIX)) return `Change the code as the message says; \`npvguard explain ${ruleId}\` shows incorrect and correct code.`;
  const where = documented ? 'the rule\'s page (docs link) shows what it accepts' : `see the documentation of the plugin that provides ${eslintRuleId}`;
  return `Change the code so that ${eslintRuleId} no longer reports it; ${where}.`;
}

function toFinding(file: string, message: Linter.LintMessage, rulesMeta: RulesMeta): FindingInput {
  const line = positive(message.line, 1);
  const column = positive(message.column, 1);
  const position = {
    file,
    line,
    column,
    ...(message.endLine !== undefined && message.endLine >= line ? { endLine: message.endLine } : {}),
    ...(message.endColumn !== undefined && message.endColumn >= 1 && message.endLine !== undefined && message.endLine >= line ? { endColumn: message.endColumn } : {}),
  };
  if (message.fatal === true) {
    return { ruleId: LINT_RULES.parseError, ...position, message: `ESLint could not parse this file: ${message.message}`, hint: 'Fix the syntax error; no rule checked this file.' };
  }
  if (message.ruleId === null || isInlineConfigProblem(message)) {
    const unused = isUnusedDirective(message);
    return {
      ruleId: unused ? LINT_RULES.unusedDisableDirective : LINT_RULES.inlineConfigProblem,
      severity: message.severity === 2 ? 'error' : 'warning',
      ...position,
      message: message.message.replace(/\s+/g, ' ').trim(),
      hint: unused ? 'Remove the directive: nothing on its lines is reported any more.' : 'Fix the inline configuration comment so ESLint applies it, or remove it.',
    };
  }
  const meta = rulesMeta[message.ruleId];
  const url = meta?.docs?.url;
  const ruleId = lintRuleId(message.ruleId);
  return {
    ruleId,
    severity: message.severity === 2 ? 'error' : 'warning',
    ...position,
    message: message.message,
    hint: fixHint(message.ruleId, ruleId, typeof url === 'string' && url !== ''),
    ...(typeof url === 'string' && url !== '' ? { docsUrl: url } : {}),
    data: { eslintRuleId: message.ruleId },
  };
}

/** ESLint's results as findings; `relative` turns ESLint's absolute paths into project paths. */
export function toFindings(results: readonly ESLint.LintResult[], rulesMeta: RulesMeta, relative: (file: string) => string): LintTally {
  const findings: FindingInput[] = [];
  const ignoredFiles: string[] = [];
  for (const result of results) {
    const file = relative(result.filePath);
    for (const message of result.messages) {
      const ignored = ignoredReason(message);
      if (ignored === 'ignored') {
        ignoredFiles.push(file);
        continue;
      }
      if (ignored === 'unmatched') {
        findings.push({
          ruleId: LINT_RULES.unmatchedFile,
          file,
          line: 1,
          column: 1,
          message: `ESLint did not lint this file: ${message.message}`,
          hint: 'Add a config object whose `files` match this file (or leave it out of the npvguard config\'s `include`).',
        });
        continue;
      }
      findings.push(toFinding(file, message, rulesMeta));
    }
  }
  return { findings, ignoredFiles };
}
