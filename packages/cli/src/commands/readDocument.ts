import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { NpvError, isNpvError } from '@npvguard/core';
import { bundleReferences, type BundledDocument, type SourceFiles } from '../checks/contracts/load/bundleReferences.js';
import { checkOpenApiShape, DocumentParseError } from '../checks/contracts/load/openApiShape.js';
import { parseSourceText } from '../checks/contracts/load/sourceText.js';
import { validateOpenApiDocument } from '../checks/contracts/load/validateDocument.js';
import { readFileAtRef } from '../base/readAt.js';

/** `<git ref>:<path>`, told apart from a file path by the colon (a Windows drive letter is a file). */
const REF_PATH = /^([^:]+):(.+)$/;

/** An OpenAPI document read, made self-contained and validated; `locate` gives the file and line of a pointer. */
export type LoadedDocument = BundledDocument;

const posix = (file: string): string => file.split(path.sep).join('/');

/** Files of the working tree, by absolute path. */
function workingTreeFiles(cwd: string): SourceFiles {
  return {
    async read(file) {
      try {
        return await readFile(file, 'utf8');
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        if (code === 'ENOENT' || code === 'ENOTDIR') return undefined;
        throw new NpvError('NPV2103', code === 'EISDIR' ? 'it is a folder' : error instanceof Error ? error.message : String(error));
      }
    },
    resolve: (from, reference) => path.resolve(path.dirname(from), reference),
    label: (file) => posix(path.relative(cwd, file)),
  };
}

/** Files of a git revision, by path relative to `cwd` (as `git show <ref>:./<path>` reads them). */
function gitTreeFiles(cwd: string, ref: string): SourceFiles {
  return {
    read: (file) => readFileAtRef(cwd, ref, file),
    resolve: (from, reference) => path.posix.normalize(path.posix.isAbsolute(reference) ? reference : path.posix.join(path.posix.dirname(from), reference)),
    label: (file) => `${ref}:${file}`,
  };
}

async function readRoot(input: string, cwd: string): Promise<{ text: string; key: string; files: SourceFiles }> {
  const file = path.resolve(cwd, input);
  const reference = REF_PATH.exec(input);
  try {
    if (existsSync(file)) return { text: await readFile(file, 'utf8'), key: file, files: workingTreeFiles(cwd) };
    if (reference !== null && !/^[A-Za-z]$/.test(reference[1] ?? '')) {
      const [, ref = '', inTree = ''] = reference;
      const text = await readFileAtRef(cwd, ref, inTree);
      if (text === undefined) throw new NpvError('NPV2103', `${input}: ${inTree} does not exist at ${ref}.`, { input });
      return { text, key: path.posix.normalize(posix(path.isAbsolute(inTree) ? path.relative(cwd, inTree) : inTree)), files: gitTreeFiles(cwd, ref) };
    }
    throw new NpvError('NPV2103', `${input} is neither an existing file nor <git ref>:<path>.`, { input });
  } catch (error) {
    if (isNpvError(error) && error.code === 'NPV2103') throw error;
    if (isNpvError(error)) throw new NpvError('NPV2103', `${input} could not be read: ${error.message}`, { input });
    if (error instanceof Error && 'code' in error) throw new NpvError('NPV2103', `${input} could not be read: ${error.message}`, { input });
    throw error;
  }
}

/**
 * An OpenAPI 3.0/3.1 document from a file or `<git ref>:<path>`, with the files its `$ref`s name read from the
 * same place (relative to the file each `$ref` is written in) and copied in, then validated against the
 * OpenAPI schema of its version. A document that cannot be read or is not valid is NPV2103; a `$ref` that
 * cannot be resolved is NPV2108.
 */
export async function readApiDocument(input: string, cwd: string): Promise<LoadedDocument> {
  const { text, key, files } = await readRoot(input, cwd);
  try {
    const root = await parseSourceText(text, input);
    const version = checkOpenApiShape(root.value, input);
    const bundled = await bundleReferences(key, input, root, files);
    await validateOpenApiDocument(bundled, version, input);
    return bundled;
  } catch (error) {
    if (error instanceof DocumentParseError) throw new NpvError('NPV2103', error.message, { input });
    throw error;
  }
}
