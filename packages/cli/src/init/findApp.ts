import { existsSync } from 'node:fs';
import path from 'node:path';
import { Node, Project, SyntaxKind, ts, type CallExpression, type ParameterDeclaration, type Expression, type Identifier, type ObjectLiteralExpression, type SourceFile } from 'ts-morph';

/** One way the project builds its fastify app, found in the sources. */
export interface AppCandidate {
  /**
   * `factory`: an exported function returning the `fastify()` instance itself; `async-factory`: the same but async
   * (it hands over a booted app); `plugin`: an exported fastify plugin (the app registered on an instance);
   * `listen-entry`: a module that builds the app and calls `listen` with no export to reuse.
   */
  kind: 'factory' | 'async-factory' | 'plugin' | 'listen-entry';
  /** Root-relative, `/`-separated. */
  file: string;
  /** The export (`default` for a default export); absent for a listen entry. */
  exportName?: string;
  line: number;
  score: number;
  /** Why it was found, in the user's terms. */
  reasons: string[];
  /** For a plugin: how an entry or helper registers it on the root instance, when one does. */
  registration?: PluginRegistration;
  /** A plugin registered on the root instance beside others: one part of the app, listed, never chosen. */
  part?: boolean;
  /** The test runner its module imports: it cannot be loaded outside a test run, so it is listed, never chosen. */
  testFramework?: string;
  /** For a listen entry: the setup between creating the instance and `listen`, when it can be reproduced, or why not. */
  setup?: ListenSetup;
  /**
   * For a listen entry whose setup cannot be repeated, inside an exported function (`startServer({ port })`): that
   * function, to be called with the app taken when it would listen (`appBuiltBy`), and what each parameter gets.
   */
  capture?: { exportName: string; parameters: ('object' | 'value')[] };
}

/**
 * What an entry does between `fastify()` and `listen`, when every step is a call on the instance whose arguments
 * are literals or imported values: a factory module can then do the same and return the instance unstarted.
 */
export type ListenSetup =
  | {
      reproducible: true;
      /** The instance's variable name in the entry. */
      variable: string;
      /** The initializer creating the instance, as written. */
      creation: string;
      /** The statements between creation and listen, as written (dedented). */
      statements: string[];
      /** The entry's import declarations that the copied text uses: original text and module specifier. */
      imports: { text: string; specifier: string }[];
      firstLine: number;
      lastLine: number;
    }
  | { reproducible: false; reason: string };

export interface PluginRegistration {
  /** Root-relative file of the `register` call. */
  file: string;
  /** The plugin was wrapped in `fastify-plugin` (`fp(app)`), so its hooks and decorators apply to the root. */
  wrapped: boolean;
  /** `fastify({...})` options the entry passes whose values are literals (copied as source text). */
  serverOptions: string[];
  /** Option properties passed to `register`, as source text, when they are literals. */
  pluginOptions: string[];
}

/** A route found statically: method, full path (autoload folder prefixes applied), where it is declared. */
export interface StaticRoute {
  method: string;
  url: string;
  file: string;
  line: number;
}

export interface AppDiscovery {
  candidates: AppCandidate[];
  routes: StaticRoute[];
  /** Root-relative folders that @fastify/autoload loads. */
  autoloadDirs: string[];
  /** How most relative imports of the sources end (`.js` NodeNext style, `.ts`, or no extension): a generated module imports the same way. */
  importExtension: '.js' | '.ts' | '';
}

const ROUTE_METHODS = ['get', 'post', 'put', 'patch', 'delete', 'head', 'options'] as const;

function unwrap(node: Node): Node {
  let current = node;
  for (;;) {
    if (Node.isParenthesizedExpression(current) || Node.isAsExpression(current) || Node.isSatisfiesExpression(current) || Node.isNonNullExpression(current) || Node.isTypeAssertion(current)) current = current.getExpression();
    else return current;
  }
}

/** The import or require a local name comes from: module specifier and imported name (`default` for a default import). */
function importOrigin(identifier: Identifier): { module: string; name: string } | undefined {
  const declaration = identifier.getSymbol()?.getDeclarations()[0];
  if (declaration === undefined) return undefined;
  if (Node.isImportClause(declaration)) {
    const module = declaration.getParentIfKind(SyntaxKind.ImportDeclaration)?.getModuleSpecifierValue();
    return module === undefined ? undefined : { module, name: 'default' };
  }
  if (Node.isImportSpecifier(declaration)) {
    return { module: declaration.getImportDeclaration().getModuleSpecifierValue(), name: declaration.getName() };
  }
  if (Node.isNamespaceImport(declaration)) {
    const module = declaration.getFirstAncestorByKind(SyntaxKind.ImportDeclaration)?.getModuleSpecifierValue();
    return module === undefined ? undefined : { module, name: '*' };
  }
  if (Node.isVariableDeclaration(declaration)) {
    const init = declaration.getInitializer();
    const call = init === undefined ? undefined : unwrap(init);
    if (call !== undefined && Node.isCallExpression(call) && call.getExpression().getText() === 'require') {
      const argument = call.getArguments()[0];
      if (argument !== undefined && Node.isStringLiteral(argument)) return { module: argument.getLiteralValue(), name: 'default' };
    }
  }
  return undefined;
}

