import { docsUrlFor, type Finding, type RuleMeta, type Severity, type TableBlock } from '@npvguard/core';
import { shownPath, type Reporter } from './reporter.js';
import { blockName, tableBlocks } from './blocks.js';

export const SARIF_SCHEMA = 'https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json';
export const SARIF_FINGERPRINT_KEY = 'npvguard/v1';
const INFORMATION_URI = 'https://github.com/npvguard/npvguard';

type SarifLevel = 'error' | 'warning' | 'note';
const LEVEL: Record<Severity, SarifLevel> = { error: 'error', warning: 'warning', info: 'note' };

/** A relative URI reference: each path segment percent-encoded, so `#`, `?` or spaces in names stay part of the path. */
export function relativeUri(file: string): string {
  return file.split('/').map(encodeURIComponent).join('/');
}

/** Declared rules first, in registry order (stable ruleIndex), then any reported id missing from them. */
function ruleList(declared: readonly RuleMeta[], findings: readonly Finding[]): RuleMeta[] {
  const rules = [...declared];
  for (const finding of findings) {
    if (!rules.some((rule) => rule.id === finding.ruleId)) {
      rules.push({ id: finding.ruleId, description: finding.ruleId, defaultSeverity: finding.severity });
    }
  }
  return rules;
}

function region(finding: Finding): Record<string, number> {
  return {
    startLine: finding.line,
    startColumn: finding.column,
    ...(finding.endLine === undefined ? {} : { endLine: finding.endLine }),
    ...(finding.endColumn === undefined ? {} : { endColumn: finding.endColumn }),
  };
}

/**
 * SARIF 2.1.0 for code scanning: stable rule ids with metadata, relative URIs against %SRCROOT%,
 * `partialFingerprints` from the line-independent fingerprint, and baseline findings as `unchanged`.
 */
/** A table as SARIF property data: one object per row, keyed by column. */
function sarifTable(block: TableBlock): Record<string, string>[] {
  return block.rows.map((row) => Object.fromEntries(block.columns.map((column, index) => [column, row.cells[index] ?? ''])));
}

/** Result properties: the baseline marker, and a contract finding's witness. */
function sarifProperties(finding: Finding): { properties?: Record<string, unknown> } {
  const witness = finding.data?.['witness'];
  const properties = {
    ...(finding.baseline === undefined ? {} : { baseline: finding.baseline }),
    ...(witness === undefined ? {} : { witness }),
  };
  return Object.keys(properties).length === 0 ? {} : { properties };
}

export const sarifReporter: Reporter = (result, options) => {
  const rules = ruleList(options.rules, result.findings);
  const results = result.findings.map((finding) => ({
    ruleId: finding.ruleId,
    ruleIndex: rules.findIndex((rule) => rule.id === finding.ruleId),
    level: LEVEL[finding.severity],
    message: { text: `${finding.message} Fix: ${finding.hint}` },
    locations: [
      {
        physicalLocation: {
          artifactLocation: { uri: relativeUri(shownPath(finding.file, options)), uriBaseId: '%SRCROOT%' },
          region: region(finding),
        },
      },
    ],
    partialFingerprints: { [SARIF_FINGERPRINT_KEY]: finding.fingerprint },
    baselineState: finding.baseline === undefined ? 'new' : 'unchanged',
    ...sarifProperties(finding),
  }));
  const failed = result.checks.filter((run) => run.status === 'error');
  // A finding's own link wins: some checks document their rules on another check's page.
  const findingDocs = new Map(result.findings.map((finding) => [finding.ruleId, finding.docsUrl]));
  const log = {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'npvguard',
            version: result.tool.version,
            semanticVersion: result.tool.version,
            informationUri: INFORMATION_URI,
            rules: rules.map((rule) => ({
              id: rule.id,
              shortDescription: { text: rule.description },
              helpUri: findingDocs.get(rule.id) ?? docsUrlFor(rule.id),
              defaultConfiguration: { level: LEVEL[rule.defaultSeverity] },
              properties: { tags: [rule.id.split('/')[0] ?? rule.id] },
            })),
          },
        },
        invocations: [
          {
            executionSuccessful: failed.length === 0,
            toolExecutionNotifications: failed.map((run) => ({
              level: 'error',
              message: { text: `${run.id} could not run: ${run.error?.message ?? 'unknown error'}` },
              descriptor: { id: run.error?.code ?? 'NPV9001' },
            })),
          },
        ],
        columnKind: 'utf16CodeUnits',
        results,
        ...(tableBlocks(result).length === 0 ? {} : { properties: { tables: Object.fromEntries(tableBlocks(result).map((shown) => [blockName(shown), sarifTable(shown.block)])) } }),
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
};
