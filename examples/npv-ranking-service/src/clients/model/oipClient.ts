import { Pool } from 'undici';
import { ScoringError } from '../../core/errors.js';
import type { ModelFeatureRow } from '../../core/records.js';
import { FEATURES, INPUT_NAME, MODEL_NAME, MODEL_VERSION, OUTPUT_NAME, TENSOR_DATATYPE, toTensorData } from './featureSpec.js';
import { readScores } from './readScores.js';

export interface OipClientOptions {
  /** The model server's base URL, e.g. http://127.0.0.1:8081. */
  readonly baseUrl: string;
  /** Keep-alive connections held open to the model server. */
  readonly connections?: number;
}

const UNAVAILABLE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EPIPE',
  'UND_ERR_SOCKET',
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_CLOSED',
]);

function errorCode(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null) {
    return undefined;
  }
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string') {
    return code;
  }
  return errorCode((error as { cause?: unknown }).cause);
}

/** Sorts a failed call into the reason the response reports. */
export function classifyCallFailure(error: unknown, signal: AbortSignal): ScoringError {
  if (error instanceof ScoringError) {
    return error;
  }
  if (signal.aborted) {
    return new ScoringError('model_timeout', 'model call did not answer in time', { cause: error });
  }
  const code = errorCode(error);
  if (code !== undefined && UNAVAILABLE_CODES.has(code)) {
    return new ScoringError('model_unavailable', `model server unreachable (${code})`, { cause: error });
  }
  return new ScoringError('model_error', 'model call failed', { cause: error });
}

/**
 * An Open Inference Protocol v2 client for the NPV ranker over one keep-alive connection pool, created
 * once per app. Every call is bounded by the caller's signal; outputs are read by name.
 */
export class OipClient {
  private readonly pool: Pool;
  private readonly pathPrefix: string;

  constructor(options: OipClientOptions) {
    const url = new URL(options.baseUrl);
    this.pathPrefix = url.pathname.replace(/\/+$/, '');
    this.pool = new Pool(url.origin, {
      connections: options.connections ?? 16,
      keepAliveTimeout: 30_000,
      connect: { timeout: 1_000 },
    });
  }

  /** One score per row, in row order, or a ScoringError saying why not. */
  async infer(rows: readonly ModelFeatureRow[], signal: AbortSignal): Promise<number[]> {
    const data = toTensorData(rows);
    if (data.some((value) => !Number.isFinite(value))) {
      throw new ScoringError('model_error', 'a feature value is not a finite number; the model would reject the batch');
    }
    const body = JSON.stringify({
      inputs: [{ name: INPUT_NAME, shape: [rows.length, FEATURES.length], datatype: TENSOR_DATATYPE, data }],
      outputs: [{ name: OUTPUT_NAME }],
    });
    try {
      const response = await this.pool.request({
        method: 'POST',
        path: `${this.pathPrefix}/v2/models/${MODEL_NAME}/versions/${MODEL_VERSION}/infer`,
        headers: { 'content-type': 'application/json' },
        body,
        signal,
      });
      const text = await response.body.text();
      if (response.statusCode === 503) {
        throw new ScoringError('model_unavailable', 'model server answered 503');
      }
      if (response.statusCode !== 200) {
        throw new ScoringError('model_error', `model server answered ${response.statusCode}`);
      }
      return readScores(text, rows.length);
    } catch (error) {
      throw classifyCallFailure(error, signal);
    }
  }

  /** The model's metadata document, parsed but not yet checked. */
  async metadata(signal: AbortSignal): Promise<{ statusCode: number; body: unknown }> {
    const response = await this.pool.request({ method: 'GET', path: `${this.pathPrefix}/v2/models/${MODEL_NAME}`, signal });
    const text = await response.body.text();
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      body = undefined;
    }
    return { statusCode: response.statusCode, body };
  }

  close(): Promise<void> {
    return this.pool.close();
  }
}
