/**
 * The bench's baseline: a bare fastify process with one POST route that parses the JSON body and
 * answers a fixed 2 KB JSON body. Whatever the service costs above this is the service's own.
 * Plain JavaScript so it starts without a compile step or helper process.
 * Usage: node scripts/bench/bare-server.mjs [port]
 */
import process from 'node:process';
import Fastify from 'fastify';

const cards = Array.from({ length: 10 }, (_, index) => ({
  id: `listened_together:trk-${String(10_000 + index).padStart(5, '0')}`,
  kind: 'track',
  entityId: `trk-${String(10_000 + index).padStart(5, '0')}`,
  title: 'Midnight Echoes',
  subtitle: 'The Quiet Hearts',
  score: 0.5 + index / 100,
  position: index + 1,
  reason: 'listened_together',
}));
const BARE_BODY = { requestId: '00000000-0000-4000-8000-000000000000', cards, scoreSource: 'model' };

const app = Fastify({ logger: false });
app.post('/v1/npv/cards', async () => BARE_BODY);

const port = Number(process.argv[2] ?? 0);
const address = await app.listen({ host: '127.0.0.1', port });
process.stdout.write(`listening on ${address} (body ${JSON.stringify(BARE_BODY).length} bytes)\n`);
for (const signal of ['SIGINT', 'SIGTERM']) process.once(signal, () => void app.close());
