import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..', '..');
export const SERVICE = path.join(REPO, 'examples', 'npv-ranking-service');

/** The reference service's latency section, as plain JSON (a copy has no `npvguard` package to import). */
export const SERVICE_LATENCY = {
  budgets: {
    'POST /v1/npv/cards': { p99Ms: 50 },
    'GET /healthz': { p99Ms: 10 },
    'GET /readyz': { p99Ms: 10 },
    'GET /metrics': { p99Ms: 20 },
  },
  ports: 'src/core/ports.ts',
  sideEffects: ['src/components/sideEffects/**', 'src/clients/events/**'],
  compositionRoot: 'src/server/app.ts',
  clients: [{ module: 'prom-client', io: false }],
};

const TSCONFIG = {
  compilerOptions: { target: 'ES2023', module: 'NodeNext', moduleResolution: 'NodeNext', strict: true, noEmit: true, skipLibCheck: true, types: ['node'] },
  include: ['src'],
};

/** An edit to one file of the copy: `find` must occur exactly once. */
export interface Edit {
  file: string;
  find: string;
  replace: string;
}

/** Copies the service's sources to a temp folder (node_modules linked), applies the edits, writes a JSON config. */
export function copyService(edits: readonly Edit[], extraConfig: Record<string, unknown> = {}): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'npvguard-latency-service-'));
  fs.cpSync(path.join(SERVICE, 'src'), path.join(root, 'src'), { recursive: true });
  fs.symlinkSync(path.join(REPO, 'node_modules'), path.join(root, 'node_modules'), 'dir');
  fs.writeFileSync(path.join(root, 'tsconfig.json'), JSON.stringify(TSCONFIG));
  fs.writeFileSync(path.join(root, 'npvguard.config.json'), JSON.stringify({ latency: { ...SERVICE_LATENCY, ...extraConfig } }));
  for (const edit of edits) {
    const file = path.join(root, edit.file);
    const text = fs.readFileSync(file, 'utf8');
    const at = text.indexOf(edit.find);
    if (at < 0 || text.indexOf(edit.find, at + 1) >= 0) throw new Error(`edit does not match exactly once in ${edit.file}: ${edit.find}`);
    fs.writeFileSync(file, text.replace(edit.find, edit.replace));
  }
  return root;
}

export function sourceFiles(root: string): string[] {
  return fs
    .readdirSync(path.join(root, 'src'), { recursive: true })
    .map(String)
    .filter((file) => file.endsWith('.ts'))
    .map((file) => `src/${file.split(path.sep).join('/')}`)
    .sort();
}
