/** Calendar arithmetic on ISO dates (YYYY-MM-DD), in UTC: no time zone ever shifts a day. */

export interface Ymd {
  y: number;
  m: number; // 1-12
  d: number;
}

/** The date, or null when the string is not a real calendar date. */
export function parseDate(s: string): Ymd | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(typeof s === 'string' ? s.trim() : '');
  if (!m) return null;
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const d = Number(m[3]);
  const t = new Date(Date.UTC(y, mo - 1, d));
  if (t.getUTCFullYear() !== y || t.getUTCMonth() !== mo - 1 || t.getUTCDate() !== d) return null;
  return { y, m: mo, d };
}

/** The day after. */
export function nextDay(a: Ymd): Ymd {
  const t = new Date(Date.UTC(a.y, a.m - 1, a.d + 1));
  return { y: t.getUTCFullYear(), m: t.getUTCMonth() + 1, d: t.getUTCDate() };
}

/** Complete months from `from` (included) to `to` (excluded): 2015-03-15 → 2020-03-15 is 60 months. */
export function completeMonths(from: Ymd, to: Ymd): number {
  let months = (to.y - from.y) * 12 + (to.m - from.m);
  if (to.d < from.d) months--;
  return Math.max(0, months);
}

export function compareDates(a: Ymd, b: Ymd): number {
  return a.y - b.y || a.m - b.m || a.d - b.d;
}
