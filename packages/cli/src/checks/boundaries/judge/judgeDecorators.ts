import { BOUNDARIES_RULES, evaluateImport, type FindingInput, type ImportVerdict, type LayerPolicy } from '@npvguard/core';
import type { DecoratorAnalysis, DecoratorEdge, DecoratorProvider, DecoratorTarget, DependencyEdge } from '../types.js';
import { sentence } from './judgeImports.js';

const WHAT_IS_DECORATED: Readonly<Record<DecoratorTarget, string>> = {
  instance: 'the fastify instance',
  request: 'requests',
  reply: 'replies',
};

/**
 * Judges each use of a decorated capability as an import of its provider (kind `decorator`): a project file by
 * the layer allow-list, a package by `externals`. A capability whose provider is unknown, a `decorate*` call
 * with a name that is not a constant, and a file whose fastify types are missing are info findings, so nothing
 * passes unseen.
 */
export function judgeDecorators(policy: LayerPolicy, analysis: DecoratorAnalysis): { edges: DependencyEdge[]; findings: FindingInput[] } {
  const edges: DependencyEdge[] = [];
  const findings: FindingInput[] = [];
  for (const edge of analysis.edges) {
    for (const provider of edge.providers) {
      if (provider.type === 'unknown') {
        findings.push(unknownProviderFinding(edge, provider.reason));
        continue;
      }
      const { use } = edge;
      const verdict =
        provider.type === 'file'
          ? evaluateImport(policy, { fromFile: use.from, toFile: provider.file, kind: 'decorator' })
          : evaluateImport(policy, { fromFile: use.from, toPackage: provider.name, kind: 'decorator' });
      if (provider.type === 'file') {
        edges.push({ from: use.from, to: provider.file, kind: 'decorator', line: use.line, column: use.column, forbidden: !verdict.allowed });
      }
      if (!verdict.allowed) findings.push(verdictFinding(edge, provider, verdict));
    }
  }
  for (const unnamed of analysis.unnamed) {
    findings.push({
      ruleId: BOUNDARIES_RULES.unresolvedDecorator,
      file: unnamed.file,
      line: unnamed.line,
      column: unnamed.column,
      endLine: unnamed.endLine,
      endColumn: unnamed.endColumn,
      message: `${unnamed.file}:${unnamed.line} decorates with a name that is not a constant string: \`${unnamed.text}\`. Rule: every decorator must be known by name, so the files that use it can be checked against the layers.`,
      hint: 'Name the decorator with a string literal or a `const` string, so its uses can be traced to this file.',
      fingerprintParts: [BOUNDARIES_RULES.unresolvedDecorator, unnamed.file, 'unnamed', unnamed.text],
      data: { kind: 'decorator', unnamed: true },
    });
  }
  for (const file of analysis.untyped) {
    findings.push({
      ruleId: BOUNDARIES_RULES.unresolvedDecorator,
      file,
      line: 1,
      column: 1,
      message: `${file} imports fastify, but fastify's type declarations cannot be found from it, so the decorators it provides and uses cannot be traced. Rule: decorator dependencies are found by type.`,
      hint: 'Install the project\'s dependencies (fastify ships its own types), then run the check again.',
      fingerprintParts: [BOUNDARIES_RULES.unresolvedDecorator, file, 'untyped'],
      data: { kind: 'decorator', untyped: true },
    });
  }
  return { edges, findings };
}

function usesText(edge: DecoratorEdge): string {
  const others = edge.otherLines;
  if (others.length === 0) return '';
  return ` (used again on line${others.length === 1 ? '' : 's'} ${others.join(', ')})`;
}

function verdictFinding(edge: DecoratorEdge, provider: Exclude<DecoratorProvider, { type: 'unknown' }>, verdict: ImportVerdict): FindingInput {
  const { use } = edge;
  const what =
    provider.type === 'file'
      ? `${provider.file} (${verdict.toLayer === undefined ? 'in no layer' : `layer ${verdict.toLayer}`})`
      : `package ${verdict.packageName ?? provider.name} (${provider.why})`;
  const ruleId = verdict.ruleId ?? BOUNDARIES_RULES.forbiddenImport;
  return {
    ruleId,
    file: use.from,
    line: use.line,
    column: use.column,
    endLine: use.endLine,
    endColumn: use.endColumn,
    message: `${use.from}:${use.line} uses decorator \`${use.name}\` of ${WHAT_IS_DECORATED[use.target]}, provided by ${what}: \`${use.text}\`${usesText(edge)}. Rule: ${verdict.reason}.`,
    hint: sentence(verdict.allowedInstead),
    fingerprintParts: [ruleId, use.from, 'decorator', use.target, use.name, provider.type === 'file' ? provider.file : provider.name],
    data: {
      kind: 'decorator',
      decorator: use.name,
      decorates: use.target,
      uses: 1 + edge.otherLines.length,
      ...(provider.type === 'file' ? { target: provider.file } : { package: verdict.packageName ?? provider.name }),
      ...(verdict.fromLayer === undefined ? {} : { fromLayer: verdict.fromLayer }),
      ...(verdict.toLayer === undefined ? {} : { toLayer: verdict.toLayer }),
    },
  };
}

function unknownProviderFinding(edge: DecoratorEdge, reason: string): FindingInput {
  const { use } = edge;
  return {
    ruleId: BOUNDARIES_RULES.unresolvedDecorator,
    file: use.from,
    line: use.line,
    column: use.column,
    endLine: use.endLine,
    endColumn: use.endColumn,
    message: `${use.from}:${use.line} uses decorator \`${use.name}\` of ${WHAT_IS_DECORATED[use.target]}, whose provider is unknown: ${reason}: \`${use.text}\`${usesText(edge)}. Rule: every capability a file takes from fastify must come from a known file or package, so the layer rules can judge it.`,
    hint: `Decorate \`${use.name}\` in a project file with \`decorate${use.target === 'instance' ? '' : use.target === 'request' ? 'Request' : 'Reply'}('${use.name}', …)\`, or register the plugin package that provides it from the file that declares it, so the dependency can be traced.`,
    fingerprintParts: [BOUNDARIES_RULES.unresolvedDecorator, use.from, use.target, use.name],
    data: { kind: 'decorator', decorator: use.name, decorates: use.target, reason },
  };
}
