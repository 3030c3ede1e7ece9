import type { PropertyFailure, PropertyKind } from './runProperties.js';

const PROPERTY_TITLES: Readonly<Record<PropertyKind, string>> = {
  valid: 'valid requests get a documented answer',
  invalid: 'invalid requests get a 4xx',
  replay: 'old clients (base contract) still get answers the base contract allows',
};

export function propertyTitle(property: PropertyKind): string {
  return PROPERTY_TITLES[property];
}

/** A failure as readable text: what broke, the shrunk request, the answer, the seed and how to replay it. */
export function formatPropertyFailure(failure: PropertyFailure, replayCommand?: string): string {
  const scenario = failure.scenario === undefined ? '' : ` (scenario: ${failure.scenario})`;
  const lines = [`${failure.method} ${failure.path}${scenario}, ${propertyTitle(failure.property)}: ${failure.message}`];
  if (failure.counterexample !== undefined) lines.push(`counterexample (shrunk, after ${failure.runs} runs): ${JSON.stringify(failure.counterexample)}`);
  if (failure.response !== undefined) lines.push(`answer: ${failure.response.statusCode} ${JSON.stringify(failure.response.body)}`);
  lines.push(`seed: ${failure.seed}${failure.replayPath === undefined ? '' : `, path: ${failure.replayPath}`}`);
  if (replayCommand !== undefined) lines.push(`replay: ${replayCommand}`);
  return lines.join('\n');
}
