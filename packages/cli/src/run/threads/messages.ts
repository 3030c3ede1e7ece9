import { ERROR_CODES, NpvError, isNpvError, type CheckContext, type ErrorCode, type FindingInput } from '@npvguard/core';

/** The plain-data part of a CheckContext: what crosses into a worker thread (which opens its own change source). */
export type WorkerContext = Pick<CheckContext, 'root' | 'config' | 'files' | 'paths' | 'rules' | 'base' | 'atBase' | 'measure' | 'date'>;

/** Main thread → worker: run one check, named by its id and the module that exports it. */
export interface CheckJob {
  id: number;
  check: string;
  /** URL of the module exporting the check object (`Check.module`). */
  module: string;
  context: WorkerContext;
}

/** Main thread → worker: stop the job running (the run was cancelled). */
export interface CancelJob {
  cancel: number;
}

/** An error as it crosses a thread boundary: a coded NpvError stays coded, anything else keeps its stack for --debug. */
export type SerializedError =
  | { kind: 'npv'; code: string; message: string; details?: Record<string, unknown> }
  | { kind: 'internal'; name: string; message: string; stack?: string };

/** Worker → main thread: what the check reported (findings as the check gave them; the main thread finalizes them). */
export interface CheckReply {
  id: number;
  findings: FindingInput[];
  data?: Record<string, unknown>;
  /** The files the check examined, when it said it examined only some. */
  examined?: string[];
  /** Set when the check threw: the findings are then dropped, as in the main thread. */
  error?: SerializedError;
}

/** Called in the worker, whose checks throw the worker's own NpvError class (each thread loads its own modules). */
export function serializeError(error: unknown): SerializedError {
  if (isNpvError(error)) return { kind: 'npv', code: error.code, message: error.message, details: { ...error.details } };
  if (error instanceof Error) return { kind: 'internal', name: error.name, message: error.message, ...(error.stack === undefined ? {} : { stack: error.stack }) };
  return { kind: 'internal', name: 'Error', message: String(error) };
}

function isErrorCode(code: string): code is ErrorCode {
  return Object.hasOwn(ERROR_CODES, code);
}

/** The error again, on the main thread: an NpvError with its code, or an Error carrying the worker's stack. */
export function deserializeError(serialized: SerializedError): Error {
  if (serialized.kind === 'npv' && isErrorCode(serialized.code)) return new NpvError(serialized.code, serialized.message, serialized.details);
  const error = new Error(serialized.message);
  if (serialized.kind === 'internal') {
    error.name = serialized.name;
    if (serialized.stack !== undefined) error.stack = serialized.stack;
  }
  return error;
}
