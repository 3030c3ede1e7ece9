import type { FindingInput } from '@npvguard/core';
import type { RawFinding } from './types.js';

/** `// npvguard-justify: <reason>` (or in a block or `#` comment), on the finding's line or the line above. */
const JUSTIFICATION = /(?:\/\/|\/\*|#)\s*npvguard-justify:\s*(.*?)\s*(?:\*\/\s*)?$/;

export function justificationAt(text: string | undefined, line: number): string | undefined {
  if (text === undefined) return undefined;
  const lines = text.split('\n');
  for (const candidate of [line, line - 1]) {
    const reason = JUSTIFICATION.exec(lines[candidate - 1] ?? '')?.[1];
    if (reason !== undefined && reason !== '') return reason;
  }
  return undefined;
}

/** A justified finding stays visible as a warning with its reason; an unjustified one keeps its rule's severity (error unless said). */
export function applyJustification(finding: RawFinding, text: string | undefined): FindingInput {
  const justification = justificationAt(text, finding.line);
  if (justification === undefined) return { ...finding, severity: finding.severity ?? 'error' };
  return {
    ...finding,
    severity: 'warning',
    message: `${finding.message} Justified: ${justification}`,
    data: { ...finding.data, justification },
  };
}
