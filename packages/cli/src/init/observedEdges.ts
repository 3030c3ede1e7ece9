import { validateConfig, type Check, type FindingInput } from '@npvguard/core';
import { listProjectFiles } from '../load/listFiles.js';
import { createChangeSource } from '../base/changeSource.js';
import type { ProjectShape } from './inspectProject.js';

export interface ObservedImports {
  /** Layer → the other layers its files import today. */
  allow: Record<string, string[]>;
  /** Findings other than forbidden imports (cycles, unresolved imports) that the started config will report. */
  otherFindings: FindingInput[];
}

/**
 * Runs the boundaries check once with every cross-layer import forbidden and reads the layer edges it finds:
 * the imports the code makes today become the starting `allow` table, so a new kind of import fails the check.
 */
export async function observeLayerImports(shape: ProjectShape, checks: readonly Check[]): Promise<ObservedImports> {
  const boundaries = checks.find((check) => check.id === 'boundaries');
  if (boundaries === undefined) return { allow: {}, otherFindings: [] };
  const raw = { boundaries: { layers: shape.layers, allow: Object.fromEntries(Object.keys(shape.layers).map((layer) => [layer, []])) } };
  const config = validateConfig(raw, { file: 'npvguard.config.ts', knownRuleIds: boundaries.meta.rules.map((rule) => rule.id) });
  const findings: FindingInput[] = [];
  let data: Record<string, unknown> = {};
  await boundaries.run({
    root: shape.root,
    config,
    files: listProjectFiles(shape.root, config, 'npvguard.config.ts'),
    paths: [],
    rules: boundaries.meta.rules,
    change: createChangeSource(shape.root, undefined),
    signal: new AbortController().signal,
    report: (finding) => findings.push(finding),
    setData: (value) => {
      data = { ...data, ...value };
    },
  });
  const allow: Record<string, string[]> = Object.fromEntries(Object.keys(shape.layers).map((layer) => [layer, []]));
  const edges = Array.isArray(data.layerEdges) ? (data.layerEdges as { from?: unknown; to?: unknown }[]) : [];
  for (const edge of edges) {
    if (typeof edge.from !== 'string' || typeof edge.to !== 'string' || edge.from === edge.to) continue;
    const targets = allow[edge.from];
    if (targets !== undefined && !targets.includes(edge.to)) targets.push(edge.to);
  }
  for (const targets of Object.values(allow)) targets.sort();
  return { allow, otherFindings: findings.filter((finding) => finding.ruleId !== 'boundaries/forbidden-import') };
}
