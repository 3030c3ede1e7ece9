/**
 * `npm run pack:all`: builds the repository and packs the four publishable packages (@npvguard/core,
 * @npvguard/harness, eslint-plugin-npvguard, npvguard) into dist-packages/, then prints the tarball paths,
 * ready for `npm i -D <all four tarballs>` in another project (docs/install.md).
 */
import path from 'node:path';
import process from 'node:process';
import { PACK_FOLDER, packAll } from './lib/publishable.js';

try {
  const tarballs = await packAll();
  process.stdout.write(`Packed into ${path.relative(process.cwd(), PACK_FOLDER) || '.'}:\n${tarballs.map((tarball) => `  ${tarball}`).join('\n')}\n`);
  process.stdout.write(`Install all four together in your project:\n  npm i -D ${tarballs.join(' ')}\n`);
} catch (error) {
  process.stderr.write(`pack:all failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
}
