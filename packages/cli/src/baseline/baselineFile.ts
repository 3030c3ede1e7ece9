import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { DEFAULT_BASELINE_FILE, NpvError, validateBaselineFile, type BaselineFile, type NpvConfig } from '@npvguard/core';

export interface LoadedBaseline {
  /** Root-relative POSIX path of the baseline file. */
  file: string;
  baseline: BaselineFile;
  /** Raw text, to point stale entries at their line. */
  text: string;
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
  return { file, baseline: validateBaselineFile(value, { file }), text };
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
