// Follow-ups as the window words them: when one is due, relative to today.

/** `iso` plus `n` days, as YYYY-MM-DD (calendar days; no time zone can shift it). */
export function addDays(iso: string, n: number): string {
  const [y, m, d] = iso.split('-').map(Number);
  const date = new Date(Date.UTC(y, m - 1, d + n));
  return date.toISOString().slice(0, 10);
}

/** Days from `from` to `to` (negative when `to` is earlier). */
function daysFrom(from: string, to: string): number {
  const ms = (iso: string) => {
    const [y, m, d] = iso.split('-').map(Number);
    return Date.UTC(y, m - 1, d);
  };
  return Math.round((ms(to) - ms(from)) / 86_400_000);
}

const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** "due today", "due tomorrow", "2 days overdue", "due Tue 8 Dec" (with the year when it is not this one). */
export function dueLabel(dueOn: string, today: string): { text: string; overdue: boolean; due: boolean } {
  const n = daysFrom(today, dueOn);
  if (n < 0) return { text: n === -1 ? '1 day overdue' : `${-n} days overdue`, overdue: true, due: true };
  if (n === 0) return { text: 'due today', overdue: false, due: true };
  if (n === 1) return { text: 'due tomorrow', overdue: false, due: false };
  const [y, m, d] = dueOn.split('-').map(Number);
  const weekday = WEEKDAYS[new Date(Date.UTC(y, m - 1, d)).getUTCDay()];
  const year = dueOn.slice(0, 4) === today.slice(0, 4) ? '' : ` ${y}`;
  return { text: `due ${weekday} ${d} ${MONTHS[m - 1]}${year}`, overdue: false, due: false };
}
