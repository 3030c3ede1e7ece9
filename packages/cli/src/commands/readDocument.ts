import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { NpvError, isNpvError } from '@npvguard/core';
import { DocumentParseError, parseApiDocument, type ParsedDocument } from '../checks/contracts/load/document.js';
import { readFileAtRef } from '../base/readAt.js';

/** `<git ref>:<path>`, told apart from a file path by the colon (a Windows drive letter is a file). */
const REF_PATH = /^([^:]+):(.+)$/;

/** An OpenAPI document from a file or `<git ref>:<path>`; anything that fails is NPV2103 naming the input. */
export async function readApiDocument(input: string, cwd: string): Promise<ParsedDocument> {
  let text: string | undefined;
  const file = path.resolve(cwd, input);
  const reference = REF_PATH.exec(input);
  try {
    if (existsSync(file)) {
      text = readFileSync(file, 'utf8');
    } else if (reference !== null && !/^[A-Za-z]$/.test(reference[1] ?? '')) {
      text = await readFileAtRef(cwd, reference[1] ?? '', reference[2] ?? '');
      if (text === undefined) throw new NpvError('NPV2103', `${input}: ${reference[2] ?? ''} does not exist at ${reference[1] ?? ''}.`, { input });
    } else {
      throw new NpvError('NPV2103', `${input} is neither an existing file nor <git ref>:<path>.`, { input });
    }
  } catch (error) {
    if (isNpvError(error) && error.code === 'NPV2103') throw error;
    if (isNpvError(error)) throw new NpvError('NPV2103', `${input} could not be read: ${error.message}`, { input });
    throw error;
  }
  try {
    return parseApiDocument(text, input);
  } catch (error) {
    if (error instanceof DocumentParseError) throw new NpvError('NPV2103', error.message, { input });
    throw error;
  }
}
