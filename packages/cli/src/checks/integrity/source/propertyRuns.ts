import type * as ts from 'typescript';
import { typescript } from '../../../modules/typescript.js';
import { lineOf, normalizedText, rootIdentifier } from './parseSource.js';

/** fast-check's default number of runs, used when a property sets none. */
export const FAST_CHECK_DEFAULT_RUNS = 100;

export interface PropertyRuns {
  /** Stable within a file: the enclosing test's title and the ordinal of the property inside it. */
  key: string;
  /** `undefined` when numRuns is not a literal number (a variable, an expression): not compared. */
  runs: number | undefined;
  /** Whether numRuns is written out (else fast-check's default applies). */
  explicit: boolean;
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

function numRunsOf(parameters: ts.Expression | undefined): { property: ts.PropertyAssignment; runs: number | undefined } | undefined {
  if (parameters === undefined || !typescript.isObjectLiteralExpression(parameters)) return undefined;
  for (const property of parameters.properties) {
    if (typescript.isPropertyAssignment(property) && (typescript.isIdentifier(property.name) || typescript.isStringLiteral(property.name)) && property.name.text === 'numRuns') {
      const value = property.initializer;
      return { property, runs: typescript.isNumericLiteral(value) ? Number(value.text) : undefined };
    }
  }
  return undefined;
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

/** Every fast-check run setting of a file: `fc.assert(fc.property(...), { numRuns })` and `fc.configureGlobal({ numRuns })`. */
export function propertyRuns(source: ts.SourceFile): PropertyRuns[] {
  const found: PropertyRuns[] = [];
  const ordinals = new Map<string, number>();
  const visit = (node: ts.Node): void => {
    if (typescript.isCallExpression(node) && (isPropertyRun(node) || isConfigureGlobal(node))) {
      const global = isConfigureGlobal(node);
      const setting = numRunsOf(global ? node.arguments[0] : node.arguments[1]);
      if (!global || setting !== undefined) {
        const scope = global ? 'configureGlobal' : enclosingTitle(node, source);
        const ordinal = ordinals.get(scope) ?? 0;
        ordinals.set(scope, ordinal + 1);
        const at = setting === undefined ? node : setting.property;
        found.push({
          key: `${scope}#${ordinal}`,
          runs: setting === undefined ? FAST_CHECK_DEFAULT_RUNS : setting.runs,
          explicit: setting !== undefined,
          ...lineOf(source, at.getStart(source)),
        });
      }
    }
    typescript.forEachChild(node, visit);
  };
  visit(source);
  return found;
}
