import type { Finding } from '@npvguard/core';

/** A contract finding's witness (the exchange that shows a change breaks clients) as one line of JSON, if it has one. */
export function witnessText(finding: Finding): string | undefined {
  const witness = finding.data?.['witness'];
  if (typeof witness !== 'object' || witness === null) return undefined;
  const { request, response, refusedBecause } = witness as { request?: unknown; response?: unknown; refusedBecause?: unknown };
  const example = request === undefined ? { response } : { request };
  return `${JSON.stringify(example)}${typeof refusedBecause === 'string' ? ` (${refusedBecause})` : ''}`;
}
