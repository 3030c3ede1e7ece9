import { cpSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { REPO_ROOT } from '../support/cli.js';

export const SERVICE = path.join(REPO_ROOT, 'examples', 'npv-ranking-service');

/** The domain layer may import only core; this line makes src/domain/... import the server layer. */
export const FORBIDDEN_IMPORT = "import '../server/errorHandling.js';\n";

export interface ServiceCopy {
  root: string;
  /** Prepends a line to a file of the copy. */
  prepend(file: string, line: string): void;
  remove(): void;
}

/** A copy of the reference service's sources and the given npvguard files, dependencies linked from the repo. */
export function copyServiceSources(parts: readonly string[] = ['src', 'package.json', 'npvguard.config.ts']): ServiceCopy {
  const folder = mkdtempSync(path.join(tmpdir(), 'npvguard-agents-'));
  const root = path.join(folder, 'service');
  for (const part of parts) cpSync(path.join(SERVICE, part), path.join(root, part), { recursive: true });
  symlinkSync(path.join(REPO_ROOT, 'node_modules'), path.join(root, 'node_modules'), 'dir');
  // The service's own tsconfig extends the repo's base config; a copy outside the repo needs one of its own.
  writeFileSync(path.join(root, 'tsconfig.json'), `${JSON.stringify({ compilerOptions: { target: 'ES2022', module: 'NodeNext', moduleResolution: 'NodeNext', strict: true, skipLibCheck: true }, include: ['src'] }, null, 2)}\n`);
  return {
    root,
    prepend(file, line) {
      const target = path.join(root, file);
      writeFileSync(target, line + readFileSync(target, 'utf8'));
    },
    remove() {
      rmSync(folder, { recursive: true, force: true });
    },
  };
}
