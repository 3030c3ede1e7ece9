import fs from 'node:fs';
import path from 'node:path';
import { compareFindings, compileLayers, isIgnored, type BoundariesConfig, type FindingInput } from '@npvguard/core';
import { saveTypeScriptCodeCache } from '../../modules/typescript.js';
import { cliVersion } from '../../shared/version.js';
import { cacheStages } from './cache/cachedStages.js';
import { openCache, type BoundariesCache, type CacheStatus } from './cache/cacheStore.js';
import { sha1 } from './cache/hashes.js';
import { reuseSnapshots } from './cache/snapshots.js';
import { analyzeDecorators } from './decorators/analyzeDecorators.js';
import { cycleFindings } from './judge/cycleFindings.js';
import { judgeDecorators } from './judge/judgeDecorators.js';
import { judgeFiles } from './judge/judgeFiles.js';
import { layerGraph } from './judge/layerGraph.js';
import { createStatementReader } from './judge/statementText.js';
import { openImportProject, runPipeline } from './pipeline.js';
import { absolutePath } from './resolve/paths.js';
import type { DecoratorAnalysis, FileVerdict, LayerGraph, PipelineCounts } from './types.js';
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
  /** Trace dependencies through fastify decorators (default true); off spares building a program with the type checker. */
  decorators?: boolean;
  /** Default on, under the nearest node_modules/.cache/npvguard; `{ directory }` puts it elsewhere. */
  cache?: boolean | { directory: string };
}

export interface AnalyzeStats extends PipelineCounts {
  files: number;
  /**
   * The decorator analysis: `off` by option, `skipped` when no file imports fastify or decorates, `cached` when
   * reused for unchanged files, `built` when a program was built for it.
   */
  decorators: 'off' | 'skipped' | 'cached' | 'built';
  cache: CacheStatus;
  cacheFile?: string;
}

/** A dependency between two local files: an import, or a use of a capability the other file decorates fastify with. */
export interface LocalEdge {
  from: string;
  to: string;
  kind: 'runtime' | 'type' | 'decorator';
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
 * read → extract → resolve → judge each file, with the cache around the stages and around each file's whole
 * analysis (a file whose content, and everything else its analysis depends on, is unchanged reuses its
 * verdict); then cycles over the whole graph.
 */
export function analyzeBoundaries(options: AnalyzeOptions): BoundariesAnalysis {
  const root = absolutePath(options.root, '.');
  const policy = compileLayers(options.config);
  const files = options.files.filter((file) => !isIgnored(policy, file));
  validateGlobs(policy, files);

  const tsconfig = absolutePath(root, options.tsconfig ?? 'tsconfig.json');
  const project = openImportProject(root, tsconfig);
  const cache = openCache({
    root,
    enabled: options.cache !== false,
    ...(typeof options.cache === 'object' ? { directory: options.cache.directory } : {}),
    inputFiles: project.inputFiles,
    keyParts: [cliVersion(), root, tsconfig],
    fileSetHash: sha1(files.join('\n')),
    configHash: sha1(JSON.stringify(options.config)),
  });
  const counts: PipelineCounts = { filesAnalysed: 0, filesRead: 0, filesParsed: 0, filesFromCache: 0, resolutionsComputed: 0, resolutionsFromCache: 0 };
  const stages = cacheStages(project.stages, cache, root, counts);
  const statement = createStatementReader(root);
  const analyseFiles = reuseSnapshots(cache, files, counts, (sources) => judgeFiles(policy, runPipeline(sources, stages), statement));
  const verdicts = analyseFiles(files.map((file) => stages.read(file)));

  const importEdges = verdicts.flatMap((verdict) => verdict.edges);
  const isReported = reportFilter(options.paths ?? []);
  // Decorator edges are not module loads: they take no part in import cycles (docs/checks/boundaries.md).
  const cycles = cycleFindings(policy, importEdges, isReported);
  let decoratorStatus: AnalyzeStats['decorators'] = options.decorators === false ? 'off' : 'cached';
  const decoratorAnalysis =
    options.decorators === false
      ? { edges: [], unnamed: [], untyped: [] }
      : reuseDecorators(cache, verdicts, () => {
          const analysis = analyzeDecorators(root, files, (file) => project.projectSet.projectFor(absolutePath(root, file)), (file) => readText(root, file));
          decoratorStatus = analysis.programBuilt ? 'built' : 'skipped';
          return analysis;
        });
  const decorators = judgeDecorators(policy, decoratorAnalysis);
  const edges = [...importEdges, ...decorators.edges];
  cache.save();
  saveTypeScriptCodeCache();

  const findings = [...verdicts.flatMap((verdict) => verdict.findings), ...decorators.findings, ...cycles].filter((finding) => isReported(finding.file)).sort(compareFindings);
  return {
    findings,
    edges: edges.map(({ from, to, kind, line }) => ({ from, to, kind, line })),
    graph: layerGraph(policy, files, edges),
    stats: {
      files: files.length,
      decorators: decoratorStatus,
      filesAnalysed: counts.filesAnalysed,
      filesRead: counts.filesRead,
      filesParsed: counts.filesParsed,
      filesFromCache: counts.filesFromCache,
      resolutionsComputed: counts.resolutionsComputed,
      resolutionsFromCache: counts.resolutionsFromCache,
      cache: cache.status,
      ...(cache.file === undefined ? {} : { cacheFile: cache.file }),
    },
  };
}

/**
 * Who provides what depends on every file (a use in one file, a decorate call in another), so the analysis is
 * reused only when no analysed file changed; any change builds the program again.
 */
function reuseDecorators(cache: BoundariesCache, verdicts: readonly FileVerdict[], analyse: () => DecoratorAnalysis): DecoratorAnalysis {
  if (verdicts.some((verdict) => verdict.contentKey === undefined)) return analyse();
  const key = sha1(verdicts.map((verdict) => `${verdict.file}\0${verdict.contentKey ?? ''}`).join('\n'));
  const known = cache.getDecorators(key);
  if (known !== undefined) return known;
  const analysis = analyse();
  cache.setDecorators(key, analysis);
  return analysis;
}

function readText(root: string, file: string): string | undefined {
  try {
    return fs.readFileSync(path.join(root, file), 'utf8');
  } catch {
    return undefined;
  }
}

function reportFilter(paths: readonly string[]): (file: string) => boolean {
  const prefixes = paths.map((entry) => entry.replace(/\/+$/, '')).filter((entry) => entry !== '');
  if (prefixes.length === 0 || prefixes.includes('.')) return () => true;
  return (file) => prefixes.some((prefix) => file === prefix || file.startsWith(`${prefix}/`));
}
