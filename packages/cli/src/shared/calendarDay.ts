/** Calendar days (UTC) as whole days since 1970-01-01, for date arithmetic without time zones. */

const DAY_MS = 86_400_000;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** `YYYY-MM-DD` as days since 1970-01-01; undefined unless it is a real calendar day. */
export function parseDay(text: string): number | undefined {
  const match = DATE.exec(text);
  if (match === null) return undefined;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const time = Date.UTC(year, month - 1, day);
  const date = new Date(time);
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return undefined;
  return Math.round(time / DAY_MS);
}

export function formatDay(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/** Today in UTC, as days since 1970-01-01. */
export function todayUtc(now: Date = new Date()): number {
  return Math.floor(now.getTime() / DAY_MS);
}
