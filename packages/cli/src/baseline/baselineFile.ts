import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { DEFAULT_BASELINE_FILE, NpvError, fingerprint, validateBaselineFile, type BaselineEntry, type BaselineFile, type NpvConfig } from '@npvguard/core';
import { currentLintRuleId, oldRuleIdNote } from '../modules/lintRuleIds.js';

export interface LoadedBaseline {
  /** Root-relative POSIX path of the baseline file. */
  file: string;
  baseline: BaselineFile;
  /** Raw text, to point stale entries at their line. */
  text: string;
  /** Each entry's fingerprint as the file spells it (an entry under an old rule id is matched by its current one). */
  writtenFingerprints: string[];
  /** Old rule ids the file uses, as notes for the user. */
  notes: string[];
}

/**
 * An entry under an old lint rule id (`lint/require-timeout`) under its current id, `lint/npvguard/require-timeout`,
 * with the fingerprint a finding now has: lint fingerprints are the rule id, the file and the message, so the entry's
 * old fingerprint is checked against them before it is replaced. Any other entry is returned as it is.
 */
export function currentEntry(entry: BaselineEntry): BaselineEntry {
  const current = currentLintRuleId(entry.ruleId);
  if (current === undefined) return entry;
  const wasLintFingerprint = fingerprint(entry.ruleId, entry.file, [entry.message]) === entry.fingerprint;
  return { ...entry, ruleId: current, fingerprint: wasLintFingerprint ? fingerprint(current, entry.file, [entry.message]) : entry.fingerprint };
}

export function baselinePath(config: NpvConfig): string {
  return config.baseline ?? DEFAULT_BASELINE_FILE;
}

/** The baseline file if the project has one; undefined when it does not exist; NPV2005 when it is invalid. */
export function readBaselineFile(root: string, config: NpvConfig): LoadedBaseline | undefined {
  const file = baselinePath(config);
  let text: string;
  try {
    text = readFileSync(path.join(root, file), 'utf8');
  } catch (error) {
    if (error instanceof Error && 'code' in error && error.code === 'ENOENT') return undefined;
    throw new NpvError('NPV2005', `The baseline file ${file} could not be read: ${error instanceof Error ? error.message : String(error)}`, { file });
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new NpvError('NPV2005', `The baseline file ${file} is not valid JSON: ${error instanceof Error ? error.message : String(error)}`, { file });
  }
  const written = validateBaselineFile(value, { file });
  const findings = written.findings.map(currentEntry);
  const renamed = new Map(written.findings.flatMap((entry, index) => (findings[index]?.ruleId === entry.ruleId ? [] : [[entry.ruleId, findings[index]?.ruleId ?? '']])));
  const notes = [...renamed].map(([old, current]) => `${oldRuleIdNote(old, current, file)} Run \`npvguard baseline --update\` to rewrite it.`);
  return { file, baseline: { ...written, findings }, text, writtenFingerprints: written.findings.map((entry) => entry.fingerprint), notes };
}

/** Stable text: two-space JSON, one key order, trailing newline, so the file diffs cleanly in review. */
export function serializeBaseline(baseline: BaselineFile): string {
  const findings = baseline.findings.map(({ ruleId, file, fingerprint, message, reason }) => ({ ruleId, file, fingerprint, message, reason }));
  return `${JSON.stringify({ version: baseline.version, findings }, null, 2)}\n`;
}

export function writeBaselineFile(root: string, config: NpvConfig, baseline: BaselineFile): string {
  const file = baselinePath(config);
  try {
    writeFileSync(path.join(root, file), serializeBaseline(baseline));
  } catch (error) {
    throw new NpvError('NPV2008', `The baseline file ${file} could not be written: ${error instanceof Error ? error.message : String(error)}`, { file });
  }
  return file;
}

/** 1-based line of an entry's fingerprint in the file's text, or 1 when it cannot be found. */
export function lineOfFingerprint(text: string, fingerprint: string, occurrence: number): number {
  const needle = `"fingerprint": ${JSON.stringify(fingerprint)}`;
  let index = -1;
  for (let seen = 0; seen <= occurrence; seen += 1) {
    index = text.indexOf(needle, index + 1);
    if (index === -1) return 1;
  }
  return text.slice(0, index).split('\n').length;
}
