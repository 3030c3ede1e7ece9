import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/** The npvguard package's version, read from its package.json (two levels up from src/shared or dist/shared). */
export function cliVersion(): string {
  const manifest: unknown = require('../../package.json');
  if (typeof manifest === 'object' && manifest !== null && 'version' in manifest && typeof manifest.version === 'string') {
    return manifest.version;
  }
  return '0.0.0';
}
