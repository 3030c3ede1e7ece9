// Makes a case from an edit in a scratch copy of the reference service:
//   tsx examples/agent-changes/tools/new-case.ts init <scratch>
//   (edit files under <scratch> the way an agent would)
//   tsx examples/agent-changes/tools/new-case.ts save <scratch> --id <id> --kind bad|benign --category <c> --description <text> [--expect <rule>,...] [--form <form>] [--origin authored|from-doc-page] [--resembles <rule>,...]
// `save` writes <id>/change.patch and <id>/case.json, then resets the scratch copy to the clean service.
import { cpSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { readCase } from '../runner/cases.js';
import { git, REPO_ROOT, SERVICE_PATH } from '../runner/workspace.js';

const CATALOGUE = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const SKIPPED = new Set(['node_modules', 'dist', 'var', '.scratch']);

async function init(scratch: string): Promise<void> {
  if (existsSync(scratch)) throw new Error(`${scratch} already exists`);
  cpSync(path.join(REPO_ROOT, SERVICE_PATH), scratch, { recursive: true, filter: (source) => !SKIPPED.has(path.basename(source)) });
  await git(scratch, 'init', '--quiet', '--initial-branch=main');
  await git(scratch, 'add', '--all');
  await git(scratch, 'commit', '--quiet', '-m', 'the reference service');
}

async function save(scratch: string, argv: readonly string[]): Promise<void> {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      id: { type: 'string' },
      kind: { type: 'string' },
      category: { type: 'string' },
      description: { type: 'string' },
      expect: { type: 'string', default: '' },
      form: { type: 'string', default: 'direct' },
      origin: { type: 'string', default: 'authored' },
      resembles: { type: 'string', default: '' },
    },
    strict: true,
  });
  if (values.id === undefined) throw new Error('--id is required');
  await git(scratch, 'add', '--all');
  const patch = await git(scratch, 'diff', '--cached', '--binary');
  if (patch === '') throw new Error(`nothing changed in ${scratch}`);
  const folder = path.join(CATALOGUE, values.id);
  mkdirSync(folder, { recursive: true });
  writeFileSync(path.join(folder, 'change.patch'), patch);
  const expect = values.expect.split(',').map((entry) => entry.trim()).filter((entry) => entry !== '');
  const resembles = values.resembles.split(',').map((entry) => entry.trim()).filter((entry) => entry !== '');
  const caseJson = {
    id: values.id,
    kind: values.kind,
    category: values.category,
    description: values.description,
    expect,
    form: values.form,
    origin: values.origin,
    ...(resembles.length === 0 ? {} : { resembles }),
  };
  writeFileSync(path.join(folder, 'case.json'), `${JSON.stringify(caseJson, null, 2)}\n`);
  const read = readCase(folder);
  if ('problems' in read) throw new Error(`${values.id}: ${read.problems.join('; ')}`);
  await git(scratch, 'reset', '--quiet', '--hard', 'HEAD');
  await git(scratch, 'clean', '--quiet', '-fd');
  process.stdout.write(`${path.relative(process.cwd(), folder)}\n`);
}

const [command, scratch, ...rest] = process.argv.slice(2);
try {
  if (command === 'init' && scratch !== undefined) await init(path.resolve(scratch));
  else if (command === 'save' && scratch !== undefined) await save(path.resolve(scratch), rest);
  else throw new Error('usage: new-case.ts init <scratch> | save <scratch> --id <id> --kind <kind> --category <category> --description <text> [--expect <ids>] [--form <form>] [--origin authored|from-doc-page] [--resembles <ids>]');
} catch (error) {
  process.stderr.write(`${(error as Error).message}\n`);
  process.exitCode = 2;
}