function calleeFrom(call: CallExpression, module: string, names: readonly string[]): boolean {
  const callee = unwrap(call.getExpression());
  if (Node.isIdentifier(callee)) {
    const origin = importOrigin(callee);
    return origin !== undefined && origin.module === module && names.includes(origin.name);
  }
  // `Fastify.default()` or `ns.fastify()`
  if (Node.isPropertyAccessExpression(callee)) {
    const object = unwrap(callee.getExpression());
    if (!Node.isIdentifier(object)) return false;
    const origin = importOrigin(object);
    return origin !== undefined && origin.module === module && names.includes(callee.getName());
  }
  return false;
}

/** `fastify()` / `Fastify({...})` from the `fastify` package. */
function isFastifyCall(node: Node): node is CallExpression {
  return Node.isCallExpression(node) && calleeFrom(node, 'fastify', ['default', 'fastify', '*']);
}

/** The `fastify()` call an expression's value comes from (through variables and `.withTypeProvider()`-like chains). */
function fastifyCallOf(expression: Node, depth = 0): CallExpression | undefined {
  if (depth > 32) return undefined;
  const node = unwrap(expression);
  if (isFastifyCall(node)) return node;
  if (Node.isCallExpression(node)) {
    const callee = node.getExpression();
    // fastify().withTypeProvider<T>().setValidatorCompiler(…) returns the same instance
    if (Node.isPropertyAccessExpression(callee) && CHAINABLE.has(callee.getName())) return fastifyCallOf(callee.getExpression(), depth + 1);
    return undefined;
  }
  if (Node.isIdentifier(node)) {
    const declaration = node.getSymbol()?.getDeclarations()[0];
    if (declaration !== undefined && Node.isVariableDeclaration(declaration)) {
      const init = declaration.getInitializer();
      return init === undefined ? undefined : fastifyCallOf(init, depth + 1);
    }
  }
  return undefined;
}

/** Instance methods that return the instance they are called on. */
const CHAINABLE = new Set([
  'withTypeProvider', 'setValidatorCompiler', 'setSerializerCompiler', 'setReplySerializer', 'setSchemaErrorFormatter', 'setErrorHandler',
  'setNotFoundHandler', 'addSchema', 'addHook', 'decorate', 'decorateRequest', 'decorateReply', 'register', 'addContentTypeParser',
]);

type FunctionNode = Node & { getParameters(): Node[]; isAsync(): boolean; getBody(): Node | undefined };

function asFunction(node: Node | undefined): FunctionNode | undefined {
  if (node === undefined) return undefined;
  const value = unwrap(node);
  if (Node.isFunctionDeclaration(value) || Node.isArrowFunction(value) || Node.isFunctionExpression(value)) return value as unknown as FunctionNode;
  // fp(async function (fastify) {...}) / fastifyPlugin(...)
  if (Node.isCallExpression(value) && calleeFrom(value, 'fastify-plugin', ['default', 'fastifyPlugin', 'fp'])) return asFunction(value.getArguments()[0]);
  if (Node.isVariableDeclaration(value)) return asFunction(value.getInitializer());
  if (Node.isIdentifier(value)) {
    const declaration = value.getSymbol()?.getDeclarations()[0];
    if (declaration !== undefined && declaration !== value) return asFunction(declaration);
  }
  return undefined;
}

function returnedExpressions(fn: FunctionNode): Node[] {
  const body = fn.getBody();
  if (body === undefined) return [];
  if (!Node.isBlock(body)) return [body];
  return body
    .getDescendantsOfKind(SyntaxKind.ReturnStatement)
    .filter((statement) => nearestFunction(statement) === fn)
    .map((statement) => statement.getExpression())
    .filter((expression): expression is Expression => expression !== undefined);
}

function nearestFunction(node: Node): Node | undefined {
  return node.getFirstAncestor((ancestor) => Node.isFunctionDeclaration(ancestor) || Node.isArrowFunction(ancestor) || Node.isFunctionExpression(ancestor) || Node.isMethodDeclaration(ancestor));
}

