import { Type } from 'typebox';

export const LivenessResponse = Type.Object({ live: Type.Literal(true) }, { additionalProperties: false });

export const READINESS_FAILURES = [
  'catalog_not_loaded',
  'model_not_checked',
  'model_unreachable',
  'model_not_found',
  'model_contract_mismatch',
] as const;

export type ReadinessFailure = (typeof READINESS_FAILURES)[number];

export const ReadyResponse = Type.Object({ ready: Type.Literal(true) }, { additionalProperties: false });

export const NotReadyResponse = Type.Object(
  {
    ready: Type.Literal(false),
    reason: Type.Enum(READINESS_FAILURES),
    message: Type.String(),
  },
  { additionalProperties: false },
);

export const healthzRouteSchema = { response: { 200: LivenessResponse } } as const;

export const readyzRouteSchema = { response: { 200: ReadyResponse, 503: NotReadyResponse } } as const;

/** Prometheus text exposition format. */
export const metricsRouteSchema = { response: { 200: Type.String() } } as const;
