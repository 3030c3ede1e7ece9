import fs from 'node:fs';
import { compareFindings, compileLayers, isIgnored, NpvError, type BoundariesConfig, type FindingInput } from '@npvguard/core';
import { openCache, sha1, type CacheStatus, type FileSnapshot } from './cache/cacheStore.js';
import { extractStamped, stampFiles, type ExtractionStats, type StampedFile } from './extract/extractFiles.js';
import { findCycles } from './graph/cycles.js';
import { cycleFindings } from './judge/cycleFindings.js';
import { fileFindings } from './judge/fileFindings.js';
import { judgeImports, type JudgedEdge } from './judge/judgeImports.js';
import { layerGraph } from './judge/layerGraph.js';
import { createStatementReader } from './judge/statementText.js';
import { absolutePath } from './resolve/paths.js';
import { loadProjects } from './resolve/projects.js';
import { resolveImports } from './resolve/resolveImports.js';
import { createModuleResolver } from './resolve/resolver.js';
import { findWorkspaces } from './resolve/workspaces.js';
import { saveTypeScriptCodeCache } from '../../load/typescript.js';
import { cliVersion } from '../../shared/version.js';
import { groupBy } from '../../shared/groupBy.js';
import type { DependencyEdge, LayerGraph } from './types.js';
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

export interface AnalyzeStats extends ExtractionStats {
  files: number;
  /** Files analysed again (extract, resolve, judge); the others reused their cached analysis. */
  filesAnalysed: number;
  resolutionsComputed: number;
  resolutionsFromCache: number;
  cache: CacheStatus;
  cacheFile?: string;
}

/** A dependency between two local files. */
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

/**
 * stamp → (for changed files) extract → resolve → judge; then cycles over the whole graph → findings.
 * A file whose content, and everything else its analysis depends on, is unchanged reuses its snapshot.
 */
export function analyzeBoundaries(options: AnalyzeOptions): BoundariesAnalysis {
  const root = absolutePath(options.root, '.');
  const policy = compileLayers(options.config);
  const files = options.files.filter((file) => !isIgnored(policy, file));
  validateGlobs(policy, files);

  const tsconfig = absolutePath(root, options.tsconfig ?? 'tsconfig.json');
  const projectSet = loadProjects(tsconfig);
  const workspaces = findWorkspaces(root);
  const lockfile = absolutePath(root, 'package-lock.json');
  const cache = openCache({
    root,
    enabled: options.cache !== false,
    ...(typeof options.cache === 'object' ? { directory: options.cache.directory } : {}),
    inputFiles: [...new Set([...projectSet.configFiles, ...workspaces.inputFiles, ...(fs.existsSync(lockfile) ? [lockfile] : [])])].sort(),
    keyParts: [cliVersion(), root, tsconfig],
    fileSetHash: sha1(files.join('\n')),
    configHash: sha1(JSON.stringify(options.config)),
  });

  const extractionStats: ExtractionStats = { filesRead: 0, filesParsed: 0, filesFromCache: 0 };
  const stamped = stampFiles(root, files, cache, extractionStats);
  const snapshots = new Map<string, FileSnapshot>();
  const changed: StampedFile[] = [];
  for (const entry of stamped) {
    const snapshot = entry.contentKey === undefined ? undefined : cache.getSnapshot(entry.file, entry.contentKey);
    if (snapshot === undefined) changed.push(entry);
    else snapshots.set(entry.file, snapshot);
  }
  extractionStats.filesFromCache += snapshots.size;

  const extracted = extractStamped(root, changed, cache, extractionStats);
  const { edges, stats: resolutionStats } = resolveImports(root, extracted, projectSet, () => createModuleResolver(root, projectSet, workspaces), cache);
  const { judged, findings: importFindings } = judgeImports(policy, edges, createStatementReader(root));
  const ownFindings = [...fileFindings(policy, extracted), ...importFindings];
  const edgesByFile = groupBy(judged.flatMap(dependencyEdge), (edge) => edge.from);
  const findingsByFile = groupBy(ownFindings, (finding) => finding.file);
  const fileIndex = new Map(files.map((file, index) => [file, index]));
  for (const { file, contentKey } of extracted) {
    if (contentKey === undefined) continue;
    cache.setSnapshot(file, {
      c: contentKey,
      e: (edgesByFile.get(file) ?? []).map((edge) => [fileIndex.get(edge.to) ?? edge.to, edge.kind === 'type' ? 1 : 0, edge.line, edge.column, edge.forbidden ? 1 : 0]),
      f: findingsByFile.get(file) ?? [],
    });
  }

  // In file order, so results do not depend on which files came from the cache.
  const allEdges: DependencyEdge[] = [];
  const reusedFindings: FindingInput[] = [];
  for (const { file } of stamped) {
    const snapshot = snapshots.get(file);
    if (snapshot === undefined) {
      allEdges.push(...(edgesByFile.get(file) ?? []));
      continue;
    }
    reusedFindings.push(...snapshot.f);
    for (const [to, typeOnly, line, column, forbidden] of snapshot.e) {
      const target = typeof to === 'number' ? files[to] : to;
      if (target === undefined) throw new NpvError('NPV9001', `The boundaries cache refers to file #${to}, which is not in the file list.`);
      allEdges.push({ from: file, to: target, kind: typeOnly === 1 ? 'type' : 'runtime', line, column, forbidden: forbidden === 1 });
    }
  }
  const cycles = policy.cycles === 'off' ? [] : findCycles(allEdges, policy.cycles === 'all');
  cache.save();
  saveTypeScriptCodeCache();

  const isReported = reportFilter(options.paths ?? []);
  const findings = [
    ...reusedFindings,
    ...ownFindings,
    ...(policy.cycles === 'off' ? [] : cycleFindings(cycles, policy.cycles, isReported)),
  ]
    .filter((finding) => isReported(finding.file))
    .sort(compareFindings);

  return {
    findings,
    edges: allEdges.map(({ from, to, kind, line }) => ({ from, to, kind, line })),
    graph: layerGraph(policy, files, allEdges),
    stats: {
      files: files.length,
      filesAnalysed: changed.length,
      ...extractionStats,
      ...resolutionStats,
      cache: cache.status,
      ...(cache.file === undefined ? {} : { cacheFile: cache.file }),
    },
  };
}

function dependencyEdge({ edge, verdict }: JudgedEdge): DependencyEdge[] {
  if (edge.target.type !== 'file') return [];
  return [{ from: edge.from, to: edge.target.file, kind: edge.kind, line: edge.import.line, column: edge.import.column, forbidden: verdict?.allowed === false }];
}

function reportFilter(paths: readonly string[]): (file: string) => boolean {
  const prefixes = paths.map((entry) => entry.replace(/\/+$/, '')).filter((entry) => entry !== '');
  if (prefixes.length === 0 || prefixes.includes('.')) return () => true;
  return (file) => prefixes.some((prefix) => file === prefix || file.startsWith(`${prefix}/`));
}
