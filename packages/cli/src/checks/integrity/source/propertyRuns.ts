import type * as ts from 'typescript';
import { typescript } from '../../../modules/typescript.js';
import { resolveProperty, type ModuleSources } from '../../../modules/constantValue/index.js';
import { bindingInStatements, isExported, lookupBinding } from '../../../modules/constantValue/bindings.js';
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

function isPropertyBuilder(expression: ts.Expression | undefined): boolean {
  if (expression === undefined || !typescript.isCallExpression(expression)) return false;
  const builder = expression.expression;
  const name = typescript.isPropertyAccessExpression(builder) ? builder.name.text : typescript.isIdentifier(builder) ? builder.text : '';
  return PROPERTY_BUILDERS.has(name);
}

function unwrap(expression: ts.Expression): ts.Expression {
  let current = expression;
  while (typescript.isParenthesizedExpression(current) || typescript.isAsExpression(current) || typescript.isSatisfiesExpression(current)) current = current.expression;
  return current;
}

/** An options argument of a call that sets `numRuns` (a test harness's `{ numRuns: 50, ... }`, `test.prop(arbs, { numRuns })`). */
function runOptionsArgument(call: ts.CallExpression, sources: ModuleSources): ts.Expression | undefined {
  for (const argument of call.arguments) {
    const value = unwrap(argument);
    if (typescript.isObjectLiteralExpression(value)) {
      if (writtenNumRuns(value) !== undefined) return argument;
      continue;
    }
    if (typescript.isIdentifier(value)) {
      const binding = lookupBinding(value);
      if (binding?.kind !== 'variable' && binding?.kind !== 'import') continue;
      const property = resolveProperty(value, 'numRuns', sources);
      if (property.resolved && property.absent !== true) return argument;
    }
  }
  return undefined;
}

type FunctionLike = ts.FunctionDeclaration | ts.FunctionExpression | ts.ArrowFunction;

/** The function a callee names, in this file or (exported) in a file it imports by relative path; or why not. */
function calledFunction(callee: ts.Expression, sources: ModuleSources): { fn: FunctionLike; source: ts.SourceFile } | string {
  if (!typescript.isIdentifier(callee)) return `\`${callee.getText()}\` is not a function of the project`;
  const binding = lookupBinding(callee);
  const functionOf = (node: ts.Node, source: ts.SourceFile): { fn: FunctionLike; source: ts.SourceFile } | undefined => {
    if (typescript.isFunctionDeclaration(node) && node.body !== undefined) return { fn: node, source };
    if (typescript.isVariableDeclaration(node) && node.initializer !== undefined) {
      const init = unwrap(node.initializer);
      if (typescript.isArrowFunction(init) || typescript.isFunctionExpression(init)) return { fn: init, source };
    }
    return undefined;
  };
  const here = callee.getSourceFile();
  if (binding?.kind === 'runtime') return functionOf(binding.node, here) ?? `\`${callee.text}\` is ${binding.what}`;
  if (binding?.kind === 'variable') return functionOf(binding.declaration, here) ?? `\`${callee.text}\` is not a function written here`;
  if (binding?.kind !== 'import') return `\`${callee.text}\` is not declared in this file`;
  const specifier = binding.declaration.moduleSpecifier;
  if (!typescript.isStringLiteral(specifier)) return `\`${callee.text}\` is imported from a computed specifier`;
  const target = sources.moduleOf(here.fileName, specifier.text);
  if (typeof target === 'string') return target;
  const exported = binding.name === 'default' ? undefined : target.statements.find((statement) => typescript.isFunctionDeclaration(statement) && statement.name?.text === binding.name && isExported(statement));
  if (exported !== undefined) return functionOf(exported, target) ?? `\`${binding.name}\` has no body`;
  const declared = binding.name === 'default' ? undefined : bindingInStatements(target.statements, binding.name);
  if (declared?.kind === 'variable') return functionOf(declared.declaration, target) ?? `\`${binding.name}\` is not a function written in ${target.fileName}`;
  return `\`${binding.name}\` is not a function declared in ${target.fileName}`;
}

