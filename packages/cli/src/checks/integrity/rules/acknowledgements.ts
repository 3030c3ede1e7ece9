import { compileGlob, globList, DEFAULT_BASELINE_FILE } from '@npvguard/core';
import { INTEGRITY_RULES } from '../meta.js';
import { NPVGUARD_CONFIG } from './configs/configFindings.js';
import type { IntegrityInput, RawFinding } from '../types.js';

const DEFAULT_ACKNOWLEDGEMENTS = ['eslint-suppressions.json'];

/** Sum of numeric `count` leaves (ESLint's bulk suppressions file); undefined when there is none. */
function countLeaves(value: unknown): number | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  let total: number | undefined;
  for (const [key, child] of Object.entries(value)) {
    const found = key === 'count' && typeof child === 'number' ? child : countLeaves(child);
    if (found !== undefined) total = (total ?? 0) + found;
  }
  return total;
}

/**
 * How many accepted findings a file holds: the entries of an npvguard baseline (`findings`), the summed counts of
 * ESLint's suppressions file, the items of a JSON array or keys of a JSON object, else its non-blank lines.
 */
export function entryCount(text: string): number {
  try {
    const parsed: unknown = JSON.parse(text);
    if (Array.isArray(parsed)) return parsed.length;
    if (typeof parsed === 'object' && parsed !== null) {
      if ('findings' in parsed && Array.isArray(parsed.findings)) return parsed.findings.length;
      return countLeaves(parsed) ?? Object.keys(parsed).length;
    }
  } catch {
    // Not JSON: counted by lines below.
  }
  return text.split('\n').filter((line) => line.trim() !== '').length;
}

/**
 * The baseline file and other acknowledgement files holding more entries than at the base. A change that adopts
 * npvguard (its config is added by the change: the base has none) writes the baseline file's first entries, the
 * findings already in the code (`npvguard init`): they are not growth, and the file is not judged.
 */
export async function acknowledgementFindings(input: IntegrityInput): Promise<RawFinding[]> {
  const baselineFile = input.config.baseline ?? DEFAULT_BASELINE_FILE;
  const adopted = input.changed.some((file) => file.oldPath === undefined && NPVGUARD_CONFIG.test(file.newPath ?? ''));
  const globs = [...(adopted ? [] : [baselineFile]), ...globList(input.config.integrity?.acknowledgements ?? DEFAULT_ACKNOWLEDGEMENTS)];
  const matchers = globs.map((glob) => compileGlob(glob));
  const findings: RawFinding[] = [];
  for (const file of input.changed) {
    if (file.newPath === undefined || !matchers.some((glob) => glob.matches(file.newPath ?? ''))) continue;
    const head = input.change.readHead(file.newPath);
    if (head === undefined) continue;
    const base = file.oldPath === undefined ? undefined : await input.change.readBase(file.oldPath);
    const before = base === undefined ? 0 : entryCount(base);
    const after = entryCount(head);
    if (after <= before) continue;
    findings.push({
      ruleId: INTEGRITY_RULES.acknowledgementsGrown,
      file: file.newPath,
      line: file.added.size === 0 ? 1 : Math.min(...file.added),
      column: 1,
      message: `This file of accepted findings grew from ${before} to ${after} entries: ${after - before} finding(s) accepted instead of fixed.`,
      hint: 'Fix the new findings instead of accepting them; a baseline should only shrink.',
      fingerprintParts: ['grown'],
      data: { before, after },
    });
  }
  return findings;
}
