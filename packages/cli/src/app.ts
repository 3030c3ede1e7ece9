// `npvguard/app`: what a factory module (`npvguard.app.ts`) needs to build the app, and nothing of the CLI.
export { appBuiltBy } from '@npvguard/harness/app';