/** The first argument of `path.join(import.meta.dirname, 'routes')`, `join(__dirname, 'a', 'b')`, `` `${__dirname}/routes` `` as a folder. */
function folderOf(expression: Node | undefined, fileDir: string): string | undefined {
  if (expression === undefined) return undefined;
  const node = unwrap(expression);
  if (Node.isCallExpression(node) && /(^|\.)(join|resolve)$/.test(node.getExpression().getText())) {
    const [first, ...rest] = node.getArguments();
    if (first === undefined || !/__dirname|import\.meta\.dirname|dirname\(/.test(first.getText())) return undefined;
    const parts = rest.map((part) => (Node.isStringLiteral(part) || Node.isNoSubstitutionTemplateLiteral(part) ? part.getLiteralValue() : undefined));
    if (parts.some((part) => part === undefined)) return undefined;
    return path.join(fileDir, ...(parts as string[]));
  }
  if (Node.isTemplateExpression(node)) {
    const spans = node.getTemplateSpans();
    if (spans.length === 1 && /__dirname|import\.meta\.dirname/.test(spans[0]?.getExpression().getText() ?? '') && node.getHead().getLiteralText() === '') {
      return path.join(fileDir, spans[0]?.getLiteral().getLiteralText() ?? '');
    }
  }
  return undefined;
}

function property(object: ObjectLiteralExpression | undefined, name: string): Node | undefined {
  const found = object?.getProperty(name);
  return found !== undefined && Node.isPropertyAssignment(found) ? found.getInitializer() : undefined;
}

function objectArgument(node: Node | undefined): ObjectLiteralExpression | undefined {
  if (node === undefined) return undefined;
  const value = unwrap(node);
  if (Node.isObjectLiteralExpression(value)) return value;
  // `config()` where config returns an object literal
  if (Node.isCallExpression(value)) {
    const fn = asFunction(value.getExpression());
    const returned = fn === undefined ? [] : returnedExpressions(fn);
    const literal = returned.length === 1 && returned[0] !== undefined ? unwrap(returned[0]) : undefined;
    return literal !== undefined && Node.isObjectLiteralExpression(literal) ? literal : undefined;
  }
  return undefined;
}

/** Properties whose values are literals (no names, calls or environment reads): safe to copy into another module. */
function literalProperties(object: ObjectLiteralExpression | undefined, skip: readonly string[]): string[] {
  if (object === undefined) return [];
  return object.getProperties().flatMap((entry) => {
    if (!Node.isPropertyAssignment(entry)) return [];
    const name = entry.getName();
    if (skip.includes(name)) return [];
    const value = entry.getInitializer();
    if (value === undefined) return [];
    const impure = value.getDescendants().some((node) => Node.isIdentifier(node) && !Node.isPropertyAssignment(node.getParent()) && !['undefined'].includes(node.getText()));
    if (impure || Node.isIdentifier(value)) return [];
    // Re-indented for the four spaces the generated module puts before a property.
    const text = entry.getSourceFile().getFullText();
    const lineStart = text.lastIndexOf('\n', entry.getStart() - 1) + 1;
    const indent = /^[ \t]*/.exec(text.slice(lineStart, entry.getStart()))?.[0] ?? '';
    return [entry.getText().split('\n').map((line, index) => (index > 0 && line.startsWith(indent) ? `    ${line.slice(indent.length)}` : line)).join('\n')];
  });
}

function relative(root: string, file: string): string {
  return path.relative(root, file).split(path.sep).join('/');
}

function exportNameOf(sourceFile: SourceFile, fn: Node): string | undefined {
  for (const [name, declarations] of sourceFile.getExportedDeclarations()) {
    for (const declaration of declarations) {
      if (declaration === fn || asFunction(declaration) === fn) return name;
    }
  }
  return undefined;
}

function isTestHelper(file: string): boolean {
  return /^(test|tests|__tests__)\//.test(file);
}

function compilerOptions(root: string): { tsConfigFilePath?: string; compilerOptions?: ts.CompilerOptions } {
  const tsconfig = path.join(root, 'tsconfig.json');
  if (existsSync(tsconfig)) return { tsConfigFilePath: tsconfig };
  return { compilerOptions: { module: ts.ModuleKind.NodeNext, moduleResolution: ts.ModuleResolutionKind.NodeNext, allowJs: false, strict: false } };
}

/** A ts-morph project over the given root-relative files, with the project's compiler options. */
export function openProject(root: string, files: readonly string[]): Project {
  const project = new Project({ ...compilerOptions(root), skipAddingFilesFromTsConfig: true, skipFileDependencyResolution: true });
  for (const file of files) project.addSourceFileAtPath(path.join(root, file));
  return project;
}

/**
 * Finds how the project builds its fastify app, reading values, not names: exported functions that return the
 * instance a `fastify()` call created, exported plugins (registered on such an instance, or registering
 * `@fastify/autoload`), entries that create an instance and call `listen`. Ranked, best first.
 */
export function discoverApp(root: string, files: readonly string[], project: Project = openProject(root, files)): AppDiscovery {
  const candidates = new Map<Node, AppCandidate>();
  const registrations = new Map<Node, PluginRegistration & { root: boolean; inFactory: boolean; instance?: Node }>();
  /** `fastify()` call → how many local plugins are registered on the instance it creates. */
  const pluginsPerInstance = new Map<Node, number>();
  const autoloadDirs: { dir: string; prefix: string; plugin: Node | undefined }[] = [];
  /** Plugin function → the prefix it is registered with and the function that registers it. */
  const mounts = new Map<Node, { prefix: string; parent: Node | undefined }>();
  const sourceFiles = project.getSourceFiles().filter((file) => files.includes(relative(root, file.getFilePath())));
  let jsImports = 0;
  let tsImports = 0;
  let bareImports = 0;

  for (const sourceFile of sourceFiles) {
    for (const declaration of sourceFile.getImportDeclarations()) {
      const specifier = declaration.getModuleSpecifierValue();
      if (!specifier.startsWith('.')) continue;
      if (/\.js$/.test(specifier)) jsImports += 1;
      else if (/\.[cm]?tsx?$/.test(specifier)) tsImports += 1;
      else bareImports += 1;
    }
    for (const call of sourceFile.getDescendantsOfKind(SyntaxKind.CallExpression)) {
      const callee = call.getExpression();
      if (!Node.isPropertyAccessExpression(callee) || callee.getName() !== 'register') continue;
      const [pluginArgument, options] = call.getArguments();
      if (pluginArgument === undefined) continue;
      const receiverCall = fastifyCallOf(callee.getExpression());
      const unwrapped = unwrap(pluginArgument);
      if (Node.isIdentifier(unwrapped) && importOrigin(unwrapped)?.module === '@fastify/autoload') {
        const optionObject = objectArgument(options);
        const dir = folderOf(property(optionObject, 'dir'), path.dirname(sourceFile.getFilePath()));
        const prefixNode = property(optionObject, 'prefix');
        const prefix = prefixNode !== undefined && Node.isStringLiteral(prefixNode) ? prefixNode.getLiteralValue() : '';
        if (dir !== undefined) autoloadDirs.push({ dir, prefix, plugin: nearestFunction(call) });
        continue;
      }
      const wrapped = Node.isCallExpression(unwrapped) && calleeFrom(unwrapped, 'fastify-plugin', ['default', 'fastifyPlugin', 'fp']);
      const target = wrapped ? (unwrapped as CallExpression).getArguments()[0] : unwrapped;
      if (target === undefined || !Node.isIdentifier(unwrap(target))) continue;
      const symbol = (unwrap(target) as Identifier).getSymbol();
      const aliased = symbol?.getAliasedSymbol() ?? symbol;
      const declaration = aliased?.getDeclarations()[0];
      const fn = declaration === undefined ? undefined : asFunction(Node.isExportAssignment(declaration) ? declaration.getExpression() : declaration);
      if (fn === undefined) continue;
      if (receiverCall !== undefined) pluginsPerInstance.set(receiverCall, (pluginsPerInstance.get(receiverCall) ?? 0) + 1);
      const prefixNode = property(objectArgument(options), 'prefix');
      if (!mounts.has(fn)) mounts.set(fn, { prefix: prefixNode !== undefined && Node.isStringLiteral(prefixNode) ? prefixNode.getLiteralValue() : '', parent: nearestFunction(call) });
      const previous = registrations.get(fn);
      if (previous?.root === true) continue;
      // Registered by an exported factory of the sources: that factory is the app, the plugin one part of it.
      const enclosing = nearestFunction(call);
      const inFactory = !isTestHelper(relative(root, sourceFile.getFilePath())) && enclosing !== undefined && exportNameOf(sourceFile, enclosing) !== undefined;
      registrations.set(fn, {
        file: relative(root, sourceFile.getFilePath()),
        wrapped,
        root: receiverCall !== undefined && !inFactory,
        inFactory,
        ...(receiverCall === undefined ? {} : { instance: receiverCall }),
        serverOptions: receiverCall === undefined ? [] : literalProperties(objectArgument(receiverCall.getArguments()[0]), ['logger']),
        pluginOptions: literalProperties(objectArgument(options), []),
      });
    }
  }

  const inAutoloadDir = (file: string) => autoloadDirs.some(({ dir }) => !path.relative(dir, file).startsWith('..'));
  for (const sourceFile of sourceFiles) {
    const file = relative(root, sourceFile.getFilePath());
    const helper = isTestHelper(file);
    for (const [name, declarations] of sourceFile.getExportedDeclarations()) {
      for (const declaration of declarations) {
        const fn = asFunction(Node.isExportAssignment(declaration) ? declaration.getExpression() : declaration);
        if (fn === undefined || fn.getSourceFile() !== sourceFile || candidates.has(fn)) continue;
        const line = fn.getStartLineNumber();
        const created = returnedExpressions(fn).map((expression) => fastifyCallOf(expression)).find((call) => call !== undefined);
        // A function that starts the server is an entry, not a factory: building the app through it would listen.
        if (created !== undefined && !callsListen(fn)) {
          const async = fn.isAsync();
          const reasons = [`${name === 'default' ? 'the default export' : name} returns the instance created by ${created.getExpression().getText()}() (line ${created.getStartLineNumber()})`];
          if (async) reasons.push('it is async: its promise is awaited for the app');
          const framework = testFramework(sourceFile);
          if (helper) reasons.push('it is a test helper');
          else if (framework !== undefined) reasons.push(`it is test support: its module imports ${framework}, which runs only under the test runner`);
          candidates.set(fn, { kind: async ? 'async-factory' : 'factory', file, exportName: name, line, score: framework !== undefined ? 30 : async ? 40 : helper ? 60 : 100, reasons, ...(framework === undefined ? {} : { testFramework: framework }) });
          continue;
        }
        if (fn.getParameters().length === 0 || inAutoloadDir(sourceFile.getFilePath())) continue;
        const registration = registrations.get(fn);
        const loadsAutoload = autoloadDirs.some(({ plugin }) => plugin === fn);
        const reasons: string[] = [];
        let score = 0;
        const siblings = registration?.instance === undefined ? 0 : (pluginsPerInstance.get(registration.instance) ?? 0) - 1;
        if (registration?.root === true && siblings > 0) {
          // One of several plugins on the root instance (routes registered one by one): a part of the app, not the app.
          score = 20;
          reasons.push(`${registration.file} registers it and ${siblings} other plugin${siblings === 1 ? '' : 's'} on the instance it creates with fastify(), so it is one part of the app`);
        } else if (registration?.root === true) {
          score = 90;
          reasons.push(`${registration.file} registers it${registration.wrapped ? ' with fastify-plugin' : ''} on the instance it creates with fastify()`);
        } else if (registration !== undefined && !registration.inFactory) continue; // a plugin another plugin registers is part of the app, not the app
        if (loadsAutoload) {
          score = Math.max(score, 85);
          reasons.push('it loads folders with @fastify/autoload');
        }
        if (score === 0) continue;
        const { serverOptions, pluginOptions, wrapped, file: registeredIn } = registration ?? { serverOptions: [], pluginOptions: [], wrapped: false, file: '' };
        if (helper) score -= 30;
        candidates.set(fn, { kind: 'plugin', file, exportName: name, line, score, reasons, ...(siblings > 0 && registration?.root === true && !loadsAutoload ? { part: true } : {}), ...(registration === undefined ? {} : { registration: { file: registeredIn, wrapped, serverOptions, pluginOptions } }) });
      }
    }
    // An entry that builds the app and listens, with nothing exported to reuse.
    for (const call of sourceFile.getDescendantsOfKind(SyntaxKind.CallExpression)) {
      const callee = call.getExpression();
      if (!Node.isPropertyAccessExpression(callee) || callee.getName() !== 'listen') continue;
      const created = fastifyCallOf(callee.getExpression());
      if (created === undefined || [...candidates.values()].some((candidate) => candidate.file === file && candidate.kind !== 'listen-entry' && candidate.score >= 60)) continue;
      const setup = listenSetup(call, created);
      const reasons = [`it creates the app with ${created.getExpression().getText()}() and calls listen when it is run`];
      // The function that creates the instance and listens, exported: it can be run with its listen call held.
      const enclosing = nearestFunction(call);
      const exportName = enclosing !== undefined && nearestFunction(created) === enclosing && !helper ? exportNameOf(sourceFile, enclosing) : undefined;
      const capture = setup.reproducible || exportName === undefined || enclosing === undefined
        ? undefined
        : { exportName, parameters: (enclosing as Node & { getParameters(): ParameterDeclaration[] }).getParameters().map((parameter): 'object' | 'value' => (Node.isObjectBindingPattern(parameter.getNameNode()) ? 'object' : 'value')) };
      if (setup.reproducible) reasons.push(`every step between them (lines ${setup.firstLine}–${setup.lastLine}) is a call on the instance with literal or imported arguments, so a factory module can repeat them without listening`);
      else reasons.push(`its setup cannot be repeated without running it: ${setup.reason}`);
      if (capture !== undefined) reasons.push(`${capture.exportName} is exported: a factory module can run it and take the app when it would listen, without listening`);
      candidates.set(call, { kind: 'listen-entry', file, line: created.getStartLineNumber(), score: setup.reproducible ? 70 : capture !== undefined ? 35 : 10, reasons, setup, ...(capture === undefined ? {} : { capture }) });
    }
  }

  const ranked = [...candidates.values()].sort((a, b) => b.score - a.score || Number(isTestHelper(a.file)) - Number(isTestHelper(b.file)) || a.file.localeCompare(b.file) || a.line - b.line);
  return {
    candidates: ranked,
    routes: staticRoutes(root, sourceFiles, autoloadDirs, mounts),
    autoloadDirs: [...new Set(autoloadDirs.map(({ dir }) => relative(root, dir)))].sort(),
    importExtension: tsImports > jsImports && tsImports > bareImports ? '.ts' : bareImports > jsImports ? '' : '.js',
  };
}

/** Test runners whose API fails outside a test run: a module importing one is test support. */
const TEST_FRAMEWORKS = ['vitest', 'jest', '@jest/globals', 'mocha', 'node:test', 'tap', 'ava'];

function testFramework(sourceFile: SourceFile): string | undefined {
  for (const declaration of sourceFile.getImportDeclarations()) {
    if (declaration.isTypeOnly()) continue;
    const specifier = declaration.getModuleSpecifierValue();
    if (TEST_FRAMEWORKS.includes(specifier)) return specifier;
  }
  return undefined;
}

/** The function's own body calls `listen` on a fastify instance. */
function callsListen(fn: FunctionNode): boolean {
  return (fn.getBody()?.getDescendantsOfKind(SyntaxKind.CallExpression) ?? []).some((call) => {
    const callee = call.getExpression();
    return Node.isPropertyAccessExpression(callee) && callee.getName() === 'listen' && fastifyCallOf(callee.getExpression()) !== undefined;
  });
}

/** A value a factory module can recompute by importing the same things: literals, imports, their properties, literal objects and arrays of those. */
function copyableValue(node: Node): string | undefined {
  const value = unwrap(node);
  if (Node.isStringLiteral(value) || Node.isNumericLiteral(value) || Node.isNoSubstitutionTemplateLiteral(value) || Node.isTrueLiteral(value) || Node.isFalseLiteral(value) || Node.isNullLiteral(value) || Node.isRegularExpressionLiteral(value)) return undefined;
  if (Node.isPrefixUnaryExpression(value) && Node.isNumericLiteral(value.getOperand())) return undefined;
  if (Node.isIdentifier(value)) {
    if (value.getText() === 'undefined' || importOrigin(value) !== undefined) return undefined;
    return `\`${value.getText()}\` is a value computed in the code, not an import`;
  }
  if (Node.isPropertyAccessExpression(value)) return copyableValue(value.getExpression());
  if (Node.isArrayLiteralExpression(value)) {
    for (const element of value.getElements()) {
      const why = copyableValue(element);
      if (why !== undefined) return why;
    }
    return undefined;
  }
  if (Node.isObjectLiteralExpression(value)) {
    for (const entry of value.getProperties()) {
      if (Node.isPropertyAssignment(entry) && !Node.isComputedPropertyName(entry.getNameNode())) {
        const initializer = entry.getInitializer();
        const why = initializer === undefined ? 'an option without a value' : copyableValue(initializer);
        if (why !== undefined) return why;
      } else if (Node.isShorthandPropertyAssignment(entry)) {
        if (importOrigin(entry.getNameNode()) === undefined) return `\`${entry.getName()}\` is a value computed in the code, not an import`;
      } else return `\`${oneLine(entry.getText())}\` is computed`;
    }
    return undefined;
  }
  return `\`${oneLine(value.getText())}\` is computed where the app is built`;
}

function oneLine(text: string): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > 60 ? `${line.slice(0, 57)}...` : line;
}

