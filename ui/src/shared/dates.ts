// Dates are handled as plain "YYYY-MM-DD" strings, computed in UTC so no time
// zone or daylight-saving change can move a day.

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const MONTHS_SHORT = MONTHS.map((m) => m.slice(0, 3));
const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

export const monthNames: readonly string[] = MONTHS;

let appToday: string | null = null;

/** The app's date (from app_info) wins over the JS clock, so tests can pin it. */
export function setToday(iso: string): void {
  if (parseIso(iso)) appToday = iso;
}

export function todayIso(): string {
  if (appToday) return appToday;
  const d = new Date();
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

export function parseIso(iso: string | null | undefined): Date | null {
  if (!iso) return null;
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  if (!m) return null;
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const d = Number(m[3]);
  const date = new Date(Date.UTC(y, mo - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d) return null;
  return date;
}

/** Whole days from `from` to `to` (positive when `to` is later). */
export function daysBetween(from: string, to: string): number {
  const a = parseIso(from);
  const b = parseIso(to);
  if (!a || !b) return 0;
  return Math.round((b.getTime() - a.getTime()) / 86_400_000);
}

/** "23 Nov 2026"; the year is left out when `omitYearIn` is that year. */
export function formatDate(iso: string | null | undefined, omitYearIn?: string): string {
  const d = parseIso(iso);
  if (!d) return '';
  const base = `${d.getUTCDate()} ${MONTHS_SHORT[d.getUTCMonth()]}`;
  if (omitYearIn && omitYearIn.slice(0, 4) === String(d.getUTCFullYear())) return base;
  return `${base} ${d.getUTCFullYear()}`;
}

/** "Monday, 23 November 2026" */
export function formatLongDate(iso: string): string {
  const d = parseIso(iso);
  if (!d) return iso;
  return `${WEEKDAYS[d.getUTCDay()]}, ${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()}`;
}

/** "today", "tomorrow", "in 3 days" */
export function inDays(n: number): string {
  if (n === 0) return 'today';
  if (n === 1) return 'tomorrow';
  if (n === -1) return 'yesterday';
  if (n < 0) return `${-n} days ago`;
  return `in ${n} days`;
}

/** A past date relative to today: "today", "yesterday", "5 days ago", "3 weeks ago", "4 months ago", "2 years ago". */
export function relativePast(iso: string | null | undefined, today = todayIso()): string {
  if (!iso) return 'never';
  const n = daysBetween(iso, today);
  if (n < 0) return inDays(-n);
  if (n === 0) return 'today';
  if (n === 1) return 'yesterday';
  if (n < 14) return `${n} days ago`;
  if (n < 60) return `${Math.floor(n / 7)} weeks ago`;
  if (n < 730) return `${Math.floor(n / 30.44)} months ago`;
  return `${Math.floor(n / 365.25)} years ago`;
}

/** "every 30 days", "every week", "every 3 months" */
export function cadence(days: number): string {
  if (days === 1) return 'every day';
  if (days === 7) return 'every week';
  if (days % 7 === 0 && days < 60) return `every ${days / 7} weeks`;
  if (days === 30 || days === 31) return 'every month';
  if (days === 365) return 'every year';
  if (days % 30 === 0 && days < 365) return `every ${days / 30} months`;
  return `every ${days} days`;
}

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;
}

/** "14 March" or "14 March 1980" for a birthday. */
export function formatBirthday(b: { day: number; month: number; year: number | null } | null): string {
  if (!b) return '';
  const m = MONTHS[b.month - 1] ?? '';
  return b.year ? `${b.day} ${m} ${b.year}` : `${b.day} ${m}`;
}

/** "5 days", "3 weeks", "4 months", "10 years": a span of days the way people say it. */
export function spanOfDays(n: number): string {
  if (n < 14) return plural(n, 'day');
  if (n < 60) return plural(Math.floor(n / 7), 'week');
  if (n < 730) return plural(Math.floor(n / 30.44), 'month');
  return plural(Math.floor(n / 365.25), 'year');
}

/**
 * When something happened, said as a person would: "just now", "5 minutes ago", "2 hours ago",
 * else the date. `iso` is a moment (`2026-11-23T08:30:00Z`); `now` is in milliseconds.
 */
export function relativeMoment(iso: string, now: number = Date.now()): string {
  const at = Date.parse(iso);
  if (Number.isNaN(at)) return '';
  const minutes = Math.floor((now - at) / 60000);
  if (minutes < 1) return 'just now';
  if (minutes < 60) return minutes === 1 ? 'a minute ago' : `${minutes} minutes ago`;
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return hours === 1 ? 'an hour ago' : `${hours} hours ago`;
  return `on ${formatDate(iso.slice(0, 10))}`;
}
