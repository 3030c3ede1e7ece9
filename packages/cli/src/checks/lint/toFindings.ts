import type { ESLint, Linter } from 'eslint';
import type { FindingInput } from '@npvguard/core';
import { LINT_RULES } from './meta.js';
import { lintRuleId } from './ruleIds.js';

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
  const description = meta?.docs?.description;
  return {
    ruleId: lintRuleId(message.ruleId),
    severity: message.severity === 2 ? 'error' : 'warning',
    ...position,
    message: message.message,
    hint: description === undefined ? `See the documentation of the ESLint rule ${message.ruleId}.` : `${description}.`.replace(/\.\.$/, '.'),
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