/** Every call of a chain `a.b(x).c(y)` down to its root expression; undefined when a link is not a method call. */
function callChain(expression: Node): { root: Node; calls: CallExpression[] } | undefined {
  const calls: CallExpression[] = [];
  let current = unwrap(expression);
  while (Node.isCallExpression(current)) {
    calls.unshift(current);
    const callee = current.getExpression();
    if (!Node.isPropertyAccessExpression(callee)) return { root: current, calls: calls.slice(1) };
    current = unwrap(callee.getExpression());
  }
  return { root: current, calls };
}

/**
 * Whether the steps between `fastify()` and `listen` can be repeated by a factory module: the instance held in a
 * variable, then only calls on it (not `listen`, not `close`) with copyable arguments, in the same block.
 */
function listenSetup(listen: CallExpression, created: CallExpression): ListenSetup {
  const declaration = created.getFirstAncestorByKind(SyntaxKind.VariableDeclaration);
  const statement = declaration?.getFirstAncestorByKind(SyntaxKind.VariableStatement);
  const nameNode = declaration?.getNameNode();
  if (declaration === undefined || statement === undefined || nameNode === undefined || !Node.isIdentifier(nameNode)) {
    return { reproducible: false, reason: `the instance ${created.getExpression().getText()}() creates is not held in a variable of its own` };
  }
  const container = statement.getParent();
  const statements = container !== undefined && (Node.isSourceFile(container) || Node.isBlock(container)) ? container.getStatements() : [];
  const start = statements.indexOf(statement);
  const end = statements.findIndex((candidate) => candidate.getDescendants().includes(listen));
  if (start < 0 || end <= start) return { reproducible: false, reason: `listen is not called in the block that creates the instance (line ${created.getStartLineNumber()})` };
  const symbol = nameNode.getSymbol();
  const isApp = (node: Node) => Node.isIdentifier(node) && node.getSymbol() === symbol;
  const creationChain = callChain(declaration.getInitializerOrThrow());
  for (const call of [created, ...(creationChain?.calls ?? [])]) {
    for (const argument of call.getArguments()) {
      const why = copyableValue(argument);
      if (why !== undefined) return { reproducible: false, reason: `line ${call.getStartLineNumber()}: ${why}` };
    }
  }
  const copied: Node[] = [];
  for (const step of statements.slice(start + 1, end)) {
    const expression = Node.isExpressionStatement(step) ? step.getExpression() : undefined;
    const chain = expression === undefined ? undefined : callChain(expression);
    if (chain === undefined || !isApp(chain.root) || chain.calls.length === 0) {
      return { reproducible: false, reason: `line ${step.getStartLineNumber()} is not a call on \`${nameNode.getText()}\`: \`${oneLine(step.getText())}\`` };
    }
    for (const call of chain.calls) {
      const callee = call.getExpression();
      const method = Node.isPropertyAccessExpression(callee) ? callee.getName() : '';
      if (method === 'listen' || method === 'close' || method === 'ready') return { reproducible: false, reason: `line ${call.getStartLineNumber()} calls ${method}` };
      for (const argument of call.getArguments()) {
        const why = copyableValue(argument);
        if (why !== undefined) return { reproducible: false, reason: `line ${call.getStartLineNumber()}: ${why}` };
      }
    }
    copied.push(step);
  }
  // The imports the copied text uses (values and types), with their declarations as written.
  const used = new Set<Node>();
  for (const node of [declaration.getInitializerOrThrow(), ...copied]) {
    for (const identifier of node.getDescendantsOfKind(SyntaxKind.Identifier)) {
      const origin = importOrigin(identifier);
      if (origin === undefined) continue;
      const importDeclaration = identifier.getSymbol()?.getDeclarations()[0]?.getFirstAncestorByKind(SyntaxKind.ImportDeclaration);
      if (importDeclaration !== undefined) used.add(importDeclaration);
    }
  }
  const imports = created
    .getSourceFile()
    .getImportDeclarations()
    .filter((importDeclaration) => used.has(importDeclaration))
    .map((importDeclaration) => ({ text: importDeclaration.getText(), specifier: importDeclaration.getModuleSpecifierValue() }));
  return {
    reproducible: true,
    variable: nameNode.getText(),
    creation: declaration.getInitializerOrThrow().getText(),
    statements: copied.map((step) => dedent(step)),
    imports,
    firstLine: statement.getStartLineNumber(),
    lastLine: statements[end - 1]?.getEndLineNumber() ?? statement.getEndLineNumber(),
  };
}

