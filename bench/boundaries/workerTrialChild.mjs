// Extracts the imports of every file either on the main thread or split over N worker threads, in a fresh
// process, and prints the wall time: `node workerTrialChild.mjs <job.json> <workers>`. Plain JavaScript so the
// measured process loads only npvguard's built code.
import fs from 'node:fs';
import path from 'node:path';
import process from 'node:process';
import { performance } from 'node:perf_hooks';
import { Worker } from 'node:worker_threads';

const job = JSON.parse(fs.readFileSync(process.argv[2], 'utf8'));
const workers = Number(process.argv[3]);
const started = performance.now();

const extractAll = `
  const { workerData, parentPort } = require('node:worker_threads');
  const fs = require('node:fs');
  const path = require('node:path');
  import(workerData.module).then(({ extractImports }) => {
    const extracted = workerData.files.map((file) => extractImports(file, fs.readFileSync(path.join(workerData.root, file), 'utf8')));
    parentPort.postMessage(extracted);
  });
`;

let imports = 0;
if (workers === 0) {
  const { extractImports } = await import(job.extractModule);
  for (const file of job.files) imports += extractImports(file, fs.readFileSync(path.join(job.root, file), 'utf8')).imports.length;
} else {
  const shares = Array.from({ length: workers }, (_, index) => job.files.filter((_, position) => position % workers === index));
  const results = await Promise.all(
    shares.map(
      (files) =>
        new Promise((resolve, reject) => {
          const worker = new Worker(extractAll, { eval: true, workerData: { module: job.extractModule, root: job.root, files } });
          worker.once('message', (extracted) => {
            resolve(extracted);
            void worker.terminate();
          });
          worker.once('error', reject);
        }),
    ),
  );
  for (const extracted of results) for (const entry of extracted) imports += entry.imports.length;
}
process.stdout.write(JSON.stringify({ wallMs: performance.now() - started, cpuMs: process.cpuUsage().user / 1000 + process.cpuUsage().system / 1000, imports }));
