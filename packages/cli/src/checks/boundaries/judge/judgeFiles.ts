import type { LayerPolicy } from '@npvguard/core';
import { groupBy } from '../../../shared/groupBy.js';
import type { DependencyEdge, FileVerdict, ResolvedImports } from '../types.js';
import { fileFindings } from './fileFindings.js';
import { judgeImports, type JudgedEdge } from './judgeImports.js';
import type { StatementReader } from './statementText.js';

/** Each file's findings and local edges, in the order of `imports.files`. */
export function judgeFiles(policy: LayerPolicy, imports: ResolvedImports, statement: StatementReader): FileVerdict[] {
  const { judged, findings: importFindings } = judgeImports(policy, imports.edges, statement);
  const edgesByFile = groupBy(judged.flatMap(dependencyEdge), (edge) => edge.from);
  const findingsByFile = groupBy([...fileFindings(policy, imports.files), ...importFindings], (finding) => finding.file);
  return imports.files.map(({ file, contentKey }) => ({
    file,
    ...(contentKey === undefined ? {} : { contentKey }),
    edges: edgesByFile.get(file) ?? [],
    findings: findingsByFile.get(file) ?? [],
  }));
}

function dependencyEdge({ edge, verdict }: JudgedEdge): DependencyEdge[] {
  if (edge.target.type !== 'file') return [];
  return [{ from: edge.from, to: edge.target.file, kind: edge.kind, line: edge.import.line, column: edge.import.column, forbidden: verdict?.allowed === false }];
}
