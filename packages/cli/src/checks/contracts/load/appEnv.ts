import { readFileSync } from 'node:fs';
import path from 'node:path';
import { NpvError, type ContractsConfig, type ContractsEnvSource } from '@npvguard/core';

const KEY = /^[A-Za-z_][A-Za-z0-9_.-]*$/;

/**
 * The variables of a dotenv file (`KEY=value` lines): `#` comments, `export KEY=…`, single, double and backtick
 * quotes (a double-quoted value reads `\n` as a new line and may span lines), an unquoted value ending at ` #`.
 * A line that is none of these is NPV1106 with its line number: a variable read wrong would boot the app with
 * a value nobody wrote.
 */
export function parseDotenv(text: string, file: string): Record<string, string> {
  const values: Record<string, string> = {};
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  for (let index = 0; index < lines.length; index += 1) {
    const lineNumber = index + 1;
    const line = (lines[index] ?? '').trim();
    if (line === '' || line.startsWith('#')) continue;
    const assignment = line.startsWith('export ') ? line.slice('export '.length).trimStart() : line;
    const equals = assignment.indexOf('=');
    const key = equals === -1 ? '' : assignment.slice(0, equals).trim();
    if (!KEY.test(key)) throw dotenvError(file, lineNumber, 'expected KEY=value');
    let rest = assignment.slice(equals + 1).trimStart();
    const quote = rest[0];
    if (quote === '"' || quote === "'" || quote === '`') {
      // A quoted value may continue on the next lines up to its closing quote.
      let body = rest.slice(1);
      let close = body.indexOf(quote);
      while (close === -1 && index + 1 < lines.length) {
        index += 1;
        body += `\n${lines[index] ?? ''}`;
        close = body.indexOf(quote);
      }
      if (close === -1) throw dotenvError(file, lineNumber, `the value of ${key} opens a ${quote} quote it never closes`);
      const after = body.slice(close + 1).trim();
      if (after !== '' && !after.startsWith('#')) throw dotenvError(file, lineNumber, `unexpected text after the quoted value of ${key}`);
      const value = body.slice(0, close);
      values[key] = quote === '"' ? value.replace(/\\n/g, '\n').replace(/\\r/g, '\r') : value;
      continue;
    }
    const comment = rest.search(/\s#/);
    if (comment !== -1) rest = rest.slice(0, comment);
    values[key] = rest.trim();
  }
  return values;
}

function dotenvError(file: string, line: number, problem: string): NpvError {
  return new NpvError('NPV1106', `The env file ${file} (contracts.env) cannot be read at line ${line}: ${problem}.`, { file, line });
}

function readEnvFile(root: string, file: string): Record<string, string> {
  let text: string;
  try {
    text = readFileSync(path.resolve(root, file), 'utf8');
  } catch (error) {
    const reason = error instanceof Error && 'code' in error && error.code === 'ENOENT' ? 'it does not exist' : error instanceof Error ? error.message : String(error);
    throw new NpvError('NPV1106', `The env file ${file} (contracts.env) cannot be read: ${reason}.`, { file });
  }
  return parseDotenv(text, file);
}

/** The variables `contracts.env` gives: dotenv files relative to the project root and records, a later one winning. */
export function contractsEnv(root: string, config: ContractsConfig): Record<string, string> {
  const env = config.env;
  if (env === undefined) return {};
  const sources: readonly ContractsEnvSource[] = Array.isArray(env) ? env : [env as ContractsEnvSource];
  const values: Record<string, string> = {};
  for (const source of sources) Object.assign(values, typeof source === 'string' ? readEnvFile(root, source) : source);
  return values;
}

/**
 * Sets the variables of `contracts.env` that the environment does not already have, while the app is built and
 * called, as its own `.env` would in development; returns what puts the environment back.
 */
export function applyContractsEnv(root: string, config: ContractsConfig): () => void {
  // eslint-disable-next-line npvguard/no-process-env-outside-config -- written for the user's app, which reads it there; not a setting of ours
  const environment = process.env;
  const added: string[] = [];
  for (const [key, value] of Object.entries(contractsEnv(root, config))) {
    if (environment[key] !== undefined) continue;
    environment[key] = value;
    added.push(key);
  }
  return () => {
    for (const key of added) delete environment[key];
  };
}
