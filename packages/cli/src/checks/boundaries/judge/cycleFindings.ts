import { BOUNDARIES_RULES, type FindingInput } from '@npvguard/core';
import type { Cycle } from '../types.js';

/** One finding per group of files importing each other, at the first edge; every edge listed, cuts marked. */
export function cycleFindings(cycles: readonly Cycle[], mode: 'runtime' | 'all', isReported: (file: string) => boolean): FindingInput[] {
  const findings: FindingInput[] = [];
  for (const cycle of cycles) {
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
