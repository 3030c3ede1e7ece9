import { ModelServerConfigError } from './config-error.js';

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

export function requireLogLevel(level: string): string {
  if (!(LOG_LEVELS as readonly string[]).includes(level)) {
    throw new ModelServerConfigError(`log level must be one of ${LOG_LEVELS.join(', ')}, got "${level}"`);
  }
  return level;
}
