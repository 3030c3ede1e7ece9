import fs from 'node:fs';
import path from 'node:path';

/**
 * A service with `routes` routes, each calling a chain of `depth` helpers in separate files down to a fetch
 * with a timeout, plus a port interface with an implementation per route: the shape the latency analysis walks.
 */
export function generateService(root: string, routes: number, depth: number, nodeModules: string): { files: number } {
  const write = (file: string, text: string) => {
    fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    fs.writeFileSync(path.join(root, file), text);
  };
  write('tsconfig.json', JSON.stringify({ compilerOptions: { target: 'ES2023', module: 'NodeNext', moduleResolution: 'NodeNext', strict: true, noEmit: true, skipLibCheck: true, types: ['node'] }, include: ['src'] }));
  fs.symlinkSync(nodeModules, path.join(root, 'node_modules'), 'dir');
  write('src/ports.ts', 'export interface Store {\n  read(key: string, signal: AbortSignal): Promise<string>;\n}\n');
  write('src/timeouts.ts', `export const TIMEOUTS = { ${Array.from({ length: depth }, (_, level) => `level${level}: ${level + 1}`).join(', ')} } as const;\n`);
  let count = 2;
  const registrations: string[] = [];
  for (let route = 0; route < routes; route += 1) {
    for (let level = 0; level < depth; level += 1) {
      const next = level + 1 < depth ? `import { step${route}_${level + 1} } from './step${level + 1}.js';\n` : '';
      const body = level + 1 < depth
        ? `  const own = await store.read('k${level}', AbortSignal.timeout(TIMEOUTS.level${level}));\n  return own + (await step${route}_${level + 1}(store));`
        : `  const response = await fetch('http://upstream/${route}', { signal: AbortSignal.timeout(TIMEOUTS.level${level}) });\n  return response.text();`;
      write(`src/routes/r${route}/step${level}.ts`, `import type { Store } from '../../ports.js';\nimport { TIMEOUTS } from '../../timeouts.js';\n${next}\nexport async function step${route}_${level}(store: Store): Promise<string> {\n${body}\n}\n`);
      count += 1;
    }
    registrations.push(`  app.get('/r${route}', async () => step${route}_0(store));`);
  }
  const imports = Array.from({ length: routes }, (_, route) => `import { step${route}_0 } from './routes/r${route}/step0.js';`).join('\n');
  write('src/app.ts', `import Fastify from 'fastify';\nimport type { Store } from './ports.js';\n${imports}\n\nexport function buildApp(store: Store) {\n  const app = Fastify();\n${registrations.join('\n')}\n  return app;\n}\n`);
  return { files: count + 1 };
}
