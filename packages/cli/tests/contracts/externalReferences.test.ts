import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isNpvError } from '@npvguard/core';
import { resolvePointer } from '@npvguard/harness/contracts';
import { compareApiDocuments } from '../../src/commands/contractsDiff.js';
import { readApiDocument } from '../../src/commands/readDocument.js';
import { runCli, spawnCli, STACK_FRAME } from '../support/cli.js';
import { documentTree, FIXTURES, itemsDocument } from './documentTree.js';

const EXTERNAL = path.join(FIXTURES, 'external');

/** The NpvError a promise rejects with (the test fails on anything else). */
async function codedError(promise: Promise<unknown>): Promise<{ code: string; message: string }> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  if (!isNpvError(error)) throw new Error(`expected a coded error, got ${String(error)}`);
  return { code: error.code, message: error.message };
}

const get = (value: unknown, pointer: string): Record<string, unknown> => resolvePointer(value, pointer) as Record<string, unknown>;

describe('external $refs', () => {
  it('reads relative YAML and JSON files, nested refs inside them and refs back out of a subfolder; nothing external is left', async () => {
    const document = await readApiDocument('api.yaml', EXTERNAL);
    const text = JSON.stringify(document.value);
    expect(text).not.toMatch(/"\$ref":"[^#]/);
    // The path item /pets comes from paths/pets.yaml, its limit parameter and schemas from files it names in turn.
    expect(get(document.value, '#/paths/~1pets/get/parameters/0')).toMatchObject({ name: 'limit', in: 'query', schema: { maximum: 50 } });
    const pets = get(document.value, '#/paths/~1pets/get/responses/200/content/application~1json/schema/items');
    expect(pets['allOf']).toHaveLength(2);
    expect(get(pets, '#/allOf/1/properties/owner')).toEqual({ type: 'object', properties: { name: { type: 'string' } } });
    // A JSON file's own local $ref (#/schemas/Problem inside common/errors.json) is resolved in that file.
    // The same response named again is a local $ref to its first copy (GET /pets default).
    expect(get(document.value, '#/paths/~1pets~1{petId}/get/responses/404')).toEqual({ $ref: '#/paths/~1pets/get/responses/default' });
    const notFound = get(document.value, '#/paths/~1pets/get/responses/default');
    const problem = notFound['content'] as Record<string, { schema: Record<string, unknown> }>;
    expect(problem['application/json']?.schema).toMatchObject({ required: ['title'] });
  });

  it('keeps a schema that recurses across two files recursive: later uses are local $refs to the first copy', async () => {
    const document = await readApiDocument('api.yaml', EXTERNAL);
    const node = get(document.value, '#/paths/~1trees/post/requestBody/content/application~1json/schema');
    const children = get(node, '#/properties/branch/properties/children/items');
    expect(children).toEqual({ $ref: '#/paths/~1trees/post/requestBody/content/application~1json/schema' });
    expect(resolvePointer(document.value, children['$ref'] as string)).toBe(node);
    expect(get(document.value, '#/components/schemas/Forest/properties/trees/items')).toEqual(children);
  });

  it('locates a part copied from another file at that file and line', async () => {
    const document = await readApiDocument('api.yaml', EXTERNAL);
    expect(document.locate('#/paths/~1trees/post/requestBody/content/application~1json/schema/properties/label')).toEqual({ file: 'schemas/tree.yaml', line: 6, pointer: '#/Node/properties/label' });
    expect(document.locate('#/paths/~1trees/post/requestBody/content/application~1json/schema/properties/branch/properties/length')).toEqual({
      file: 'schemas/branch.json',
      line: 5,
      pointer: '#/Branch/properties/length',
    });
    expect(document.locate('#/paths/~1pets~1{petId}/get/parameters/1')).toMatchObject({ file: 'api.yaml', line: 12 });
  });

  it('finds changes made in referenced files and reports them at their file and line (through the CLI)', async () => {
    const changed = documentTree({}, 'external');
    try {
      const pet = path.join(changed.root, 'schemas', 'pet.yaml');
      writeFileSync(pet, readFileSync(pet, 'utf8').replace('maxLength: 64', 'maxLength: 32'));
      const branch = path.join(changed.root, 'schemas', 'branch.json');
      writeFileSync(branch, readFileSync(branch, 'utf8').replace('"minimum": 0', '"minimum": 1'));
      const run = await runCli(['contracts', 'diff', path.join(EXTERNAL, 'api.yaml'), 'api.yaml', '--format', 'compact'], { cwd: changed.root });
      const lines = run.stdout.split('\n').filter((line) => line.includes(' error '));
      expect(lines.map((line) => line.split(' ').slice(0, 3).join(' '))).toEqual([
        'schemas/branch.json:5:1 error contracts/request-property-min-increased',
        'schemas/branch.json:5:1 error contracts/request-property-min-increased',
        'schemas/pet.yaml:6:1 error contracts/request-property-max-length-decreased',
      ]);
      expect(run.code).toBe(1);
      const same = await compareApiDocuments(path.join(EXTERNAL, 'api.yaml'), path.join(EXTERNAL, 'api.yaml'), changed.root);
      expect(same.changes).toEqual([]);
    } finally {
      changed.cleanup();
    }
  });

  it('applies the siblings of a $ref over what it points at (3.1)', async () => {
    const tree = documentTree({
      'api.yaml': itemsDocument("{ $ref: './name.yaml', maxLength: 10, description: shorter }"),
      'name.yaml': 'type: string\nmaxLength: 40\n',
    });
    try {
      const document = await readApiDocument('api.yaml', tree.root);
      expect(get(document.value, '#/paths/~1items/get/responses/200/content/application~1json/schema')).toEqual({ type: 'string', maxLength: 10, description: 'shorter' });
    } finally {
      tree.cleanup();
    }
  });

  it('leaves a $ref inside an example or a default alone: it is data', async () => {
    const tree = documentTree({ 'api.yaml': itemsDocument("{ type: object, example: { $ref: './nowhere.yaml' }, default: { $ref: 'http://example.com/x' } }") });
    try {
      const document = await readApiDocument('api.yaml', tree.root);
      expect(get(document.value, '#/paths/~1items/get/responses/200/content/application~1json/schema/example')).toEqual({ $ref: './nowhere.yaml' });
    } finally {
      tree.cleanup();
    }
  });
});

describe('external $refs from <git ref>:<path>', () => {
  let repository: { root: string; cleanup: () => void };

  beforeAll(() => {
    repository = documentTree({});
    const git = (...args: string[]) => execFileSync('git', ['-c', 'user.email=t@example.com', '-c', 'user.name=t', '-c', 'commit.gpgsign=false', ...args], { cwd: repository.root });
    git('init', '-q', '-b', 'main');
    execFileSync('cp', ['-r', EXTERNAL, path.join(repository.root, 'spec')]);
    git('add', '.');
    git('commit', '-q', '-m', 'spec');
    const pet = path.join(repository.root, 'spec', 'schemas', 'pet.yaml');
    writeFileSync(pet, readFileSync(pet, 'utf8').replace('maxLength: 64', 'maxLength: 32'));
  });

  afterAll(() => repository.cleanup());

  it('reads the files a committed document refers to from the same commit, not from the working tree', async () => {
    const committed = await compareApiDocuments('HEAD:spec/api.yaml', 'HEAD:spec/api.yaml', repository.root);
    expect(committed.changes).toEqual([]);
    const againstWorkingTree = await compareApiDocuments('HEAD:spec/api.yaml', 'spec/api.yaml', repository.root);
    const change = againstWorkingTree.changes.find((candidate) => candidate.id === 'request-property-max-length-decreased');
    expect(change?.side).toBe('new');
    expect(againstWorkingTree.new.locate(change?.pointer ?? '')).toEqual({ file: 'spec/schemas/pet.yaml', line: 6, pointer: '#/NewPet/properties/name' });
    expect(againstWorkingTree.old.locate(change?.pointer ?? '')).toEqual({ file: 'HEAD:spec/schemas/pet.yaml', line: 6, pointer: '#/NewPet/properties/name' });
  });

  it('resolves relative refs from the folder the command runs in, as git show <ref>:./<path> does', async () => {
    const run = await runCli(['contracts', 'diff', 'HEAD:api.yaml', 'api.yaml', '--format', 'compact'], { cwd: path.join(repository.root, 'spec') });
    expect(run.stdout).toContain('schemas/pet.yaml:6:1 error contracts/request-property-max-length-decreased');
    expect(run.code).toBe(1);
  });

  it('a file missing from the commit is NPV2108 naming the commit', async () => {
    execFileSync('git', ['rm', '-q', '--cached', 'spec/schemas/tree.yaml'], { cwd: repository.root });
    execFileSync('git', ['-c', 'user.email=t@example.com', '-c', 'user.name=t', '-c', 'commit.gpgsign=false', 'commit', '-q', '-m', 'drop tree'], { cwd: repository.root });
    const error = await codedError(readApiDocument('HEAD:spec/api.yaml', repository.root));
    expect(error.code).toBe('NPV2108');
    expect(error.message).toBe(
      'HEAD:spec/api.yaml line 33: the $ref "./schemas/tree.yaml#/Node" at #/paths/~1trees/post/requestBody/content/application~1json/schema cannot be resolved: HEAD:spec/schemas/tree.yaml does not exist.',
    );
  });
});

describe('unresolvable $refs are NPV2108, naming the file, line and pointer of the $ref', () => {
  const cases: Array<{ name: string; files: Record<string, string>; message: string }> = [
    {
      name: 'a missing pointer in another file',
      files: { 'api.yaml': itemsDocument("{ $ref: './pet.yaml#/Pett' }"), 'pet.yaml': 'Pet:\n  type: object\n' },
      message: 'api.yaml line 13: the $ref "./pet.yaml#/Pett" at #/paths/~1items/get/responses/200/content/application~1json/schema cannot be resolved: pet.yaml has no #/Pett (there is no "Pett" in #).',
    },
    {
      name: 'a missing pointer in the document itself',
      files: { 'api.yaml': itemsDocument("{ $ref: '#/components/schemas/Pett' }", '  schemas:\n    Pet: { type: object }') },
      message: 'api.yaml line 13: the $ref "#/components/schemas/Pett" at #/paths/~1items/get/responses/200/content/application~1json/schema cannot be resolved: api.yaml has no #/components/schemas/Pett (there is no "Pett" in #/components/schemas).',
    },
    {
      name: 'a fragment that is not a JSON pointer',
      files: { 'api.yaml': itemsDocument("{ $ref: './pet.yaml#Pet' }"), 'pet.yaml': 'Pet: {}\n' },
      message: 'api.yaml line 13: the $ref "./pet.yaml#Pet" at #/paths/~1items/get/responses/200/content/application~1json/schema cannot be resolved: "#Pet" is not a JSON pointer (it must be empty or start with "/", with "~" written ~0 and "/" written ~1).',
    },
    {
      name: 'a pointer with a bad ~ escape',
      files: { 'api.yaml': itemsDocument("{ $ref: '#/components/schemas/a~2b' }") },
      message: 'api.yaml line 13: the $ref "#/components/schemas/a~2b" at #/paths/~1items/get/responses/200/content/application~1json/schema cannot be resolved: "#/components/schemas/a~2b" is not a JSON pointer (it must start with "#/", with "~" written ~0 and "/" written ~1).',
    },
    {
      name: 'a pointer at a value that is not an object',
      files: { 'api.yaml': itemsDocument("{ $ref: './pet.yaml#/Pet/type' }"), 'pet.yaml': 'Pet:\n  type: object\n' },
      message: 'api.yaml line 13: the $ref "./pet.yaml#/Pet/type" at #/paths/~1items/get/responses/200/content/application~1json/schema cannot be resolved: pet.yaml#/Pet/type is a string, not an object.',
    },
    {
      name: 'a ref in a referenced file, to a missing file (relative to that file)',
      files: { 'api.yaml': itemsDocument("{ $ref: './schemas/pet.yaml' }"), 'schemas/pet.yaml': 'type: object\nproperties:\n  owner:\n    $ref: ../people/owner.yaml\n' },
      message: 'schemas/pet.yaml line 4: the $ref "../people/owner.yaml" at #/properties/owner cannot be resolved: people/owner.yaml does not exist.',
    },
    {
      name: 'a referenced file that is not JSON or YAML',
      files: { 'api.yaml': itemsDocument("{ $ref: './pet.yaml' }"), 'pet.yaml': 'type: [object\n' },
      message: 'api.yaml line 13: the $ref "./pet.yaml" at #/paths/~1items/get/responses/200/content/application~1json/schema cannot be resolved: pet.yaml is not valid JSON or YAML (line 2):',
    },
    {
      name: 'refs that lead back to themselves with no object in between',
      files: { 'api.yaml': itemsDocument("{ $ref: './a.yaml#/A' }"), 'a.yaml': "A:\n  $ref: './b.yaml#/B'\n", 'b.yaml': "B:\n  $ref: './a.yaml#/A'\n" },
      message: 'cannot be resolved: it leads back to itself through other $refs, with no object in between.',
    },
    {
      name: 'a URN',
      files: { 'api.yaml': itemsDocument("{ $ref: 'urn:example:pet' }") },
      message: 'cannot be resolved: the "urn:" scheme is not supported; refer to a local file by a relative path.',
    },
  ];

  for (const { name, files, message } of cases) {
    it(name, async () => {
      const tree = documentTree(files);
      try {
        const error = await codedError(readApiDocument('api.yaml', tree.root));
        expect(error.code).toBe('NPV2108');
        expect(error.message).toContain(message);
      } finally {
        tree.cleanup();
      }
    });
  }

  it('a missing file: exit 2 from the real CLI, the $ref, its file, line and pointer, no stack trace', async () => {
    const tree = documentTree({ 'api.yaml': itemsDocument("{ $ref: './schemas/missing.yaml#/Pet' }") });
    try {
      const run = await spawnCli(['contracts', 'diff', 'api.yaml', 'api.yaml'], { cwd: tree.root });
      expect(run.code).toBe(2);
      expect(run.stderr).toContain(
        'error NPV2108: api.yaml line 13: the $ref "./schemas/missing.yaml#/Pet" at #/paths/~1items/get/responses/200/content/application~1json/schema cannot be resolved: schemas/missing.yaml does not exist.',
      );
      expect(run.stderr).not.toMatch(STACK_FRAME);
      expect(run.stdout).toBe('');
    } finally {
      tree.cleanup();
    }
  });

  it('a remote URL: exit 2, nothing fetched, told to refer to a local copy', async () => {
    const tree = documentTree({ 'api.yaml': itemsDocument("{ $ref: 'https://example.com/schemas/pet.json#/Pet' }") });
    try {
      const run = await runCli(['contracts', 'diff', 'api.yaml', 'api.yaml'], { cwd: tree.root });
      expect(run.code).toBe(2);
      expect(run.stderr).toContain('error NPV2108: api.yaml line 13: the $ref "https://example.com/schemas/pet.json#/Pet"');
      expect(run.stderr).toContain('npvguard reads local files only (it never goes to the network)');
      expect(run.stderr).not.toMatch(STACK_FRAME);
    } finally {
      tree.cleanup();
    }
  });
});
