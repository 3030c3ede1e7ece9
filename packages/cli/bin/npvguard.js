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
