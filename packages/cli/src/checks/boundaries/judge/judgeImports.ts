import { BOUNDARIES_RULES, evaluateImport, type FindingInput, type ImportVerdict, type LayerPolicy } from '@npvguard/core';
import type { ImportEdge } from '../types.js';
import type { StatementReader } from './statementText.js';

export interface JudgedEdge {
  edge: ImportEdge;
  /** Absent for unresolved and dynamic imports, which no layer rule can judge. */
  verdict?: ImportVerdict;
}

/** Judges every import through the shared policy and turns each refusal into a finding. */
export function judgeImports(policy: LayerPolicy, edges: readonly ImportEdge[], statement: StatementReader): { judged: JudgedEdge[]; findings: FindingInput[] } {
  const judged: JudgedEdge[] = [];
  const findings: FindingInput[] = [];
  for (const edge of edges) {
    const { target } = edge;
    if (target.type === 'unresolved' || target.type === 'dynamic') {
      judged.push({ edge });
      findings.push(unresolvedFinding(edge, statement(edge.from, edge.import)));
      continue;
    }
    const verdict =
      target.type === 'file'
        ? evaluateImport(policy, { fromFile: edge.from, toFile: target.file, kind: edge.kind })
        : evaluateImport(policy, { fromFile: edge.from, toPackage: edge.import.specifier ?? target.name, kind: edge.kind });
    judged.push({ edge, verdict });
    if (!verdict.allowed) findings.push(verdictFinding(edge, verdict, statement(edge.from, edge.import)));
  }
  return { judged, findings };
}

function verdictFinding(edge: ImportEdge, verdict: ImportVerdict, text: string): FindingInput {
  const { target } = edge;
  const how = edge.kind === 'type' ? 'for types only' : 'at runtime';
  let what: string;
  if (target.type === 'file') {
    const layer = verdict.toLayer === undefined ? 'in no layer' : `layer ${verdict.toLayer}`;
    what =
      verdict.ruleId === BOUNDARIES_RULES.privateImport
        ? `${target.file}, a private file of ${layer},`
        : `${target.file} (${layer})`;
  } else {
    what = `package ${verdict.packageName ?? edge.import.specifier ?? ''}`;
  }
  return {
    ruleId: verdict.ruleId ?? BOUNDARIES_RULES.forbiddenImport,
    ...position(edge),
    message: `${edge.from}:${edge.import.line} imports ${what} ${how}: \`${text}\`. Rule: ${verdict.reason}.`,
    hint: sentence(verdict.allowedInstead),
    fingerprintParts: [verdict.ruleId ?? BOUNDARIES_RULES.forbiddenImport, edge.from, edge.import.form, edge.import.specifier ?? text],
    data: {
      specifier: edge.import.specifier,
      form: edge.import.form,
      kind: edge.kind,
      ...(target.type === 'file' ? { target: target.file } : { package: verdict.packageName }),
      ...(verdict.fromLayer === undefined ? {} : { fromLayer: verdict.fromLayer }),
      ...(verdict.toLayer === undefined ? {} : { toLayer: verdict.toLayer }),
    },
  };
}

function unresolvedFinding(edge: ImportEdge, text: string): FindingInput {
  const dynamic = edge.target.type === 'dynamic';
  const reason = edge.target.type === 'unresolved' ? edge.target.reason : '';
  return {
    ruleId: BOUNDARIES_RULES.unresolvedImport,
    ...position(edge),
    message: dynamic
      ? `${edge.from}:${edge.import.line} imports a module named by an expression, which is not statically resolvable: \`${text}\`. Rule: every import must resolve, so no dependency escapes the layer rules.`
      : `${edge.from}:${edge.import.line} imports '${edge.import.specifier ?? ''}', which does not resolve: ${reason}: \`${text}\`. Rule: every import must resolve, so no dependency escapes the layer rules.`,
    hint: dynamic
      ? 'Import string literals (one `import()` per module) so each dependency can be checked.'
      : 'Fix the specifier (relative path, extension, tsconfig paths) or install the package it names.',
    fingerprintParts: [BOUNDARIES_RULES.unresolvedImport, edge.from, edge.import.form, edge.import.specifier ?? text],
    data: { specifier: edge.import.specifier, form: edge.import.form, kind: edge.kind, ...(dynamic ? { dynamic: true } : { reason }) },
  };
}

function position(edge: ImportEdge): Pick<FindingInput, 'file' | 'line' | 'column' | 'endLine' | 'endColumn'> {
  const { line, column, endLine, endColumn } = edge.import;
  return { file: edge.from, line, column, endLine, endColumn };
}

export function sentence(text: string): string {
  if (text === '') return text;
  const capitalized = text.charAt(0).toUpperCase() + text.slice(1);
  return /[.!?]$/.test(capitalized) ? capitalized : `${capitalized}.`;
}
