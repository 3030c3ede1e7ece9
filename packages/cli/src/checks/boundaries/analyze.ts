import fs from 'node:fs';
import { compileLayers, isIgnored, type BoundariesConfig, type FindingInput } from '@npvguard/core';
import { openCache, sha1, type CacheStatus } from './cache/cacheStore.js';
import { extractFiles } from './extract/extractFiles.js';
import { findCycles } from './graph/cycles.js';
import { cycleFindings } from './report/cycleFindings.js';
import { fileFindings } from './report/fileFindings.js';
import { judgeImports } from './report/importFindings.js';
import { layerGraph, type LayerGraph } from './report/layerGraph.js';
import { createStatementReader } from './report/statementText.js';
import { absolutePath } from './resolve/paths.js';
import { loadProjects } from './resolve/projects.js';
import { resolveImports, type ImportEdge } from './resolve/resolveImports.js';
import { createModuleResolver } from './resolve/resolver.js';
import { findWorkspaces } from './resolve/workspaces.js';
import { saveTypeScriptCodeCache } from './typescript.js';
import { validateGlobs } from './validateGlobs.js';

export interface AnalyzeOptions {
  /** Absolute project root; `files`, globs and the tsconfig path are relative to it. */
  root: string;
  /** Source files to analyse, repo-relative POSIX. */
  files: readonly string[];
  config: BoundariesConfig;
  /** Default `tsconfig.json`. */
  tsconfig?: string;
  /** Report findings only for these files or folders; the whole graph is still analysed. Empty: everything. */
  paths?: readonly string[];
  /** Default on, under the nearest node_modules/.cache/npvguard; `{ directory }` puts it elsewhere. */
  cache?: boolean | { directory: string };
}

export interface AnalyzeStats {
  files: number;
  /** Files read and hashed; the others were known unchanged from their size and modification time. */
  filesRead: number;
  filesParsed: number;
  filesFromCache: number;
  resolutionsComputed: number;
  resolutionsFromCache: number;
  cache: CacheStatus;
  cacheFile?: string;
}

/** A dependency between two local files, as the graph sees it. */
export interface LocalEdge {
  from: string;
  to: string;
  kind: 'runtime' | 'type';
  line: number;
}

export interface BoundariesAnalysis {
  findings: FindingInput[];
  /** Every import that resolved to a local file. */
  edges: LocalEdge[];
  graph: LayerGraph;
  stats: AnalyzeStats;
}

const TOOL_VERSION = readToolVersion();

/** extract → resolve → judge and find cycles → findings, for one project. */
export function analyzeBoundaries(options: AnalyzeOptions): BoundariesAnalysis {
  const root = absolutePath(options.root, '.');
  const policy = compileLayers(options.config);
  const files = options.files.filter((file) => !isIgnored(policy, file));
  validateGlobs(policy, files);

  const tsconfig = absolutePath(root, options.tsconfig ?? 'tsconfig.json');
  const projectSet = loadProjects(tsconfig);
  const workspaces = findWorkspaces(root);
  const cache = openCache({
    root,
    enabled: options.cache !== false,
    ...(typeof options.cache === 'object' ? { directory: options.cache.directory } : {}),
    inputFiles: [...new Set([...projectSet.configFiles, ...workspaces.inputFiles])].sort(),
    keyParts: [TOOL_VERSION, root, tsconfig],
    fileSetHash: sha1(files.join('\n')),
  });

  const { extracted, stats: extractionStats } = extractFiles(root, files, cache);
  const { edges, stats: resolutionStats } = resolveImports(root, extracted, projectSet, () => createModuleResolver(root, projectSet, workspaces), cache);
  const { judged, findings: importFindings } = judgeImports(policy, edges, createStatementReader(root));
  const cycles = policy.cycles === 'off' ? [] : findCycles(edges, policy.cycles === 'all');
  cache.save();
  saveTypeScriptCodeCache();

  const isReported = reportFilter(options.paths ?? []);
  const findings = [
    ...fileFindings(policy, extracted),
    ...importFindings,
    ...(policy.cycles === 'off' ? [] : cycleFindings(cycles, policy.cycles, isReported)),
  ]
    .filter((finding) => isReported(finding.file))
    .sort(compareFindings);

  return {
    findings,
    edges: localEdges(edges),
    graph: layerGraph(policy, files, judged),
    stats: {
      files: files.length,
      ...extractionStats,
      ...resolutionStats,
      cache: cache.status,
      ...(cache.file === undefined ? {} : { cacheFile: cache.file }),
    },
  };
}

function reportFilter(paths: readonly string[]): (file: string) => boolean {
  const prefixes = paths.map((entry) => entry.replace(/\/+$/, '')).filter((entry) => entry !== '');
  if (prefixes.length === 0 || prefixes.includes('.')) return () => true;
  return (file) => prefixes.some((prefix) => file === prefix || file.startsWith(`${prefix}/`));
}

function localEdges(edges: readonly ImportEdge[]): LocalEdge[] {
  const local: LocalEdge[] = [];
  for (const edge of edges) {
    if (edge.target.type === 'file') local.push({ from: edge.from, to: edge.target.file, kind: edge.kind, line: edge.import.line });
  }
  return local;
}

function compareFindings(left: FindingInput, right: FindingInput): number {
  if (left.file !== right.file) return left.file < right.file ? -1 : 1;
  if (left.line !== right.line) return left.line - right.line;
  if (left.column !== right.column) return left.column - right.column;
  return left.ruleId < right.ruleId ? -1 : left.ruleId > right.ruleId ? 1 : 0;
}

function readToolVersion(): string {
  try {
    const manifest: unknown = JSON.parse(fs.readFileSync(new URL('../../../package.json', import.meta.url), 'utf8'));
    return typeof manifest === 'object' && manifest !== null && 'version' in manifest && typeof manifest.version === 'string' ? manifest.version : 'unknown';
  } catch {
    return 'unknown';
  }
}
