import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

export const FIXTURES = path.join(import.meta.dirname, 'fixtures');

/** A temp folder holding `files` (path → text), and optionally a copy of a fixture folder first. */
export function documentTree(files: Record<string, string>, copyOf?: string): { root: string; cleanup: () => void } {
  const root = mkdtempSync(path.join(tmpdir(), 'npvguard-documents-'));
  if (copyOf !== undefined) cpSync(path.join(FIXTURES, copyOf), root, { recursive: true });
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    writeFileSync(path.join(root, file), text);
  }
  return { root, cleanup: () => rmSync(root, { recursive: true, force: true }) };
}

/** A small valid OpenAPI 3.1 document (YAML) whose GET /items answers `schema`; `extra` lines go under `components:`. */
export function itemsDocument(schema: string, components = '  schemas: {}'): string {
  return [
    'openapi: 3.1.0',
    'info:',
    '  title: items',
    "  version: '1'",
    'paths:',
    '  /items:',
    '    get:',
    '      responses:',
    "        '200':",
    '          description: ok',
    '          content:',
    '            application/json:',
    `              schema: ${schema}`,
    'components:',
    components,
    '',
  ].join('\n');
}
