import rule from '../../src/rules/no-sequential-independent-awaits.js';
import { syntaxRuleTester } from '../support/rule-tester.js';

const ruleTester = syntaxRuleTester();
const filename = 'src/pipeline/pipeline.ts';

ruleTester.run('no-sequential-independent-awaits', rule, {
  valid: [
    { code: 'async function run() { const user = await loadUser(id); const items = await loadItems(user.id); }', filename },
    { code: 'async function run() { const { id } = await loadUser(); const items = await loadItems({ id }); }', filename },
    { code: 'async function run() { const user = await loadUser(); const items = await loadItems(() => user); }', filename },
    { code: 'async function run() { const [user, items] = await Promise.all([loadUser(), loadItems()]); }', filename },
    // Awaiting promises that were already started costs nothing extra.
    { code: 'async function run() { const a = await pendingA; const b = await pendingB; }', filename },
    // A bare first await is ordered on purpose (its effect is what the next call needs).
    { code: 'async function run() { await mkdir(dir); await writeFile(path); }', filename },
    { code: 'async function run() { session = await open(); const rows = await session.query(); }', filename },
    { code: 'async function run() { this.user = await loadUser(); const items = await this.loadItems(); }', filename },
    // Composition code runs once.
    { code: 'async function buildApp() { const catalog = await loadCatalog(); const model = await connectModel(); }', filename },
    // Outside the request path.
    { code: 'async function run() { const a = await loadA(); const b = await loadB(); }', filename: 'scripts/seed.ts' },
    // Loops whose iterations depend on each other or stop early.
    { code: 'async function run() { let cursor = start; while (cursor) { const page = await fetchPage(cursor); cursor = page.next; } }', filename },
    { code: 'async function run() { for (let attempt = 0; attempt < 3; attempt++) { try { return await call(); } catch {} } }', filename },
    { code: 'async function run() { for (const source of sources) { const found = await source.find(id); if (found) break; } }', filename },
    { code: 'async function run() { for await (const chunk of stream) { await handle(chunk); } }', filename },
    { code: 'async function run() { for (const id of ids) { await load(id); } }', filename, options: [{ checkLoops: false }] },
    { code: 'async function run() { for (const id of ids) { await pending; } }', filename },
  ],
  invalid: [
    {
      code: 'async function run() {\n  const user = await loadUser(id);\n  const sources = await loadSources(id);\n}',
      filename,
      errors: [
        {
          messageId: 'sequentialAwait',
          line: 3,
          column: 19,
          data: { previous: 'await loadUser(id)' },
          suggestions: [
            {
              messageId: 'combineWithPromiseAll',
              output: 'async function run() {\n  const [user, sources] = await Promise.all([loadUser(id), loadSources(id)]);\n}',
            },
          ],
        },
      ],
    },
    {
      code: 'const handler = async (request) => {\n  const { features } = await store.features(request.id);\n  const [first] = await catalog.related(request.track);\n};',
      filename,
      errors: [
        {
          messageId: 'sequentialAwait',
          line: 3,
          column: 19,
          suggestions: [
            {
              messageId: 'combineWithPromiseAll',
              output:
                'const handler = async (request) => {\n  const [{ features }, [first]] = await Promise.all([store.features(request.id), catalog.related(request.track)]);\n};',
            },
          ],
        },
      ],
    },
    {
      // Typed declarations are reported without a suggestion: the merged form would lose the annotations.
      code: 'async function run() {\n  const a: A = await loadA();\n  const b = await loadB();\n}',
      filename,
      errors: [{ messageId: 'sequentialAwait', line: 3, column: 13, suggestions: [] }],
    },
    {
      code: 'async function run() {\n  user = await loadUser();\n  await audit.write(entry);\n}',
      filename,
      errors: [{ messageId: 'sequentialAwait', line: 3, column: 3, suggestions: [] }],
    },
    {
      code: 'async function run() {\n  const a = await loadA();\n  // loads b\n  const b = await loadB();\n}',
      filename,
      errors: [{ messageId: 'sequentialAwait', line: 4, column: 13, suggestions: [] }],
    },
    {
      code: 'app.get("/npv", async (request) => {\n  const a = await loadA();\n  const b = await loadB();\n});',
      filename: 'lib/routes.ts',
      errors: [
        {
          messageId: 'sequentialAwait',
          line: 3,
          column: 13,
          suggestions: [{ messageId: 'combineWithPromiseAll', output: 'app.get("/npv", async (request) => {\n  const [a, b] = await Promise.all([loadA(), loadB()]);\n});' }],
        },
      ],
    },
    {
      code: 'async function run() {\n  const results = [];\n  for (const source of sources) {\n    results.push(await source.fetch(query));\n  }\n}',
      filename,
      errors: [{ messageId: 'awaitInLoop', line: 4, column: 18 }],
    },
    {
      code: 'async function run() {\n  let total = 0;\n  for (let i = 0; i < ids.length; i++) total += await load(ids[i]);\n}',
      filename,
      errors: [{ messageId: 'awaitInLoop', line: 3, column: 49 }],
    },
  ],
});
