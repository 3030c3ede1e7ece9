import type { Market } from './markets.js';

export const PLATFORMS = ['ios', 'android', 'web', 'desktop'] as const;

export type Platform = (typeof PLATFORMS)[number];

export const DEFAULT_CARD_LIMIT = 20;
export const MAX_CARD_LIMIT = 50;
export const MAX_LISTENER_ID_LENGTH = 128;

/** A validated request for Now Playing View cards. */
export interface NpvQuery {
  /** Raw listener id: used for lookups and bucketing only, never logged or stored. */
  readonly listenerId: string;
  readonly trackId: string;
  readonly market: Market;
  readonly platform: Platform;
  readonly limit: number;
  readonly explicitAllowed: boolean;
}

/** What the server knows about a request the moment it arrives. */
export interface Ingress {
  readonly requestId: string;
  /** Clock time at arrival; the request deadline counts from here. */
  readonly receivedAtMs: number;
  /** Aborts when the client goes away. */
  readonly signal?: AbortSignal;
}
