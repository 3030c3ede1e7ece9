/**
 * The cases `npm test` runs (`--subset`): one bad case per category and a few benign ones, each run with only the
 * checks its expected ids belong to, so every check is exercised end to end within the test budget. The full
 * catalogue, with every check on every case, runs with `npm run eval`.
 */
export const SUBSET: readonly string[] = [
  'boundary-core-imports-fastify',
  'contract-oip-datatype-fp64',
  'latency-source-timeout-raised',
  'correctness-nan-unsafe-sort',
  'privacy-log-raw-listener-id',
  'integrity-budget-loosened',
  'benign-rename-partition-helper',
  'benign-tighter-budget',
];