/** A statement's text with the indentation of its first line removed from every line. */
function dedent(node: Node): string {
  const text = node.getSourceFile().getFullText();
  const lineStart = text.lastIndexOf('\n', node.getStart() - 1) + 1;
  const indent = /^[ \t]*/.exec(text.slice(lineStart, node.getStart()))?.[0] ?? '';
  return node
    .getText()
    .split('\n')
    .map((line, index) => (index > 0 && line.startsWith(indent) ? line.slice(indent.length) : line))
    .join('\n');
}

function joinUrl(...parts: string[]): string {
  const joined = parts.filter((part) => part !== '' && part !== '/').map((part) => part.replace(/^\/+|\/+$/g, '')).filter((part) => part !== '').join('/');
  return `/${joined}`;
}

/** The prefix @fastify/autoload gives a file: its folders under the loaded dir (`_id` → `:id`), plus the register prefix. */
function autoloadPrefix(filePath: string, autoloadDirs: readonly { dir: string; prefix: string }[]): string | undefined {
  const owner = autoloadDirs.filter(({ dir }) => !path.relative(dir, filePath).startsWith('..')).sort((a, b) => b.dir.length - a.dir.length)[0];
  if (owner === undefined) return undefined;
  const folders = path.relative(owner.dir, path.dirname(filePath)).split(path.sep).filter((part) => part !== '');
  return joinUrl(owner.prefix, ...folders.map((folder) => folder.replace(/^_/, ':')));
}

