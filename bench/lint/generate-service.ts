import fs from 'node:fs';
import path from 'node:path';

/**
 * Writes a large service in the reference layout: 1,000 TypeScript files across the layers, with the
 * patterns the rules look at (outbound calls with signals, Promise.all over sources, loggers, routes with
 * schemas, side effects) and a few violations, so every rule has work to do. Deterministic: the same
 * count always gives the same files.
 */
const LAYER_SHARES: readonly (readonly [layer: string, count: number])[] = [
  ['core', 20],
  ['domain', 80],
  ['experiments', 40],
  ['components', 500],
  ['pipeline', 50],
  ['clients', 150],
  ['server', 150],
  ['config', 10],
];

export const GENERATED_BOUNDARIES = {
  layers: {
    core: 'src/core/**',
    domain: 'src/domain/**',
    experiments: 'src/experiments/**',
    components: 'src/components/**',
    pipeline: 'src/pipeline/**',
    clients: 'src/clients/**',
    server: 'src/server/**',
    config: 'src/config/**',
  },
  allow: {
    domain: ['core'],
    experiments: ['core', 'domain'],
    components: ['core', 'domain'],
    pipeline: ['components', 'core', 'domain'],
    clients: ['core', 'domain', 'config'],
    server: ['pipeline', 'domain', 'clients', 'config', 'core'],
    core: [],
    config: [],
  },
  externals: {
    'node:*': ['clients', 'server', 'config'],
    'node:crypto': ['experiments', 'clients', 'server'],
    undici: ['clients'],
    fastify: ['server'],
  },
};

function coreFile(index: number): string {
  return `export interface Port${index} {
  load(id: string, signal: AbortSignal): Promise<readonly number[]>;
}

export interface Deadline${index} {
  remaining(): number;
  child(ms?: number): AbortSignal;
}

export function clamp${index}(value: number, low: number, high: number): number {
  return Math.min(high, Math.max(low, value));
}
`;
}

function domainFile(index: number): string {
  const core = index % 20;
  return `import type { Port${core} } from '../core/file${core}.js';

export interface Card${index} {
  readonly id: string;
  readonly kind: 'track' | 'artist' | 'episode';
  readonly score: number;
}

export type Source${index} = Port${core};

export function cardKey${index}(card: Card${index}): string {
  return \`\${card.kind}:\${card.id}\`;
}
`;
}

function experimentsFile(index: number): string {
  return `import { createHash } from 'node:crypto';

export const LAYER_${index} = { id: 'layer-${index}', salt: 'layer:${index}:2025-01' };

export function bucket${index}(unit: string): number {
  const digest = createHash('sha256').update(\`\${LAYER_${index}.salt}|\${unit}\`).digest('hex');
  return Number(BigInt(\`0x\${digest}\`) % 10_000n);
}
`;
}

function componentFile(index: number): string {
  const domain = index % 80;
  const core = index % 20;
  // Every 50th component (and every 30th client) carries a violation, so the rules report on a large codebase too.
  const violation =
    index % 50 === 0
      ? `\nexport function jitter${index}(): number {\n  return Math.random();\n}\n`
      : '';
  return `import type { Card${domain} } from '../domain/file${domain}.js';
import type { Port${core}, Deadline${core} } from '../core/file${core}.js';
import { clamp${core} } from '../core/file${core}.js';

export function scorer${index}(port: Port${core}) {
  return {
    name: 'scorer${index}',
    async score(cards: readonly Card${domain}[], deadline: Deadline${core}): Promise<number[]> {
      const signal = deadline.child(20);
      const weights = await port.load('weights-${index}', signal);
      return cards.map((card, position) => clamp${core}(card.score * (weights[position % weights.length] ?? 1), 0, 1));
    },
    select(cards: readonly Card${domain}[]): Card${domain}[] {
      return cards.filter((card) => card.kind !== 'episode' || card.score > 0.${index % 10}).slice(0, 20);
    },
  };
}
${violation}`;
}

