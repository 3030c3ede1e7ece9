import { ERROR_CODES, NpvError, errorDocsPath, errorDocsUrl, type ErrorCode } from '@npvguard/core';
import { closestIds } from './closestIds.js';

/** An error code as `npvguard explain` takes it: `NPV2301`, in any case. */
const ERROR_CODE = /^npv\d{4}$/i;

export function isErrorCode(text: string): boolean {
  return ERROR_CODE.test(text.trim());
}

export interface ErrorExplanation {
  code: ErrorCode;
  title: string;
  solution: string;
  /** Its row in npvguard's docs/errors.md, and where that row is published. */
  source: string;
  url: string;
}

function isKnown(code: string): code is ErrorCode {
  return Object.hasOwn(ERROR_CODES, code);
}

/**
 * `npvguard explain NPV2301`: the code's title and how to solve it, from the catalogue compiled into the package (a
 * test keeps it equal to docs/errors.md, the one source), so it needs neither the repository nor the network.
 */
export function explainError(given: string): ErrorExplanation {
  const code = given.trim().toUpperCase();
  if (!isKnown(code)) {
    const suggestions = closestIds(code, Object.keys(ERROR_CODES));
    const hint = suggestions.length === 0 ? 'Codes are NPV1xxx (config), NPV2xxx (input), NPV9xxx (internal).' : `Did you mean ${suggestions.map((suggestion) => `"${suggestion}"`).join(', ')}?`;
    throw new NpvError('NPV2401', `Unknown error code "${given}". ${hint}`, { ruleId: given, suggestions });
  }
  const { title, solution } = ERROR_CODES[code];
  return { code, title, solution, source: errorDocsPath(code), url: errorDocsUrl(code) };
}
