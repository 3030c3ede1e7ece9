/**
 * Generates the synthetic catalog from its seed and prints what it holds. The service generates the same
 * catalog in memory at start; `--out <file>` also writes it as JSON for inspection.
 *
 *   npm run generate -w @npvguard-examples/npv-ranking-service -- [--seed 20250101] [--out var/catalog.json]
 */
import { createHash } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { parseArgs } from 'node:util';
import { DEFAULT_CATALOG_SEED } from '../src/clients/catalog/catalogData.js';
import { generateCatalog } from '../src/clients/catalog/generateCatalog.js';

const { values } = parseArgs({ options: { seed: { type: 'string' }, out: { type: 'string' } } });
const seed = values.seed === undefined ? DEFAULT_CATALOG_SEED : Number(values.seed);
if (!Number.isSafeInteger(seed)) {
  process.stderr.write(`--seed must be an integer, got ${values.seed}\n`);
  process.exit(2);
}

const startedAt = performance.now();
const catalog = generateCatalog(seed);
const elapsedMs = performance.now() - startedAt;
const records = {
  tracks: catalog.tracks,
  artists: catalog.artists,
  episodes: catalog.episodes,
  playlists: catalog.playlists,
  concerts: catalog.concerts,
  coListen: { neighboursPerTrack: catalog.neighboursPerTrack, neighbours: Array.from(catalog.neighbours), weights: Array.from(catalog.neighbourWeights) },
};
const json = JSON.stringify(records);

process.stdout.write(
  [
    `seed        ${seed}`,
    `tracks      ${catalog.tracks.length}`,
    `artists     ${catalog.artists.length}`,
    `episodes    ${catalog.episodes.length}`,
    `playlists   ${catalog.playlists.length}`,
    `concerts    ${catalog.concerts.length}`,
    `co-listen   ${catalog.neighbours.length} edges`,
    `explicit    ${catalog.tracks.filter((track) => track.explicit === true).length} tracks, unknown ${catalog.tracks.filter((track) => track.explicit === null).length}`,
    `generated   in ${elapsedMs.toFixed(0)} ms`,
    `sha256      ${createHash('sha256').update(json).digest('hex')}`,
    '',
  ].join('\n'),
);

if (values.out !== undefined) {
  await mkdir(dirname(values.out), { recursive: true });
  await writeFile(values.out, json);
  process.stdout.write(`wrote       ${values.out} (${(json.length / 1_048_576).toFixed(1)} MiB)\n`);
}
