#!/usr/bin/env node
// The only place npvguard touches the process: everything below main() gets streams and returns an exit code.
import process from 'node:process';
import { main } from '../dist/main.js';

process.exitCode = await main(process.argv, {
  stdout: process.stdout,
  stderr: process.stderr,
  stdin: process.stdin,
  env: process.env,
  cwd: process.cwd(),
});

// A hook's answer is final once main returns: checks abandoned at the hook's time bound must not keep the agent waiting.
if (process.argv[2] === 'hook') process.stdout.write('', () => process.exit());