/** `x.get('/path', …)`, `x.route({ method, url })` on a fastify instance (a plugin's first parameter, or a `fastify()` value). */
function staticRoutes(root: string, sourceFiles: readonly SourceFile[], autoloadDirs: readonly { dir: string; prefix: string }[], mounts: ReadonlyMap<Node, { prefix: string; parent: Node | undefined }>): StaticRoute[] {
  const routes: StaticRoute[] = [];
  /** The prefixes of `register(plugin, { prefix })` from the plugin up through the plugins registering it. */
  const mountPrefix = (fn: Node | undefined): string => {
    const parts: string[] = [];
    for (let current = fn, depth = 0; current !== undefined && depth < 16; depth += 1) {
      const mount = mounts.get(current);
      if (mount === undefined) break;
      parts.unshift(mount.prefix);
      current = mount.parent;
    }
    return joinUrl(...parts);
  };
  for (const sourceFile of sourceFiles) {
    if (isTestHelper(relative(root, sourceFile.getFilePath()))) continue;
    const prefix = autoloadPrefix(sourceFile.getFilePath(), autoloadDirs) ?? '';
    for (const call of sourceFile.getDescendantsOfKind(SyntaxKind.CallExpression)) {
      const callee = call.getExpression();
      if (!Node.isPropertyAccessExpression(callee)) continue;
      const method = callee.getName();
      if (!isFastifyReceiver(callee.getExpression())) continue;
      const mounted = mountPrefix(nearestFunction(call));
      const add = (verb: string, url: string) => routes.push({ method: verb.toUpperCase(), url: joinUrl(prefix, mounted, url), file: relative(root, sourceFile.getFilePath()), line: call.getStartLineNumber() });
      if ((ROUTE_METHODS as readonly string[]).includes(method)) {
        const first = call.getArguments()[0];
        if (first !== undefined && (Node.isStringLiteral(first) || Node.isNoSubstitutionTemplateLiteral(first))) add(method, first.getLiteralValue());
      } else if (method === 'route') {
        const options = objectArgument(call.getArguments()[0]);
        const url = property(options, 'url') ?? property(options, 'path');
        const verbs = property(options, 'method');
        if (url === undefined || !(Node.isStringLiteral(url) || Node.isNoSubstitutionTemplateLiteral(url)) || verbs === undefined) continue;
        const list = Node.isArrayLiteralExpression(verbs) ? verbs.getElements() : [verbs];
        for (const verb of list) if (Node.isStringLiteral(verb)) add(verb.getLiteralValue(), url.getLiteralValue());
      }
    }
  }
  const seen = new Set<string>();
  return routes.filter((route) => {
    const key = `${route.method} ${route.url}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** The receiver is a fastify instance: a `fastify()` value, or the first parameter of a function typed or used as a plugin. */
function isFastifyReceiver(expression: Node): boolean {
  const node = unwrap(expression);
  if (fastifyCallOf(node) !== undefined) return true;
  if (!Node.isIdentifier(node)) return false;
  const declaration = node.getSymbol()?.getDeclarations()[0];
  if (declaration === undefined || !Node.isParameterDeclaration(declaration)) return false;
  const fn = declaration.getParent();
  if (!(Node.isFunctionDeclaration(fn) || Node.isArrowFunction(fn) || Node.isFunctionExpression(fn)) || fn.getParameters()[0] !== declaration) return false;
  const typeText = declaration.getTypeNode()?.getText() ?? '';
  if (/Fastify\w*Instance/.test(typeText)) return true;
  // Untyped: the function is itself typed as a plugin (`const p: FastifyPluginAsync = async (f) => …`) or wrapped by fastify-plugin.
  const holder = fn.getParent();
  if (holder !== undefined && Node.isVariableDeclaration(holder) && /FastifyPlugin/.test(holder.getTypeNode()?.getText() ?? '')) return true;
  if (holder !== undefined && Node.isCallExpression(holder) && calleeFrom(holder, 'fastify-plugin', ['default', 'fastifyPlugin', 'fp'])) return true;
  if (holder !== undefined && Node.isExportAssignment(holder)) return true;
  return /Fastify\w*Instance/.test(declaration.getType().getText(declaration));
}
