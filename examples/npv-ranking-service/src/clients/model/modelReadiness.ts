import { checkModelContract } from './modelContract.js';

export const READINESS_REASONS = [
  'model_not_checked',
  'model_unreachable',
  'model_not_found',
  'model_contract_mismatch',
] as const;

export type ModelReadinessReason = (typeof READINESS_REASONS)[number];

export type ModelReadinessState =
  | { readonly ready: true }
  | { readonly ready: false; readonly reason: ModelReadinessReason; readonly message: string };

/** Where model metadata comes from; the OIP client in production, a fake in tests. */
export interface ModelMetadataSource {
  metadata(signal: AbortSignal): Promise<{ readonly statusCode: number; readonly body: unknown }>;
}

export interface ModelReadinessOptions {
  readonly source: ModelMetadataSource;
  /** How often the cached answer is refreshed. */
  readonly intervalMs: number;
  /** The longest one metadata fetch may take. */
  readonly timeoutMs: number;
}

/**
 * Whether the model server serves a model matching the feature spec. Checked in the background and
 * cached, so `/readyz` answers from memory and never waits on the model server.
 */
export class ModelReadiness {
  private state: ModelReadinessState = { ready: false, reason: 'model_not_checked', message: 'model metadata not checked yet' };
  private timer: NodeJS.Timeout | undefined;
  private readonly options: ModelReadinessOptions;

  constructor(options: ModelReadinessOptions) {
    this.options = options;
  }

  current(): ModelReadinessState {
    return this.state;
  }

  /** Fetches and checks the metadata once; never throws, the outcome becomes the cached state. */
  async refresh(): Promise<ModelReadinessState> {
    this.state = await this.check();
    return this.state;
  }

  /** Refreshes every `intervalMs` until stopped; the timer never keeps the process alive. */
  start(): void {
    if (this.timer === undefined) {
      this.timer = setInterval(() => void this.refresh(), this.options.intervalMs);
      this.timer.unref();
    }
  }

  stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }

  private async check(): Promise<ModelReadinessState> {
    let response: { statusCode: number; body: unknown };
    try {
      response = await this.options.source.metadata(AbortSignal.timeout(this.options.timeoutMs));
    } catch (error) {
      const detail = error instanceof Error ? error.message : String(error);
      return { ready: false, reason: 'model_unreachable', message: `model metadata could not be fetched: ${detail}` };
    }
    if (response.statusCode === 404) {
      return { ready: false, reason: 'model_not_found', message: 'the model server does not serve npv-ranker' };
    }
    if (response.statusCode !== 200) {
      return { ready: false, reason: 'model_unreachable', message: `model metadata answered ${response.statusCode}` };
    }
    const contract = checkModelContract(response.body);
    return contract.ok ? { ready: true } : { ready: false, reason: 'model_contract_mismatch', message: contract.message };
  }
}
