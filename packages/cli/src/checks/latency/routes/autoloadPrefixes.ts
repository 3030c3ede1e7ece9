import path from 'node:path';
import { Node, SyntaxKind, type CallExpression, type Expression, type SourceFile } from 'ts-morph';

/** A folder @fastify/autoload loads, as the sources register it. */
export interface AutoloadFolder {
  /** Absolute directory. */
  dir: string;
  /** `options.prefix` of the registration, '' without one. */
  prefix: string;
  /** autoload's `dirNameRoutePrefix` (default true): sub-folders become url prefixes. */
  folderPrefixes: boolean;
  /** The `register(autoload, …)` call: its receiver is the instance the loaded plugins are registered on. */
  call: CallExpression;
  /** autoload's hook options; a value that is not a `true`/`false` literal counts as the one that adds hooks. */
  autoHooks: boolean;
  cascadeHooks: boolean;
  overwriteHooks: boolean;
  /** `encapsulate: false` lifts every loaded plugin into the registering instance, as fastify-plugin does. */
  encapsulate: boolean;
}

/** A boolean option written as a literal; `unknown` when it is written as anything else. */
function booleanOption(options: Node | undefined, name: string, fallback: boolean): boolean | 'unknown' {
  const value = objectProperty(options, name);
  if (value === undefined) return fallback;
  if (value.getKind() === SyntaxKind.TrueKeyword) return true;
  if (value.getKind() === SyntaxKind.FalseKeyword) return false;
  return 'unknown';
}

function literal(node: Node | undefined): string | undefined {
  if (node === undefined) return undefined;
  if (Node.isStringLiteral(node) || Node.isNoSubstitutionTemplateLiteral(node)) return node.getLiteralValue();
  return undefined;
}

function objectProperty(object: Node | undefined, name: string): Expression | undefined {
  if (object === undefined || !Node.isObjectLiteralExpression(object)) return undefined;
  const found = object.getProperty(name);
  return found !== undefined && Node.isPropertyAssignment(found) ? found.getInitializer() : undefined;
}

/**
 * A directory expression's value: `import.meta.dirname`, `__dirname`, `path.join(…)`/`path.resolve(…)` of those and
 * string literals, `fileURLToPath(new URL('routes', import.meta.url))`. Anything else is undefined: not guessed.
 */
function directory(node: Node | undefined, file: SourceFile, depth = 0): string | undefined {
  if (node === undefined || depth > 8) return undefined;
  const here = path.dirname(file.getFilePath());
  const text = node.getText().replace(/\s+/g, '');
  if (text === 'import.meta.dirname' || text === '__dirname') return here;
  // The module's own path: `import.meta.filename`, `__filename`, `fileURLToPath(import.meta.url)`.
  if (text === 'import.meta.filename' || text === '__filename' || /^(url\.)?fileURLToPath\(import\.meta\.url\)$/.test(text)) return file.getFilePath();
  const value = literal(node);
  if (value !== undefined) return value;
  // A constant holding one of these (`const here = path.dirname(fileURLToPath(import.meta.url))`).
  if (Node.isIdentifier(node)) {
    const declaration = node.getSymbol()?.getDeclarations()[0];
    if (declaration === undefined || !Node.isVariableDeclaration(declaration) || declaration.getVariableStatement()?.getDeclarationKind() !== 'const') return undefined;
    return directory(declaration.getInitializer(), declaration.getSourceFile(), depth + 1);
  }
  if (!Node.isCallExpression(node)) return undefined;
  const callee = node.getExpression().getText();
  const args = node.getArguments();
  if (/^(path\.)?(join|resolve)$/.test(callee)) {
    const parts = args.map((argument) => directory(argument, file, depth + 1));
    if (parts.some((part) => part === undefined)) return undefined;
    return path.resolve(here, ...(parts as string[]));
  }
  if (/^(path\.)?dirname$/.test(callee)) {
    const inner = directory(args[0], file, depth + 1);
    return inner === undefined ? undefined : path.dirname(inner);
  }
  if (/^(url\.)?fileURLToPath$/.test(callee) && Node.isNewExpression(args[0]) && args[0].getExpression().getText() === 'URL') {
    const [relative, base] = args[0].getArguments();
    if (base?.getText().replace(/\s+/g, '') !== 'import.meta.url') return undefined;
    const value2 = literal(relative);
    return value2 === undefined ? undefined : path.resolve(here, value2);
  }
  return undefined;
}

/** Whether an identifier names the default export of @fastify/autoload in this file. */
function isAutoload(node: Node): boolean {
  if (!Node.isIdentifier(node)) return false;
  const declaration = node.getSymbol()?.getDeclarations()[0];
  const importDeclaration = declaration?.getFirstAncestorByKind(SyntaxKind.ImportDeclaration);
  return importDeclaration?.getModuleSpecifierValue() === '@fastify/autoload';
}

/** `app.register(autoload, { dir, options: { prefix }, dirNameRoutePrefix })` calls in the sources. */
export function autoloadFolders(files: readonly SourceFile[]): AutoloadFolder[] {
  const folders: AutoloadFolder[] = [];
  for (const file of files) {
    if (!file.getFullText().includes('@fastify/autoload')) continue;
    for (const call of file.getDescendantsOfKind(SyntaxKind.CallExpression)) {
      const callee = call.getExpression();
      const [plugin, options] = call.getArguments();
      if (!Node.isPropertyAccessExpression(callee) || callee.getName() !== 'register' || plugin === undefined || !isAutoload(plugin)) continue;
      const dir = directory(objectProperty(options, 'dir'), file);
      if (dir === undefined) continue;
      const prefix = literal(objectProperty(objectProperty(options, 'options'), 'prefix')) ?? '';
      const folderPrefixes = objectProperty(options, 'dirNameRoutePrefix')?.getText() !== 'false';
      // An option the sources do not spell out is taken the way that puts more hooks on a route's path.
      const autoHooks = booleanOption(options, 'autoHooks', false) !== false;
      const cascadeHooks = booleanOption(options, 'cascadeHooks', false) !== false;
      const overwriteHooks = booleanOption(options, 'overwriteHooks', false) === true;
      const encapsulate = booleanOption(options, 'encapsulate', true) === true;
      folders.push({ dir: path.resolve(dir), prefix, folderPrefixes, call, autoHooks, cascadeHooks, overwriteHooks, encapsulate });
    }
  }
  return folders;
}

/**
 * The url prefix @fastify/autoload gives the plugins of a file, by default: the registration's prefix, then the
 * file's folder path under `dir` (a file directly in `dir`, `index.ts` included, gets none). Undefined when no
 * autoload folder holds the file. A file's own `autoPrefix` export is not read.
 */
export function autoloadPrefix(folders: readonly AutoloadFolder[], file: string): string | undefined {
  for (const folder of folders) {
    const relative = path.relative(folder.dir, path.dirname(file));
    if (relative.startsWith('..') || path.isAbsolute(relative)) continue;
    const folderPart = folder.folderPrefixes && relative !== '' ? `/${relative.split(path.sep).join('/')}` : '';
    return `${folder.prefix}${folderPart}`;
  }
  return undefined;
}
