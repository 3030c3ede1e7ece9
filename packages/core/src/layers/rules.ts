/** Every rule id the boundaries check reports; the policy below decides the first three. */
export const BOUNDARIES_RULES = {
  forbiddenImport: 'boundaries/forbidden-import',
  privateImport: 'boundaries/private-import',
  externalNotAllowed: 'boundaries/external-not-allowed',
  cycle: 'boundaries/cycle',
  unresolvedImport: 'boundaries/unresolved-import',
  unassignedFile: 'boundaries/unassigned-file',
  parseError: 'boundaries/parse-error',
  unresolvedDecorator: 'boundaries/unresolved-decorator',
} as const;

export type BoundariesRuleId = (typeof BOUNDARIES_RULES)[keyof typeof BOUNDARIES_RULES];

/** The rules a single import can break, as decided by `evaluateImport`. */
export type ImportRuleId =
  | typeof BOUNDARIES_RULES.forbiddenImport
  | typeof BOUNDARIES_RULES.privateImport
  | typeof BOUNDARIES_RULES.externalNotAllowed;
