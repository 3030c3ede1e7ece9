// Copies the check overviews (docs/checks) and the rule pages (docs/rules) into this package's dist/docs before
// `npm pack`/`npm publish`, so an installed npvguard can print `npvguard explain <ruleId>` without the repository.
// Usage: node scripts/bundleDocs.js [target folder, default dist/docs]
import { cpSync, mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import process from 'node:process';
import { fileURLToPath } from 'node:url';

const packageRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const target = path.resolve(process.argv[2] ?? path.join(packageRoot, 'dist', 'docs'));
rmSync(target, { recursive: true, force: true });
mkdirSync(target, { recursive: true });
for (const folder of ['checks', 'rules']) {
  cpSync(path.resolve(packageRoot, '..', '..', 'docs', folder), path.join(target, folder), { recursive: true });
}
