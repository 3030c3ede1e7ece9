import path from 'node:path';
import { evaluateImport, isIgnored, layerOf, type ImportVerdict } from '@npvguard/core';
import { AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import picomatch from 'picomatch';
import { erasureOptions, importKind } from '../util/boundaries/import-kind.js';
import { projectOptionsFor, resolveImport } from '../util/boundaries/module-resolution.js';
import { compiledPolicy } from '../util/boundaries/policy.js';
import { createRule } from '../util/create-rule.js';
import { INVALID_SETTINGS_MESSAGE, withSettings } from '../util/rule-settings.js';

export type Options = [];
export type MessageIds =
  | 'forbiddenImport'
  | 'privateImport'
  | 'externalNotAllowed'
  | 'unresolvedImport'
  | 'unassignedFile'
  | 'notConfigured'
  | 'invalidConfig'
  | 'invalidSettings';

const DECLARATION_FILE = /\.d\.[cm]?ts$/;

/** `npvguard check` analyses these files by default (the config's `include`). */
const DEFAULT_INCLUDE: readonly string[] = ['src/**/*.{ts,tsx,mts,cts}'];

const VERDICT_MESSAGES = {
  'boundaries/forbidden-import': 'forbiddenImport',
  'boundaries/private-import': 'privateImport',
  'boundaries/external-not-allowed': 'externalNotAllowed',
} as const satisfies Record<NonNullable<ImportVerdict['ruleId']>, MessageIds>;

type ImportNode =
  | TSESTree.ImportDeclaration
  | TSESTree.ExportNamedDeclaration
  | TSESTree.ExportAllDeclaration
  | TSESTree.TSImportEqualsDeclaration
  | TSESTree.ImportExpression
  | TSESTree.CallExpression
  | TSESTree.TSImportType;

export default createRule<Options, MessageIds>({
  name: 'boundaries',
  meta: {
    type: 'problem',
    docs: {
      description:
        "Enforce the npvguard config's layer boundaries on every import, with the same policy and verdicts as `npvguard check`",
    },
    messages: {
      forbiddenImport: '{{target}} ({{kind}}): {{reason}}. Instead, {{allowedInstead}}. [boundaries/forbidden-import]',
      privateImport: '{{target}} ({{kind}}): {{reason}}. Instead, {{allowedInstead}}. [boundaries/private-import]',
      externalNotAllowed: '{{target}} ({{kind}}): {{reason}}. Instead, {{allowedInstead}}. [boundaries/external-not-allowed]',
      unresolvedImport:
        '`{{specifier}}` does not resolve to a file, so the layer it reaches is unknown; an unresolved import is never allowed silently. Fix the path (or lint with type information for `paths` aliases). [boundaries/unresolved-import]',
      unassignedFile:
        '{{file}} belongs to no layer in boundaries.layers, so no import rule can protect it. Add it to a layer, or to boundaries.ignore if it is generated. [boundaries/unassigned-file]',
      notConfigured:
        'The boundaries rule is on but `settings.npvguard.boundaries` is not set. Pass the `boundaries` section of npvguard.config.ts in the ESLint settings.',
      invalidConfig: 'The boundaries settings are invalid: {{problem}}',
      invalidSettings: INVALID_SETTINGS_MESSAGE,
    },
    schema: [],
    defaultOptions: [],
  },
  create(context) {
    return withSettings(context, (settings) => {
      if (!settings.boundaries) return reportOnce(context, 'notConfigured', {});
      const compiled = compiledPolicy(settings.boundaries);
      if (!compiled.ok) return reportOnce(context, 'invalidConfig', { problem: compiled.problem });
      const policy = compiled.policy;
      const root = path.resolve(context.cwd, settings.root ?? '.');
      const lintedFile = path.resolve(context.cwd, context.filename);
      const fromFile = posixRelative(root, lintedFile);
      const included = picomatch([...(settings.include ?? DEFAULT_INCLUDE)], { dot: true });
      if (fromFile.startsWith('../') || !included(fromFile) || isIgnored(policy, fromFile)) return {};
      if (!layerOf(policy, fromFile)) return reportOnce(context, 'unassignedFile', { file: fromFile });

      const sourceCode = context.sourceCode;
      const program = sourceCode.parserServices?.program ?? undefined;
      const project = projectOptionsFor(lintedFile, program);
      const erasure = erasureOptions(project.options);

      function check(node: ImportNode, source: TSESTree.Node | null | undefined): void {
        const specifier = literalSpecifier(source);
        if (specifier === undefined) {
          context.report({ node, messageId: 'unresolvedImport', data: { specifier: source ? sourceCode.getText(source) : '(none)' } });
          return;
        }
        const resolved = resolveImport(specifier, lintedFile, root, project);
        if (resolved.type === 'unresolved') {
          context.report({ node, messageId: 'unresolvedImport', data: { specifier } });
          return;
        }
        // A declaration file is never executed: every import in it is type-only.
        const kind = DECLARATION_FILE.test(lintedFile) ? 'type' : importKind(node, sourceCode, erasure);
        const verdict =
          resolved.type === 'file'
            ? evaluateImport(policy, { fromFile, toFile: posixRelative(root, resolved.path), kind })
            : evaluateImport(policy, { fromFile, toPackage: resolved.name, kind });
        if (verdict.allowed || !verdict.ruleId) return;
        context.report({
          node,
          messageId: VERDICT_MESSAGES[verdict.ruleId],
          data: {
            target: describeTarget(verdict, specifier),
            kind: kind === 'type' ? 'type-only' : 'runtime',
            reason: verdict.reason,
            allowedInstead: verdict.allowedInstead,
          },
        });
      }

      return {
        ImportDeclaration: (node) => check(node, node.source),
        ExportNamedDeclaration: (node) => {
          if (node.source) check(node, node.source);
        },
        ExportAllDeclaration: (node) => check(node, node.source),
        TSImportEqualsDeclaration: (node) => {
          if (node.moduleReference.type === AST_NODE_TYPES.TSExternalModuleReference) check(node, node.moduleReference.expression);
        },
        ImportExpression: (node) => check(node, node.source),
        TSImportType: (node) => check(node, node.argument.type === AST_NODE_TYPES.TSLiteralType ? node.argument.literal : node.argument),
        CallExpression: (node) => {
          if (node.callee.type === AST_NODE_TYPES.Identifier && node.callee.name === 'require' && node.arguments.length === 1) {
            check(node, node.arguments[0]);
          }
        },
      };
    });
  },
});

function literalSpecifier(node: TSESTree.Node | null | undefined): string | undefined {
  if (node?.type === AST_NODE_TYPES.Literal && typeof node.value === 'string') return node.value;
  if (node?.type === AST_NODE_TYPES.TemplateLiteral && node.expressions.length === 0) return node.quasis[0]?.value.cooked ?? undefined;
  return undefined;
}

function describeTarget(verdict: ImportVerdict, specifier: string): string {
  if (verdict.packageName) return `Import of package ${verdict.packageName} from layer ${verdict.fromLayer ?? '?'}`;
  if (verdict.toLayer) return `Import of \`${specifier}\` (layer ${verdict.toLayer}) from layer ${verdict.fromLayer ?? '?'}`;
  return `Import of \`${specifier}\` from layer ${verdict.fromLayer ?? '?'}`;
}

function posixRelative(root: string, file: string): string {
  return path.relative(root, file).split(path.sep).join('/');
}

function reportOnce(
  context: Readonly<TSESLint.RuleContext<MessageIds, Options>>,
  messageId: MessageIds,
  data: Record<string, string>,
): TSESLint.RuleListener {
  return {
    Program() {
      context.report({ loc: { start: { line: 1, column: 0 }, end: { line: 1, column: 0 } }, messageId, data });
    },
  };
}
