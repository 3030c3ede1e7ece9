import type * as ts from 'typescript';
import { externalPackageName, isRelativeSpecifier } from '@npvguard/core';
import { typescript } from '../../../modules/typescript.js';
import type { DecoratorProvider } from '../types.js';
import { isInFastifyPackage, isInNodeModules, packageOfPath } from './fastifyTypes.js';

/** Packages a project never "provides" a capability through: fastify itself and Node's own types. */
const NOT_PROVIDERS = new Set(['fastify', 'node', 'typescript']);

/**
 * Who provides a capability no project file decorates, from where it is declared:
 * - in a package's types (`@fastify/sensible` augments `FastifyInstance` with `httpErrors`): that package;
 * - in a project file that does not decorate it but hands the instance to exactly one plugin package, by
 *   `export default plugin` (autoload) or `instance.register(plugin)`: that package;
 * and, with either, the package that declares the capability's own type (`knex: Knex` → `knex`), since the
 * file then uses that package's API. Anything else is unknown, with the reason.
 */
export function packageProviders(property: ts.Symbol | undefined, name: string, checker: ts.TypeChecker, relative: (fileName: string) => string): DecoratorProvider[] {
  const declarations = property?.declarations ?? [];
  if (declarations.length === 0) {
    return [{ type: 'unknown', reason: `no project file decorates \`${name}\` and no type declares it` }];
  }
  const fromPackages = unique(declarations.flatMap((declaration) => {
    const fileName = declaration.getSourceFile().fileName;
    const owner = isInNodeModules(fileName) ? packageOfPath(fileName) : undefined;
    return owner === undefined || NOT_PROVIDERS.has(owner) ? [] : [owner];
  }));
  const providers: DecoratorProvider[] = fromPackages.map((owner) => ({ type: 'package', name: owner, why: `${owner} declares it in its types` }));
  if (providers.length === 0) {
    const projectFiles = unique(declarations.map((declaration) => declaration.getSourceFile()).filter((file) => !isInNodeModules(file.fileName)).map((file) => file.fileName));
    for (const fileName of projectFiles) {
      const sourceFile = declarations.map((declaration) => declaration.getSourceFile()).find((file) => file.fileName === fileName);
      if (sourceFile === undefined) continue;
      const plugins = registeredPackages(sourceFile);
      const where = relative(fileName);
      if (plugins.length === 1 && plugins[0] !== undefined) {
        providers.push({ type: 'package', name: plugins[0], why: `${where} declares it and hands the instance to plugin ${plugins[0]}` });
      } else {
        const registers = plugins.length === 0 ? 'registers no plugin package' : `registers several plugin packages (${plugins.join(', ')})`;
        return [{ type: 'unknown', reason: `${where} declares \`${name}\` but no project file decorates it, and ${where} ${registers}` }];
      }
    }
  }
  if (providers.length === 0) return [{ type: 'unknown', reason: `no project file decorates \`${name}\`, and no package declares it` }];
  const typePackage = property === undefined ? undefined : packageOfType(checker.getTypeOfSymbol(property));
  if (typePackage !== undefined && !providers.some((provider) => provider.type === 'package' && provider.name === typePackage)) {
    providers.push({ type: 'package', name: typePackage, why: `its type comes from ${typePackage}` });
  }
  return providers;
}

/** The package whose declarations name the type (`Knex` → `knex`); none for fastify's, Node's and the language's own types. */
function packageOfType(type: ts.Type): string | undefined {
  const symbol = type.aliasSymbol ?? type.getSymbol();
  const fileName = symbol?.declarations?.[0]?.getSourceFile().fileName;
  if (fileName === undefined || !isInNodeModules(fileName) || isInFastifyPackage(fileName)) return undefined;
  const owner = packageOfPath(fileName);
  return owner === undefined || NOT_PROVIDERS.has(owner) ? undefined : owner;
}

/** Plugin packages a file hands the instance to: `export default plugin`, `export { default } from 'plugin'`, `x.register(plugin, …)`. */
function registeredPackages(sourceFile: ts.SourceFile): string[] {
  const packageOfBinding = new Map<string, string>();
  const found: string[] = [];
  for (const statement of sourceFile.statements) {
    if (typescript.isImportDeclaration(statement) && typescript.isStringLiteral(statement.moduleSpecifier) && statement.importClause?.isTypeOnly !== true) {
      const specifier = statement.moduleSpecifier.text;
      if (isRelativeSpecifier(specifier) || specifier.startsWith('#')) continue;
      const owner = externalPackageName(specifier);
      const clause = statement.importClause;
      if (clause?.name !== undefined) packageOfBinding.set(clause.name.text, owner);
      const named = clause?.namedBindings;
      if (named !== undefined && typescript.isNamespaceImport(named)) packageOfBinding.set(named.name.text, owner);
      if (named !== undefined && typescript.isNamedImports(named)) for (const element of named.elements) packageOfBinding.set(element.name.text, owner);
    }
    if (
      typescript.isExportDeclaration(statement) &&
      statement.moduleSpecifier !== undefined &&
      typescript.isStringLiteral(statement.moduleSpecifier) &&
      !isRelativeSpecifier(statement.moduleSpecifier.text) &&
      statement.exportClause !== undefined &&
      typescript.isNamedExports(statement.exportClause) &&
      statement.exportClause.elements.some((element) => element.name.text === 'default')
    ) {
      found.push(externalPackageName(statement.moduleSpecifier.text));
    }
  }
  const visit = (node: ts.Node): void => {
    if (typescript.isExportAssignment(node) && !node.isExportEquals && typescript.isIdentifier(node.expression)) {
      const owner = packageOfBinding.get(node.expression.text);
      if (owner !== undefined) found.push(owner);
    }
    if (typescript.isCallExpression(node) && typescript.isPropertyAccessExpression(node.expression) && node.expression.name.text === 'register') {
      const plugin = node.arguments[0];
      const owner = plugin !== undefined && typescript.isIdentifier(plugin) ? packageOfBinding.get(plugin.text) : undefined;
      if (owner !== undefined) found.push(owner);
    }
    typescript.forEachChild(node, visit);
  };
  visit(sourceFile);
  return unique(found.filter((owner) => !NOT_PROVIDERS.has(owner) && owner !== 'fastify-plugin'));
}

function unique<T>(values: readonly T[]): T[] {
  return [...new Set(values)].sort();
}
