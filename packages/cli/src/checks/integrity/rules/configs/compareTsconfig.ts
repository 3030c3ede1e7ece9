import type * as ts from 'typescript';
import { typescript } from '../../../../modules/typescript.js';
import { NpvError } from '@npvguard/core';

/** Options that make the compiler stricter when true. The `strict` family defaults to `strict`. */
const STRICT_FAMILY = [
  'noImplicitAny',
  'strictNullChecks',
  'strictFunctionTypes',
  'strictBindCallApply',
  'strictPropertyInitialization',
  'strictBuiltinIteratorReturn',
  'noImplicitThis',
  'useUnknownInCatchVariables',
  'alwaysStrict',
] as const;
const STRICT_ALONE = [
  'strict',
  'noUncheckedIndexedAccess',
  'exactOptionalPropertyTypes',
  'noImplicitReturns',
  'noFallthroughCasesInSwitch',
  'noImplicitOverride',
  'noPropertyAccessFromIndexSignature',
  'noUnusedLocals',
  'noUnusedParameters',
  'checkJs',
] as const;
/** Options that make the compiler looser when true. */
const LOOSE_WHEN_TRUE = ['allowUnreachableCode', 'allowUnusedLabels', 'suppressImplicitAnyIndexErrors', 'skipLibCheck'] as const;

export interface OptionLoosening {
  option: string;
  before: boolean;
  after: boolean;
}

/** Effective compiler options of a tsconfig, `extends` followed; NPV2303 at the base, NPV2002 at head when it does not load. */
export function effectiveOptions(file: string, side: 'base' | 'head'): ts.CompilerOptions {
  const problems: string[] = [];
  const host: ts.ParseConfigFileHost = {
    ...typescript.sys,
    onUnRecoverableConfigFileDiagnostic: (diagnostic) => problems.push(typescript.flattenDiagnosticMessageText(diagnostic.messageText, ' ')),
  };
  const parsed = typescript.getParsedCommandLineOfConfigFile(file, {}, host);
  if (parsed === undefined) {
    const reason = problems.join(' ') || 'it could not be read';
    if (side === 'base') throw new NpvError('NPV2303', `The tsconfig ${file} at the base could not be read: ${reason}`, { file });
    throw new NpvError('NPV2002', `The tsconfig ${file} could not be read: ${reason}`, { file });
  }
  return parsed.options;
}

function strictValue(options: ts.CompilerOptions, option: string): boolean {
  const value = options[option];
  if (typeof value === 'boolean') return value;
  if ((STRICT_FAMILY as readonly string[]).includes(option)) return options.strict === true;
  return false;
}

/** Strictness options on at the base and off at head, and loosening options turned on. */
export function compareCompilerOptions(base: ts.CompilerOptions, head: ts.CompilerOptions): OptionLoosening[] {
  const found: OptionLoosening[] = [];
  for (const option of [...STRICT_ALONE, ...STRICT_FAMILY]) {
    const before = strictValue(base, option);
    const after = strictValue(head, option);
    if (before && !after) found.push({ option, before, after });
  }
  for (const option of LOOSE_WHEN_TRUE) {
    const before = base[option] === true;
    const after = head[option] === true;
    if (!before && after) found.push({ option, before, after });
  }
  return found;
}
