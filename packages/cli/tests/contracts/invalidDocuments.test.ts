import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isNpvError } from '@npvguard/core';
import { readApiDocument } from '../../src/commands/readDocument.js';
import { runCli, spawnCli, STACK_FRAME } from '../support/cli.js';
import { documentTree, FIXTURES, itemsDocument } from './documentTree.js';

/** An OpenAPI 3.x document with a GET /items taking the query parameter `n` and answering an object with `a`. */
function itemsWith(version: string, parameter: Record<string, unknown>, property: Record<string, unknown>): string {
  const document = {
    openapi: version,
    info: { title: 'items', version: '1' },
    paths: {
      '/items': {
        get: {
          parameters: [{ name: 'n', in: 'query', schema: parameter }],
          responses: { '200': { description: 'ok', content: { 'application/json': { schema: { type: 'object', properties: { a: property } } } } } },
        },
      },
    },
  };
  return `${JSON.stringify(document, null, 2)}\n`;
}

async function readError(files: Record<string, string>, input = 'api.yaml'): Promise<{ code: string; message: string }> {
  const tree = documentTree(files);
  try {
    const error = await readApiDocument(input, tree.root).then(
      () => undefined,
      (caught: unknown) => caught,
    );
    if (!isNpvError(error)) throw new Error(`expected a coded error, got ${String(error)}`);
    return { code: error.code, message: error.message };
  } finally {
    tree.cleanup();
  }
}

