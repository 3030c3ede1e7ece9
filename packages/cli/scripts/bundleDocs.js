// Copies the check overviews (docs/checks), the rule pages (docs/rules) and the error codes (docs/errors.md) into this
// package's dist/docs before `npm pack`/`npm publish`, so an installed npvguard has them without the repository.
// Usage: node scripts/bundleDocs.js [target folder, default dist/docs]
import { cpSync, mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import process from 'node:process';
import { fileURLToPath } from 'node:url';

const packageRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const target = path.resolve(process.argv[2] ?? path.join(packageRoot, 'dist', 'docs'));
rmSync(target, { recursive: true, force: true });
mkdirSync(target, { recursive: true });
for (const entry of ['checks', 'rules', 'errors.md']) {
  cpSync(path.resolve(packageRoot, '..', '..', 'docs', entry), path.join(target, entry), { recursive: true });
}
