// Calendar arithmetic on plain day numbers (days since 1970-01-01), free of time zones and the clock.

const DAY_MS = 86_400_000;

/** Day number of a YYYY-MM-DD date. */
export function dayOf(date: string): number {
  const [y, m, d] = date.split('-').map(Number);
  return Math.round(Date.UTC(y ?? 1970, (m ?? 1) - 1, d ?? 1) / DAY_MS);
}

/** YYYY-MM-DD of a day number. */
export function dateOf(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

export const pad2 = (n: number): string => String(n).padStart(2, '0');

/** Seconds since the epoch for a wall-clock time on a day (wall clock treated as UTC throughout). */
export function stamp(day: number, h: number, m: number, s: number): number {
  return day * 86_400 + h * 3600 + m * 60 + s;
}

export function dayOfStamp(t: number): number {
  return Math.floor(t / 86_400);
}

/** HH:mm:ss of a stamp. */
export function timeOf(t: number): string {
  const s = t % 86_400;
  return `${pad2(Math.floor(s / 3600))}:${pad2(Math.floor((s % 3600) / 60))}:${pad2(s % 60)}`;
}

export function ymd(date: string): string {
  return date.replaceAll('-', '');
}

/** Full years between a birth date and a day (both YYYY-MM-DD). */
export function ageOn(birth: string, on: string): number {
  const by = Number(birth.slice(0, 4));
  const oy = Number(on.slice(0, 4));
  return oy - by - (on.slice(5) < birth.slice(5) ? 1 : 0);
}

/** A month as 'YYYY-MM' shifted by `delta` months. */
export function addMonths(month: string, delta: number): string {
  const y = Number(month.slice(0, 4));
  const m = Number(month.slice(5, 7)) - 1 + delta;
  const year = y + Math.floor(m / 12);
  return `${year}-${pad2((((m % 12) + 12) % 12) + 1)}`;
}

export function lastDayOfMonth(month: string): string {
  return dateOf(dayOf(`${addMonths(month, 1)}-01`) - 1);
}

/** A date in a month, the day clamped to the month's length. */
export function dateIn(month: string, day: number): string {
  const last = Number(lastDayOfMonth(month).slice(8));
  return `${month}-${pad2(Math.min(Math.max(day, 1), last))}`;
}

/** The date `years` years before `date`, Feb 29 falling back to Feb 28. */
export function yearsBefore(date: string, years: number): string {
  const y = Number(date.slice(0, 4)) - years;
  const md = date.slice(5);
  const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  return `${y}-${md === '02-29' && !leap ? '02-28' : md}`;
}
