import type * as ts from 'typescript';
import { typescript } from '../../../modules/typescript.js';
import { resolveProperty, type ModuleSources } from '../../../modules/constantValue/index.js';
import { lineOf, normalizedText, rootIdentifier } from './parseSource.js';

/** fast-check's default number of runs, used when a property sets none. */
export const FAST_CHECK_DEFAULT_RUNS = 100;

/** How many times a property runs, or why that cannot be known from the source. */
export type Runs = { known: true; value: number } | { known: false; reason: string };

export interface PropertyRuns {
  /** Stable within a file: the enclosing test's title and the ordinal of the property inside it. */
  key: string;
  runs: Runs;
  /** Whether numRuns is set (else fast-check's default applies). */
  explicit: boolean;
  /** The source text that sets the runs (`numRuns: RUNS`, the options argument), to tell an edit from an untouched setting. */
  written: string;
  line: number;
  column: number;
}

const PROPERTY_BUILDERS = new Set(['property', 'asyncProperty']);

function isPropertyRun(call: ts.CallExpression): boolean {
  if (!typescript.isPropertyAccessExpression(call.expression) || !['assert', 'check'].includes(call.expression.name.text)) return false;
  const first = call.arguments[0];
  if (first === undefined || !typescript.isCallExpression(first)) return false;
  const builder = first.expression;
  const name = typescript.isPropertyAccessExpression(builder) ? builder.name.text : typescript.isIdentifier(builder) ? builder.text : '';
  return PROPERTY_BUILDERS.has(name);
}

function isConfigureGlobal(call: ts.CallExpression): boolean {
  const callee = call.expression;
  return (typescript.isPropertyAccessExpression(callee) ? callee.name.text : typescript.isIdentifier(callee) ? callee.text : '') === 'configureGlobal';
}

/** `numRuns` written in an object literal argument, for pointing at it. */
function writtenNumRuns(parameters: ts.Expression): ts.Node | undefined {
  let current = parameters;
  while (typescript.isParenthesizedExpression(current) || typescript.isAsExpression(current) || typescript.isSatisfiesExpression(current)) current = current.expression;
  if (!typescript.isObjectLiteralExpression(current)) return undefined;
  return [...current.properties].reverse().find((property) => property.name !== undefined && (typescript.isIdentifier(property.name) || typescript.isStringLiteral(property.name)) && property.name.text === 'numRuns');
}

interface Setting {
  runs: Runs;
  explicit: boolean;
  at: ts.Node;
  written: string;
}

/** The runs a parameters argument sets: its `numRuns`, resolved through constants, spreads and imports. */
function settingOf(parameters: ts.Expression | undefined, source: ts.SourceFile, sources: ModuleSources): Setting | undefined {
  if (parameters === undefined) return undefined;
  const property = resolveProperty(parameters, 'numRuns', sources);
  const at = writtenNumRuns(parameters) ?? parameters;
  const written = normalizedText(at, source);
  if (!property.resolved) return { runs: { known: false, reason: property.reason }, explicit: true, at, written };
  if (property.absent === true) return undefined;
  if (typeof property.value === 'number') return { runs: { known: true, value: property.value }, explicit: true, at, written };
  const value = property.value;
  const shown = typeof value === 'object' && value !== null ? `a ${value.kind}` : JSON.stringify(value) ?? String(value);
  return { runs: { known: false, reason: `\`numRuns\` is ${shown}, not a number` }, explicit: true, at, written };
}

/** The title of the nearest enclosing `it`/`test`/`describe` call, for keys that survive edits around it. */
function enclosingTitle(node: ts.Node, source: ts.SourceFile): string {
  for (let current = node.parent; current !== undefined; current = current.parent) {
    if (typescript.isCallExpression(current)) {
      const root = rootIdentifier(current.expression);
      const title = current.arguments[0];
      if (root !== undefined && ['it', 'test', 'describe'].includes(root.text) && title !== undefined && !typescript.isFunctionLike(title)) {
        return normalizedText(title, source);
      }
    }
  }
  return '(top level)';
}

/**
 * Every fast-check run setting of a file: `fc.assert(fc.property(...), parameters)` and `fc.configureGlobal(parameters)`.
 * `numRuns` is resolved to its value wherever the parameters come from: a literal, a constant, an imported constant,
 * an `as const` object, an enum member, arithmetic on those, `{ ...defaults, numRuns }`. What cannot be resolved
 * (a call, an environment read) is kept with the reason.
 */
export function propertyRuns(source: ts.SourceFile, sources: ModuleSources): PropertyRuns[] {
  const found: PropertyRuns[] = [];
  const ordinals = new Map<string, number>();
  const visit = (node: ts.Node): void => {
    if (typescript.isCallExpression(node) && (isPropertyRun(node) || isConfigureGlobal(node))) {
      const global = isConfigureGlobal(node);
      const setting = settingOf(global ? node.arguments[0] : node.arguments[1], source, sources);
      if (!global || setting !== undefined) {
        const scope = global ? 'configureGlobal' : enclosingTitle(node, source);
        const ordinal = ordinals.get(scope) ?? 0;
        ordinals.set(scope, ordinal + 1);
        const at = setting?.at ?? node;
        found.push({
          key: `${scope}#${ordinal}`,
          runs: setting?.runs ?? { known: true, value: FAST_CHECK_DEFAULT_RUNS },
          explicit: setting !== undefined,
          written: setting?.written ?? '',
          ...lineOf(source, at.getStart(source)),
        });
      }
    }
    typescript.forEachChild(node, visit);
  };
  visit(source);
  return found;
}
