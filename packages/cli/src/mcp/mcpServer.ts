import { Writable } from 'node:stream';
import path from 'node:path';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import { NpvError, type Check } from '@npvguard/core';
import type { CliIO } from '../io/io.js';
import { cliVersion } from '../shared/version.js';
import { registerTools } from './tools.js';

export interface McpOptions {
  cwd?: string;
}

export function createMcpServer(cwd: string, checks: readonly Check[]): McpServer {
  const server = new McpServer(
    { name: 'npvguard', version: cliVersion() },
    { instructions: 'npvguard verifies changes to a TypeScript backend service. Call check after editing; fix findings using their hint; explain_rule gives a rule\'s doc.' },
  );
  registerTools(server, { cwd, checks });
  return server;
}

/**
 * `npvguard mcp`: a stdio MCP server for the project in `--cwd`. stdout carries only the protocol; the one log
 * line goes to stderr. Resolves with 0 when the client closes stdin.
 */
export async function runMcpServer(options: McpOptions, io: CliIO, checks: readonly Check[]): Promise<number> {
  const { stdin, stdout } = io;
  if (stdin === undefined || !(stdout instanceof Writable)) {
    throw new NpvError('NPV2403', 'npvguard mcp speaks MCP over stdin and stdout; start it from an MCP client\'s server config.');
  }
  const cwd = path.resolve(io.cwd, options.cwd ?? '.');
  const server = createMcpServer(cwd, checks);
  const transport = new StdioServerTransport(stdin, stdout);
  const closed = new Promise<void>((resolve) => {
    stdin.once('end', resolve);
    stdin.once('close', resolve);
  });
  await server.connect(transport);
  io.stderr.write(`npvguard mcp: serving ${cwd} over stdio\n`);
  await closed;
  await server.close();
  return 0;
}
