import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { NpvError } from '@npvguard/core';
import { parseDotenv } from '../../src/checks/contracts/load/appEnv.js';

describe('parseDotenv', () => {
  it('reads the forms example env files use', () => {
    const text = [
      '# Database',
      'export MYSQL_HOST=localhost',
      'MYSQL_PORT = 3306',
      'COOKIE_SECRET=',
      'RATE_LIMIT_MAX=4 # 4 is for tests',
      'URL=http://host/#anchor',
      "GREETING='hello # not a comment'",
      'MULTI="line one\\nline two"',
      'SPANNING="first',
      'second"',
      'TICKS=`a "b" c`',
      '',
    ].join('\r\n');
    expect(parseDotenv(text, '.env.example')).toEqual({
      MYSQL_HOST: 'localhost',
      MYSQL_PORT: '3306',
      COOKIE_SECRET: '',
      RATE_LIMIT_MAX: '4',
      URL: 'http://host/#anchor',
      GREETING: 'hello # not a comment',
      MULTI: 'line one\nline two',
      SPANNING: 'first\nsecond',
      TICKS: 'a "b" c',
    });
  });

  it.each([
    ['a line that assigns nothing', 'HOST=localhost\njust words\n', 2, 'expected KEY=value'],
    ['a key that is not a name', '1HOST=x\n', 1, 'expected KEY=value'],
    ['a quote never closed', 'A=1\nB="open\nC=2\n', 2, 'the value of B opens a " quote it never closes'],
    ['text after a quoted value', "A='x' y\n", 1, 'unexpected text after the quoted value of A'],
  ])('refuses %s with NPV1106 and the line', (_name, text, line, problem) => {
    let caught: unknown;
    try {
      parseDotenv(text, '.env.example');
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(NpvError);
    expect((caught as NpvError).code).toBe('NPV1106');
    expect((caught as NpvError).message).toBe(`The env file .env.example (contracts.env) cannot be read at line ${line}: ${problem}.`);
  });

  const key = fc.stringMatching(/^[A-Za-z_][A-Za-z0-9_]{0,12}$/);
  const plain = fc.stringMatching(/^[A-Za-z0-9_./:@+=-]{0,20}$/);
  const anyText = fc.string({ maxLength: 30 }).filter((value) => !value.includes('"') && !value.includes('\\') && !value.includes('\r'));

  it('gives back every variable written, in any of the forms (property)', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.tuple(key, fc.oneof(plain.map((v) => ({ v, form: 'plain' as const })), anyText.map((v) => ({ v, form: 'double' as const })), plain.map((v) => ({ v, form: 'single' as const })))), { selector: ([name]) => name, maxLength: 8 }),
        fc.boolean(),
        (entries, comments) => {
          const lines = entries.map(([name, { v, form }]) => {
            const value = form === 'plain' ? v : form === 'single' ? `'${v}'` : `"${v.replace(/\n/g, '\\n')}"`;
            return `${name}=${value}${comments && form !== 'plain' ? ' # note' : ''}`;
          });
          const parsed = parseDotenv(lines.join('\n'), 'f.env');
          expect(parsed).toEqual(Object.fromEntries(entries.map(([name, { v }]) => [name, v])));
        },
      ),
    );
  });
});
