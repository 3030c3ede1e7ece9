import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BoundariesConfig, FindingInput, NpvConfig } from '@npvguard/core';
import { analyzeBoundaries, type AnalyzeOptions, type BoundariesAnalysis } from '../../src/checks/boundaries/index.js';

export const FIXTURES = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures');

const SOURCE = /\.(ts|tsx|mts|cts)$/;

/** Every source file under `folders`, repo-relative POSIX and sorted, as the CLI's file list gives them. */
export function listSourceFiles(root: string, folders: readonly string[] = ['src']): string[] {
  const found: string[] = [];
  const walk = (relative: string): void => {
    const absolute = path.join(root, relative);
    if (!fs.existsSync(absolute)) return;
    for (const entry of fs.readdirSync(absolute, { withFileTypes: true })) {
      const child = path.posix.join(relative, entry.name);
      if (entry.isDirectory() && entry.name !== 'node_modules' && entry.name !== 'dist') walk(child);
      else if (entry.isFile() && SOURCE.test(entry.name)) found.push(child);
    }
  };
  folders.forEach(walk);
  return found.sort();
}

export async function loadFixtureConfig(root: string): Promise<NpvConfig> {
  const loaded: unknown = await import(path.join(root, 'npvguard.config.ts'));
  if (typeof loaded !== 'object' || loaded === null || !('default' in loaded)) throw new Error(`${root} has no default config export`);
  return loaded.default as NpvConfig;
}

export interface FixtureRun {
  root: string;
  analysis: BoundariesAnalysis;
  /** `ruleId file:line` for each finding, in report order. */
  summary: string[];
}

/** Runs the analysis on a fixture folder as it is, caching off (fixtures live in the repository). */
export async function runFixture(
  name: string,
  overrides: { config?: Partial<BoundariesConfig>; tsconfig?: string; folders?: string[]; paths?: string[] } = {},
): Promise<FixtureRun> {
  const root = path.join(FIXTURES, name);
  const config = await loadFixtureConfig(root);
  const boundaries = config.boundaries;
  if (boundaries === undefined) throw new Error(`${name} has no boundaries config`);
  const options: AnalyzeOptions = {
    root,
    files: listSourceFiles(root, overrides.folders ?? ['src']),
    config: { ...boundaries, ...overrides.config },
    cache: false,
    ...(overrides.tsconfig === undefined ? {} : { tsconfig: overrides.tsconfig }),
    ...(overrides.paths === undefined ? {} : { paths: overrides.paths }),
  };
  const analysis = analyzeBoundaries(options);
  return { root, analysis, summary: summarize(analysis.findings) };
}

export function summarize(findings: readonly FindingInput[]): string[] {
  return findings.map((finding) => `${finding.ruleId} ${finding.file}:${finding.line}`);
}

/** A scratch copy of a fixture, for tests that edit files or write a cache. */
export function copyFixture(name: string): string {
  const target = fs.mkdtempSync(path.join(os.tmpdir(), `npvguard-boundaries-${name}-`));
  fs.cpSync(path.join(FIXTURES, name), target, { recursive: true });
  return target;
}
