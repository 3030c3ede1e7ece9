// Copies the check pages (docs/checks/*.md) into this package's dist/ before `npm pack`/`npm publish`, so an installed
// npvguard can print `npvguard explain <ruleId>` without the repository. Usage: node scripts/bundleDocs.js [target]
import { cpSync, mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import process from 'node:process';
import { fileURLToPath } from 'node:url';

const packageRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const target = path.resolve(process.argv[2] ?? path.join(packageRoot, 'dist', 'docs', 'checks'));
rmSync(target, { recursive: true, force: true });
mkdirSync(path.dirname(target), { recursive: true });
cpSync(path.resolve(packageRoot, '..', '..', 'docs', 'checks'), target, { recursive: true });
