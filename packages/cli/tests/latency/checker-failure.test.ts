import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { TypeChecker } from 'ts-morph';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { analyzeLatency } from '../../src/checks/latency/index.js';
import { REPO } from './referenceCopy.js';

/**
 * TypeScript's checker throws on some expressions of real libraries (the node_modules corpus found one: the
 * contextual type of an object literal element). The analysis must say it could not resolve the call, not crash.
 * The failure is simulated: the checker's getTypeAtLocation throws an error raised inside the compiler.
 */
function project(files: Record<string, string>): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'npvguard-checker-failure-'));
  fs.symlinkSync(path.join(REPO, 'node_modules'), path.join(root, 'node_modules'), 'dir');
  fs.writeFileSync(path.join(root, 'tsconfig.json'), JSON.stringify({ compilerOptions: { module: 'NodeNext', moduleResolution: 'NodeNext', strict: true, noEmit: true, skipLibCheck: true, types: ['node'] }, include: ['src'] }));
  for (const [file, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    fs.writeFileSync(path.join(root, file), text);
  }
  return root;
}

function compilerError(): TypeError {
  const error = new TypeError("Cannot read properties of undefined (reading 'escapedName')");
  error.stack = `TypeError: ${error.message}\n    at getContextualTypeForObjectLiteralElement (${path.join(REPO, 'node_modules', '@ts-morph', 'common', 'dist', 'typescript.js')}:77854:63)`;
  return error;
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe('a failure of the TypeScript checker', () => {
  const APP = [
    "import Fastify from 'fastify';",
    'const app = Fastify();',
    "app.get('/a', async () => load({ key: 'a' }));",
    'async function load(options: { key: string }): Promise<string> { return options.key; }',
    '',
  ].join('\n');

  it('is reported on the call it hit, and the analysis goes on', () => {
    const root = project({ 'src/app.ts': APP });
    const original = TypeChecker.prototype.getTypeAtLocation;
    vi.spyOn(TypeChecker.prototype, 'getTypeAtLocation').mockImplementation(function (this: TypeChecker, node) {
      if (node.getText() === "{ key: 'a' }") throw compilerError();
      return original.call(this, node);
    });
    const analysis = analyzeLatency({ root, files: ['src/app.ts'], config: { budgets: {} } });
    expect(analysis.routes.map((route) => route.route)).toEqual(['GET /a']);
    const info = analysis.findings.find((finding) => finding.ruleId === 'latency/unknown-dependency-call');
    expect(info?.message).toContain("could not resolve load({ key: 'a' }): TypeScript's type checker failed on it");
    expect(info?.line).toBe(3);
  });

  it('is not confused with an error of the analysis itself, which still surfaces', () => {
    const root = project({ 'src/app.ts': APP });
    vi.spyOn(TypeChecker.prototype, 'getTypeAtLocation').mockImplementation(() => {
      throw new TypeError('a bug of the analysis');
    });
    expect(() => analyzeLatency({ root, files: ['src/app.ts'], config: { budgets: {} } })).toThrow('a bug of the analysis');
  });
});