function pipelineFile(index: number): string {
  const component = index * 10;
  const core = index % 20;
  return `import type { Deadline${core} } from '../core/file${core}.js';
import { scorer${component} } from '../components/file${component}.js';
import { scorer${component + 1} } from '../components/file${component + 1}.js';

export function pipeline${index}(scorers: readonly ReturnType<typeof scorer${component}>[], extra: ReturnType<typeof scorer${component + 1}>) {
  return {
    async run(deadline: Deadline${core}) {
      const results = await Promise.all(scorers.map((scorer) => scorer.score([], deadline)));
      const [extraScores] = await Promise.all([extra.score([], deadline)]);
      return [...results.flat(), ...extraScores];
    },
  };
}
`;
}

function clientFile(index: number): string {
  const core = index % 20;
  const unsafe = index % 30 === 0;
  return `import { request } from 'undici';
import type { Port${core} } from '../core/file${core}.js';

export class Client${index} implements Port${core} {
  constructor(private readonly baseUrl: string) {}

  async load(id: string, signal: AbortSignal): Promise<readonly number[]> {
    const response = await request(\`\${this.baseUrl}/features/\${id}\`, { method: 'GET'${unsafe ? '' : ', signal, headersTimeout: 50'} });
    const body = (await response.body.json()) as { outputs: { name: string; data: number[] }[] };
    return body.outputs.find((output) => output.name === 'weights')?.data ?? [];
  }

  async fetchRaw(path: string, signal: AbortSignal): Promise<Response> {
    return fetch(\`\${this.baseUrl}\${path}\`, { signal });
  }
}
`;
}

function serverFile(index: number): string {
  const pipeline = index % 50;
  const core = index % 20;
  return `import type { FastifyInstance } from 'fastify';
import type { Deadline${core} } from '../core/file${core}.js';
import { pipeline${pipeline} } from '../pipeline/file${pipeline}.js';

const routeSchema${index} = {
  body: { type: 'object', properties: { trackId: { type: 'string' } }, required: ['trackId'] },
  response: { 200: { type: 'object', properties: { cards: { type: 'array' } } } },
} as const;

export async function routes${index}(app: FastifyInstance, deadline: Deadline${core}) {
  const ranking = pipeline${pipeline}([], { name: 'x', score: async () => [], select: () => [] } as never);
  app.post('/v1/route${index}', { schema: routeSchema${index} }, async (request) => {
    const cards = await ranking.run(deadline);
    request.log.info({ route: '/v1/route${index}', cards: cards.length }, 'ranked');
    return { cards };
  });
}
`;
}

function configFile(index: number): string {
  return `export const settings${index} = {
  modelUrl: process.env.MODEL_URL_${index} ?? 'http://127.0.0.1:8081',
  timeoutMs: Number(process.env.TIMEOUT_MS_${index} ?? 20),
};
`;
}

const GENERATORS: Readonly<Record<string, (index: number) => string>> = {
  core: coreFile,
  domain: domainFile,
  experiments: experimentsFile,
  components: componentFile,
  pipeline: pipelineFile,
  clients: clientFile,
  server: serverFile,
  config: configFile,
};

const TSCONFIG = {
  compilerOptions: {
    target: 'ES2023',
    lib: ['ES2023', 'DOM'],
    module: 'NodeNext',
    moduleResolution: 'NodeNext',
    strict: true,
    noEmit: true,
    skipLibCheck: true,
    verbatimModuleSyntax: true,
    types: ['node'],
  },
  include: ['src/**/*.ts'],
};

/** Writes the service into `folder` and returns the number of source files. */
export function generateService(folder: string): number {
  let count = 0;
  for (const [layer, files] of LAYER_SHARES) {
    const layerFolder = path.join(folder, 'src', layer);
    fs.mkdirSync(layerFolder, { recursive: true });
    const generate = GENERATORS[layer];
    if (!generate) throw new Error(`no generator for layer ${layer}`);
    for (let index = 0; index < files; index += 1) {
      fs.writeFileSync(path.join(layerFolder, `file${index}.ts`), generate(index));
      count += 1;
    }
  }
  fs.writeFileSync(path.join(folder, 'tsconfig.json'), `${JSON.stringify(TSCONFIG, null, 2)}\n`);
  return count;
}
