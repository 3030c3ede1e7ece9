import { DEFAULT_MIN_SUNSET_DAYS, STABILITY_LEVELS, type StabilityLevel } from '@npvguard/core';
import { isRecord } from '@npvguard/harness/contracts';
import { formatDay, parseDay, todayUtc } from '../../../shared/calendarDay.js';

/**
 * The lifecycle of what a contract offers (an operation, a parameter, a property): its stability level
 * (`x-stability-level`), its deprecation (`deprecated: true`) and the day it may go (`x-sunset`, an RFC 3339 date or
 * date-time). A lifecycle policy sets, per stability level, how many days a deprecation must give clients before the
 * sunset. These helpers judge one thing at a time and return verdicts as data; the callers name the changes.
 */

export { STABILITY_LEVELS, type StabilityLevel };
export { formatDay, parseDay, todayUtc };

export const STABILITY_EXTENSION = 'x-stability-level';
export const SUNSET_EXTENSION = 'x-sunset';

/** Minimum days between a deprecation and its sunset, per stability level. */
export type MinSunsetDays = Readonly<Record<StabilityLevel, number>>;

/** As oasdiff's `--deprecation-days-beta` and `--deprecation-days-stable`; draft and alpha promise nothing. */
export { DEFAULT_MIN_SUNSET_DAYS };

/** What lifecycle judgements need: the day of the diff (days since 1970-01-01, UTC) and the policy. */
export interface LifecycleContext {
  today: number;
  minSunsetDays: MinSunsetDays;
}

/** The lifecycle settings of a diff: the day it is made (`YYYY-MM-DD`, default today in UTC) and the policy's minimum periods. */
export interface LifecycleOptions {
  date?: string;
  minSunsetDays?: Partial<MinSunsetDays>;
}

export function lifecycleContext(options: LifecycleOptions, now: Date = new Date()): LifecycleContext {
  const today = options.date === undefined ? todayUtc(now) : parseDay(options.date);
  if (today === undefined) throw new Error(`the diff date ${options.date ?? ''} is not a YYYY-MM-DD calendar day`);
  return { today, minSunsetDays: { ...DEFAULT_MIN_SUNSET_DAYS, ...options.minSunsetDays } };
}

/** A value read from the document: absent, readable, or present but unreadable (with the reason). */
export type Reading<T> = { kind: 'absent' } | { kind: 'value'; value: T } | { kind: 'invalid'; reason: string };