/**
 * `assertProperty(fc.property(...))`: a project function that runs the property it is given. Its runs are the
 * `fc.assert`/`fc.check` inside it (fast-check's default when it sets none), resolved in the helper's own file.
 */
function delegatedSetting(call: ts.CallExpression, sources: ModuleSources): { setting: Setting | undefined } | { reason: string } {
  const found = calledFunction(call.expression, sources);
  if (typeof found === 'string') return { reason: `the property is run by \`${call.expression.getText()}\`, which could not be followed (${found})` };
  const runs: ts.CallExpression[] = [];
  const visit = (node: ts.Node): void => {
    if (typescript.isCallExpression(node) && typescript.isPropertyAccessExpression(node.expression) && ['assert', 'check'].includes(node.expression.name.text) && node.arguments.length > 0) runs.push(node);
    typescript.forEachChild(node, visit);
  };
  if (found.fn.body !== undefined) visit(found.fn.body);
  const run = runs[0];
  if (run === undefined || runs.length > 1) {
    return { reason: `the property is run by \`${call.expression.getText()}\`, which has ${runs.length === 0 ? 'no' : 'more than one'} \`fc.assert\`/\`fc.check\`` };
  }
  return { setting: settingOf(run.arguments[1], found.source, sources) };
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
 * Every fast-check run setting of a file: `fc.assert(fc.property(...), parameters)`, `fc.configureGlobal(parameters)`,
 * a project function given a property (`assertProperty(fc.property(...))`, whose own `fc.assert` decides), and any
 * call with an options argument that sets `numRuns` (a contract-test harness, `test.prop(arbitraries, { numRuns })`).
 * `numRuns` is resolved to its value wherever the parameters come from: a literal, a constant, an imported constant,
 * an `as const` object, an enum member, arithmetic on those, `{ ...defaults, numRuns }`. What cannot be resolved
 * (a call, an environment read) is kept with the reason.
 */
export function propertyRuns(source: ts.SourceFile, sources: ModuleSources): PropertyRuns[] {
  const found: PropertyRuns[] = [];
  const ordinals = new Map<string, number>();
  const visit = (node: ts.Node): void => {
    if (typescript.isCallExpression(node) && !isPropertyRun(node) && !isConfigureGlobal(node)) {
      if (isPropertyBuilder(node.arguments[0]) && !isPropertyBuilder(node)) {
        // A project function given the property runs it: its runs are the helper's.
        const delegated = delegatedSetting(node, sources);
        const scope = enclosingTitle(node, source);
        const ordinal = ordinals.get(scope) ?? 0;
        ordinals.set(scope, ordinal + 1);
        const setting = 'setting' in delegated ? delegated.setting : undefined;
        found.push({
          key: `${scope}#${ordinal}`,
          runs: 'reason' in delegated ? { known: false, reason: delegated.reason } : (setting?.runs ?? { known: true, value: FAST_CHECK_DEFAULT_RUNS }),
          explicit: setting !== undefined,
          written: setting?.written ?? normalizedText(node.expression, source),
          ...lineOf(source, node.getStart(source)),
        });
        typescript.forEachChild(node, visit);
        return;
      }
      const options = runOptionsArgument(node, sources);
      if (options !== undefined) {
        // A harness or runner taking fast-check's numRuns in its options.
        const setting = settingOf(options, source, sources);
        if (setting !== undefined) {
          const scope = enclosingTitle(node, source);
          const ordinal = ordinals.get(scope) ?? 0;
          ordinals.set(scope, ordinal + 1);
          found.push({ key: `${scope}#${ordinal}`, runs: setting.runs, explicit: true, written: setting.written, ...lineOf(source, setting.at.getStart(source)) });
        }
      }
    }
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
