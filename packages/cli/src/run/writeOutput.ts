import { appendFileSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { NpvError } from '@npvguard/core';

function writeFailed(file: string, error: unknown): NpvError {
  return new NpvError('NPV2008', `Could not write ${file}: ${error instanceof Error ? error.message : String(error)}`, { file });
}

/** Writes the report to `--output`, creating its folder. */
export function writeReportFile(file: string, text: string): void {
  try {
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, text);
  } catch (error) {
    throw writeFailed(file, error);
  }
}

/** Appends to GitHub's job summary file (GITHUB_STEP_SUMMARY). */
export function appendToFile(file: string, text: string): void {
  try {
    appendFileSync(file, text);
  } catch (error) {
    throw writeFailed(file, error);
  }
}
