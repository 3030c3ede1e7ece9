import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { NpvError } from '@npvguard/core';
import { walkFiles } from '../load/listFiles.js';

/** What init learns from a project before writing anything. */
export interface ProjectShape {
  root: string;
  /** Layer name → globs (root-relative): one per folder under src/, `entry` for files directly in src/. */
  layers: Record<string, string[]>;
  /** The module and export that build the fastify app, as `./<file>#<export>`, when one is found. */
  appExport?: string;
  tsconfig?: string;
  eslintConfig?: string;
}

const SOURCE = /\.(ts|tsx|mts|cts)$/;
const TEST = /\.(test|spec)\.[cm]?tsx?$/;
const ESLINT_CONFIGS = ['eslint.config.js', 'eslint.config.mjs', 'eslint.config.cjs', 'eslint.config.ts', 'eslint.config.mts'];
/** An exported function whose name says it builds the app or the server. */
const APP_FACTORY = /export\s+(?:async\s+)?function\s+(\w*(?:[Aa]pp|[Ss]erver)\w*)\s*\(/g;

/** The fastify factory: a source file importing fastify and exporting `build...App`/`create...Server`-like functions. */
function findAppExport(root: string, sources: readonly string[]): string | undefined {
  for (const file of sources) {
    const text = readFileSync(path.join(root, file), 'utf8');
    if (!/from\s+['"]fastify['"]/.test(text)) continue;
    const names = [...text.matchAll(APP_FACTORY)].map((match) => match[1]).filter((name): name is string => name !== undefined);
    const best = names.find((name) => /^build/i.test(name)) ?? names[0];
    if (best !== undefined) return `./${file}#${best}`;
  }
  return undefined;
}

export function inspectProject(root: string): ProjectShape {
  if (!existsSync(path.join(root, 'package.json'))) {
    throw new NpvError('NPV2404', `${root} has no package.json: run npvguard init in the service's folder.`, { root });
  }
  const sources = walkFiles(root)
    .filter((file) => file.startsWith('src/') && SOURCE.test(file) && !TEST.test(file) && !file.endsWith('.d.ts'))
    .sort();
  if (sources.length === 0) {
    throw new NpvError('NPV2404', `${root} has no TypeScript sources under src/: npvguard init describes the layers of src/.`, { root });
  }
  const layers: Record<string, string[]> = {};
  for (const file of sources) {
    const parts = file.split('/');
    if (parts.length === 2) (layers.entry ??= []).push(file);
    else if (parts[1] !== undefined && layers[parts[1]] === undefined) layers[parts[1]] = [`src/${parts[1]}/**`];
  }
  const shape: ProjectShape = { root, layers };
  const appExport = findAppExport(root, sources);
  if (appExport !== undefined) shape.appExport = appExport;
  if (statSync(path.join(root, 'tsconfig.json'), { throwIfNoEntry: false })?.isFile() === true) shape.tsconfig = 'tsconfig.json';
  const eslintConfig = ESLINT_CONFIGS.find((name) => existsSync(path.join(root, name)));
  if (eslintConfig !== undefined) shape.eslintConfig = eslintConfig;
  return shape;
}
