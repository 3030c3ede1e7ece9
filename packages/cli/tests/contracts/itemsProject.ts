import { cpSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { REPO_ROOT } from '../support/cli.js';

const FIXTURE = path.join(REPO_ROOT, 'packages', 'cli', 'tests', 'contracts', 'fixtures', 'items');

export interface ItemsProject {
  root: string;
  /** Replaces the contracts section's extra settings (e.g. `appOptions: { defect: 'extra-field' },`). */
  configure(extra: string): void;
  write(file: string, text: string): void;
  remove(): void;
}

/** A temporary copy of the items fixture (dependencies linked from the repo), so tests can edit it. */
export function itemsProject(): ItemsProject {
  const folder = mkdtempSync(path.join(tmpdir(), 'npvguard-contracts-items-'));
  cpSync(FIXTURE, folder, { recursive: true });
  symlinkSync(path.join(REPO_ROOT, 'node_modules'), path.join(folder, 'node_modules'), 'dir');
  const configFile = path.join(folder, 'npvguard.config.ts');
  const original = readFileSync(configFile, 'utf8');
  return {
    root: folder,
    configure(extra) {
      writeFileSync(configFile, original.replace("    app: './app.ts#buildItemsApp',\n", `    app: './app.ts#buildItemsApp',\n    ${extra}\n`));
    },
    write(file, text) {
      writeFileSync(path.join(folder, file), text);
    },
    remove() {
      rmSync(folder, { recursive: true, force: true });
    },
  };
}
