export { main, type MainDependencies } from './main.js';
export { createProgram, type Invocation, type InvocationHandler } from './cli/program.js';
export { parseCLI } from './cli/parse.js';
export type { CliIO, OutputStream } from './cli/io.js';
export { REPORTERS, REPORT_FORMATS, type ReportFormat, type Reporter, type ReporterOptions } from './report/index.js';
export { CHECKS } from './checks/index.js';
export { defineConfig } from '@npvguard/core';
export type { NpvConfig, BoundariesConfig, Check, Finding, Result } from '@npvguard/core';