describe('a document that is not valid OpenAPI is NPV2103 with the pointer, file and line, never NPV9001', () => {
  let tree: { root: string; cleanup: () => void };

  beforeAll(() => {
    tree = documentTree({
      'int-old.json': itemsWith('3.1.0', { type: 'int' }, { type: 'integer' }),
      'int-new.json': itemsWith('3.1.0', { type: 'int', maximum: 5 }, { type: 'integer' }),
      'narrowed-old.json': itemsWith('3.0.3', { type: 'integer' }, { type: 'int' }),
      'narrowed-new.json': itemsWith('3.0.3', { type: 'integer' }, { type: 'int', maximum: 5 }),
    });
  });

  afterAll(() => tree.cleanup());

  it('a query parameter of type "int" (a maximum added in the revision): exit 2 from the real CLI, no stack trace', async () => {
    const run = await spawnCli(['contracts', 'diff', 'int-old.json', 'int-new.json'], { cwd: tree.root });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(
      'error NPV2103: int-old.json is not a valid OpenAPI 3.1 document: #/paths/~1items/get/parameters/0/schema/type: must be one of array, boolean, integer, null, number, object, string (int-old.json line 15).',
    );
    expect(run.stderr).not.toContain('NPV9001');
    expect(run.stderr).not.toMatch(STACK_FRAME);
  });

  it('a response property of type "int" that was only narrowed no longer passes (3.0)', async () => {
    const run = await runCli(['contracts', 'diff', 'narrowed-old.json', 'narrowed-new.json'], { cwd: tree.root });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(
      'error NPV2103: narrowed-old.json is not a valid OpenAPI 3.0 document: #/paths/~1items/get/responses/200/content/application~1json/schema/properties/a/type: must be one of array, boolean, integer, number, object, string (narrowed-old.json line 28).',
    );
    expect(run.stdout).toBe('');
  });

  const cases: Array<{ name: string; files: Record<string, string>; message: string }> = [
    {
      name: 'an unknown member of an operation, pointed at itself (YAML line)',
      files: { 'api.yaml': itemsDocument('{ type: object }').replace('    get:\n', '    get:\n      summery: typo\n') },
      message: 'api.yaml is not a valid OpenAPI 3.1 document: #/paths/~1items/get/summery: is not allowed here (api.yaml line 8).',
    },
    {
      name: 'a response without its description',
      files: { 'api.yaml': itemsDocument('{ type: object }').replace('          description: ok\n', '') },
      message: 'api.yaml is not a valid OpenAPI 3.1 document: #/paths/~1items/get/responses/200: must have the property "description" (api.yaml line 10).',
    },
    {
      name: 'a bound of the wrong type in a referenced file: the file, its line and its own pointer',
      files: { 'api.yaml': itemsDocument("{ $ref: './schemas/item.yaml#/Item' }"), 'schemas/item.yaml': 'Item:\n  type: object\n  properties:\n    size:\n      type: integer\n      maximum: large\n' },
      message: 'api.yaml is not a valid OpenAPI 3.1 document: #/paths/~1items/get/responses/200/content/application~1json/schema/properties/size/maximum: must be number (schemas/item.yaml line 6, #/Item/properties/size/maximum).',
    },
    {
      name: 'a $ref that stands for a schema but points at a parameter',
      files: {
        'api.yaml': itemsDocument("{ $ref: '#/components/parameters/Limit' }", '  parameters:\n    Limit:\n      name: limit\n      in: query\n      required: true\n      schema: { type: integer }'),
      },
      message: 'api.yaml is not a valid OpenAPI 3.1 document: #/paths/~1items/get/responses/200/content/application~1json/schema: the $ref "#/components/parameters/Limit" stands for a Schema object here, but what it points at is not one (#/components/parameters/Limit/required: must be array) (api.yaml line 13).',
    },
    {
      name: 'a $ref that stands for a schema but points outside components, paths and webhooks',
      files: { 'api.yaml': itemsDocument("{ $ref: '#/info' }") },
      message: 'api.yaml is not a valid OpenAPI 3.1 document: #/paths/~1items/get/responses/200/content/application~1json/schema: the $ref "#/info" stands for a Schema object, so it must point into #/components, #/paths or #/webhooks (api.yaml line 13).',
    },
    {
      name: 'keywords beside a $ref that make what the comparison reads no schema (3.0 leaves them unchecked)',
      files: {
        'api.yaml': itemsDocument("{ $ref: '#/components/schemas/Pet', anyOf: [null] }", '  schemas:\n    Pet: { type: object }').replace('openapi: 3.1.0', 'openapi: 3.0.3'),
      },
      message:
        'api.yaml is not a valid OpenAPI 3.0 document: #/paths/~1items/get/responses/200/content/application~1json/schema: the $ref "#/components/schemas/Pet" stands for a Schema object here, but what it points at, with the keywords beside it, is not one (#/components/schemas/Pet/anyOf/0: must be object) (api.yaml line 13).',
    },
    {
      name: 'an empty enum (3.1)',
      files: { 'api.yaml': itemsDocument('{ type: string, enum: [] }') },
      message: '#/paths/~1items/get/responses/200/content/application~1json/schema/enum: must list at least one value (api.yaml line 13).',
    },
    {
      name: 'a pattern that is not a regular expression',
      files: { 'api.yaml': itemsDocument("{ type: string, pattern: '[a-' }") },
      message: '#/paths/~1items/get/responses/200/content/application~1json/schema/pattern: is not a valid regular expression (Invalid regular expression: /[a-/: Unterminated character class) (api.yaml line 13).',
    },
    {
      name: 'a nullable that is not a boolean (3.1)',
      files: { 'api.yaml': itemsDocument("{ type: string, nullable: 'yes' }") },
      message: '#/paths/~1items/get/responses/200/content/application~1json/schema/nullable: must be true or false (api.yaml line 13).',
    },
    {
      name: 'a schema that applies itself to the same value through allOf',
      files: { 'api.yaml': itemsDocument("{ $ref: '#/components/schemas/Loop' }", "  schemas:\n    Loop:\n      allOf:\n        - $ref: '#/components/schemas/Loop'") },
      message: 'the schema applies itself to the same value (#/components/schemas/Loop → #/components/schemas/Loop/allOf/0 → #/components/schemas/Loop) without going into a property or an item',
    },
    {
      name: 'a YAML alias of one of its own parents',
      files: { 'api.yaml': itemsDocument('&loop { type: object, properties: { self: *loop } }') },
      message: 'api.yaml line 13: #/paths/~1items/get/responses/200/content/application~1json/schema/properties/self contains itself (a YAML alias of one of its own parents).',
    },
    {
      name: 'YAML aliases that expand beyond what any contract needs',
      files: {
        'api.yaml': `${itemsDocument('{ type: object }')}x-expanding:\n  l0: &l0 [0, 0, 0, 0, 0, 0, 0, 0, 0, 0]\n${Array.from({ length: 8 }, (_, level) => `  l${level + 1}: &l${level + 1} [${Array.from({ length: 10 }, () => `*l${level}`).join(', ')}]`).join('\n')}\n`,
      },
      message: 'api.yaml expands to more than 2,000,000 values through its YAML aliases.',
    },
    {
      name: 'nesting deeper than any contract needs',
      files: { 'api.yaml': itemsDocument(`${'{ type: array, items: '.repeat(300)}{ type: string }${' }'.repeat(300)}`) },
      message: 'is nested more than 256 levels deep.',
    },
    {
      name: 'text that is not JSON or YAML, with its line',
      files: { 'api.yaml': 'openapi: 3.1.0\ninfo: [\n' },
      message: 'api.yaml is not valid JSON or YAML (line 3):',
    },
    {
      name: 'OpenAPI 2',
      files: { 'api.yaml': 'swagger: "2.0"\ninfo: { title: t, version: "1" }\npaths: {}\n' },
      message: 'api.yaml is OpenAPI 2.0; npvguard reads OpenAPI 3.0 and 3.1.',
    },
  ];

  for (const { name, files, message } of cases) {
    it(name, async () => {
      const error = await readError(files);
      expect(error.code).toBe('NPV2103');
      expect(error.message).toContain(message);
    });
  }

  it('a schema that recurses through a $ref with keywords beside it is read to its end', async () => {
    const tree = documentTree({
      'api.yaml': itemsDocument("{ $ref: '#/components/schemas/Node', description: outer }", "  schemas:\n    Node:\n      type: object\n      properties:\n        next: { $ref: '#/components/schemas/Node', description: inner }"),
    });
    try {
      const document = await readApiDocument('api.yaml', tree.root);
      expect((document.value as { components: { schemas: object } }).components.schemas).toHaveProperty('Node');
    } finally {
      tree.cleanup();
    }
  });

  it('the seed documents of the property test are valid', async () => {
    for (const name of ['store-3.0.yaml', 'catalog-3.1.json', 'feed-3.1.yaml', 'accounts-3.0.json']) {
      const document = await readApiDocument(`specs/${name}`, FIXTURES);
      expect((document.value as { paths: object }).paths).toBeTypeOf('object');
    }
  });
});
