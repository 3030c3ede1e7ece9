import { BOUNDARIES_RULES, type FindingInput, type LayerPolicy } from '@npvguard/core';
import { findCycles } from '../graph/cycles.js';
import type { DependencyEdge } from '../types.js';

/**
 * One finding per group of files importing each other, over the edges the policy's `cycles` mode counts, at
 * the group's first reported edge; every edge listed, cuts marked.
 */
export function cycleFindings(policy: LayerPolicy, edges: readonly DependencyEdge[], isReported: (file: string) => boolean): FindingInput[] {
  const mode = policy.cycles;
  if (mode === 'off') return [];
  const findings: FindingInput[] = [];
  for (const cycle of findCycles(edges, mode === 'all')) {
    const anchor = cycle.edges.find((edge) => isReported(edge.from));
    if (anchor === undefined) continue;
    const cuts = cycle.edges.filter((edge) => edge.cut);
    const listed = cycle.edges.map((edge) => `${edge.from}:${edge.line} → ${edge.to}${edge.kind === 'type' ? ' (type-only)' : ''}${edge.cut ? ' (cut here)' : ''}`);
    const what = mode === 'runtime' ? 'runtime imports' : 'imports';
    findings.push({
      ruleId: BOUNDARIES_RULES.cycle,
      file: anchor.from,
      line: anchor.line,
      column: anchor.column,
      message: `Import cycle of ${what} through ${cycle.files.length} file${cycle.files.length === 1 ? '' : 's'}: ${listed.join(', ')}. Rule: boundaries.cycles: '${mode}' forbids cycles of ${what}.`,
      hint: `Break the cycle at the ${cuts.length === 1 ? 'edge' : `${cuts.length} edges`} marked "cut here" (${cuts.map((edge) => `${edge.from}:${edge.line} → ${edge.to}`).join(', ')}): move what both sides need into a module they can both import${mode === 'runtime' ? ', or make the import type-only' : ''}.`,
      fingerprintParts: [BOUNDARIES_RULES.cycle, ...cycle.files],
      data: { files: cycle.files, edges: cycle.edges },
    });
  }
  return findings;
}