const DATE_TIME = /^(\d{4}-\d{2}-\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(\.\d+)?([Zz]|[+-](\d{2}):(\d{2}))$/;

/**
 * An `x-sunset` value as a day: an RFC 3339 full-date (`2025-12-31`) or date-time (`2025-12-31T00:00:00Z`), whose
 * calendar day as written is the sunset (as the HTTP Sunset header's date, the day matters, not the hour).
 */
export function readSunset(owner: unknown): Reading<number> {
  if (!isRecord(owner) || owner[SUNSET_EXTENSION] === undefined) return { kind: 'absent' };
  const raw = owner[SUNSET_EXTENSION];
  const text = raw instanceof Date && !Number.isNaN(raw.getTime()) ? raw.toISOString().slice(0, 10) : raw;
  if (typeof text !== 'string') return { kind: 'invalid', reason: `${SUNSET_EXTENSION} is ${JSON.stringify(raw)}, not a string` };
  const dateTime = DATE_TIME.exec(text);
  const validTime = dateTime === null || (Number(dateTime[2]) < 24 && Number(dateTime[3]) < 60 && Number(dateTime[4]) < 61 && (dateTime[7] === undefined || (Number(dateTime[7]) < 24 && Number(dateTime[8]) < 60)));
  const day = parseDay(dateTime === null ? text : (dateTime[1] ?? ''));
  if (day === undefined || !validTime) return { kind: 'invalid', reason: `${SUNSET_EXTENSION} "${text}" is not an RFC 3339 date (YYYY-MM-DD) or date-time` };
  return { kind: 'value', value: day };
}

/** `x-stability-level`: one of draft, alpha, beta, stable. */
export function readStability(owner: unknown): Reading<StabilityLevel> {
  if (!isRecord(owner) || owner[STABILITY_EXTENSION] === undefined) return { kind: 'absent' };
  const raw = owner[STABILITY_EXTENSION];
  const level = STABILITY_LEVELS.find((candidate) => candidate === raw);
  if (level === undefined) return { kind: 'invalid', reason: `${STABILITY_EXTENSION} is ${JSON.stringify(raw)}, not one of ${STABILITY_LEVELS.join(', ')}` };
  return { kind: 'value', value: level };
}

/** The level a reading stands for: no level is stable, and so is an unreadable one (the strictest policy applies). */
export function effectiveStability(reading: Reading<StabilityLevel>): StabilityLevel {
  return reading.kind === 'value' ? reading.value : 'stable';
}

export function stabilityRank(level: StabilityLevel): number {
  return STABILITY_LEVELS.indexOf(level);
}

export function isDeprecated(owner: unknown): boolean {
  return isRecord(owner) && owner['deprecated'] === true;
}

/** How a deprecation made in this change measures up to the policy. */
export type DeprecationVerdict =
  | { kind: 'deprecated'; minimumDays: number; sunset?: number }
  | { kind: 'sunset-missing'; minimumDays: number }
  | { kind: 'sunset-unreadable'; reason: string }
  | { kind: 'sunset-too-soon'; minimumDays: number; sunset: number; days: number };

/**
 * A thing newly deprecated (or given a sunset while deprecated): without `x-sunset` it passes only when the policy
 * asks no period for its stability level; with one, the sunset must be at least that many days after today.
 */
export function judgeDeprecation(owner: unknown, stability: StabilityLevel, context: LifecycleContext): DeprecationVerdict {
  const minimumDays = context.minSunsetDays[stability];
  const sunset = readSunset(owner);
  if (sunset.kind === 'absent') return minimumDays > 0 ? { kind: 'sunset-missing', minimumDays } : { kind: 'deprecated', minimumDays };
  if (sunset.kind === 'invalid') return { kind: 'sunset-unreadable', reason: sunset.reason };
  const days = sunset.value - context.today;
  if (days < minimumDays) return { kind: 'sunset-too-soon', minimumDays, sunset: sunset.value, days };
  return { kind: 'deprecated', minimumDays, sunset: sunset.value };
}

/** How the sunset of a thing deprecated on both sides changed; undefined when nothing about it needs saying. */
export type SunsetChangeVerdict =
  | { kind: 'sunset-deleted'; sunset: string }
  | { kind: 'sunset-unreadable'; reason: string }
  | { kind: 'sunset-added'; verdict: DeprecationVerdict }
  | { kind: 'sunset-earlier-too-soon'; from: number; to: number; minimumDays: number; days: number }
  | { kind: 'sunset-earlier'; from: number; to: number };

/**
 * The sunset of a thing that stays deprecated: removing it takes the promised date away; moving it earlier must
 * still leave the minimum period from today (and is a warning even then); setting one where there was none (or none
 * readable) is judged as a new deprecation.
 */
export function judgeSunsetChange(oldOwner: unknown, newOwner: unknown, stability: StabilityLevel, context: LifecycleContext): SunsetChangeVerdict | undefined {
  const before = readSunset(oldOwner);
  const after = readSunset(newOwner);
  if (after.kind === 'absent') return before.kind === 'absent' ? undefined : { kind: 'sunset-deleted', sunset: String(isRecord(oldOwner) ? oldOwner[SUNSET_EXTENSION] : '') };
  if (after.kind === 'invalid') return isRecord(oldOwner) && isRecord(newOwner) && sameValue(oldOwner[SUNSET_EXTENSION], newOwner[SUNSET_EXTENSION]) ? undefined : { kind: 'sunset-unreadable', reason: after.reason };
  // An unreadable earlier date promised nothing one could hold the new date to: the new one is judged as a first one.
  if (before.kind !== 'value') return { kind: 'sunset-added', verdict: judgeDeprecation(newOwner, stability, context) };
  if (after.value >= before.value) return undefined;
  const minimumDays = context.minSunsetDays[stability];
  const days = after.value - context.today;
  // Earlier but within the policy: clients that planned on the announced day lose time, which is worth a warning.
  return days < minimumDays ? { kind: 'sunset-earlier-too-soon', from: before.value, to: after.value, minimumDays, days } : { kind: 'sunset-earlier', from: before.value, to: after.value };
}

/** What removing a thing means for its lifecycle. */
export type RemovalVerdict =
  | { kind: 'without-deprecation' }
  | { kind: 'with-deprecation'; sunset?: number }
  | { kind: 'sunset-unreadable'; reason: string }
  | { kind: 'before-sunset'; sunset: number; days: number };

/**
 * A thing removed: it should have been deprecated first, and, when it named a sunset, removed on or after that day.
 * Removed after its sunset or deprecated without one, the removal kept the promise.
 */
export function judgeRemoval(owner: unknown, context: LifecycleContext): RemovalVerdict {
  if (!isDeprecated(owner)) return { kind: 'without-deprecation' };
  const sunset = readSunset(owner);
  if (sunset.kind === 'absent') return { kind: 'with-deprecation' };
  if (sunset.kind === 'invalid') return { kind: 'sunset-unreadable', reason: sunset.reason };
  if (context.today < sunset.value) return { kind: 'before-sunset', sunset: sunset.value, days: sunset.value - context.today };
  return { kind: 'with-deprecation', sunset: sunset.value };
}

function sameValue(left: unknown, right: unknown): boolean {
  return JSON.stringify(left) === JSON.stringify(right);
}

/** `n days` with the right plural, for messages. */
export function days(count: number): string {
  return `${count} day${Math.abs(count) === 1 ? '' : 's'}`;
}
