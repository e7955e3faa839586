// Dates and times from bank statements, registries and Excel: many spellings to one ISO form in China time.

import { coded, fail, ok, type Parsed } from './result.ts';
import { cellText, isBlank } from './text.ts';

/**
 * Output is zone-less ISO (`YYYY-MM-DD`, `YYYY-MM-DDTHH:mm:ss`) in China Standard Time (UTC+8, no daylight
 * saving since 1991). Investigators reason in local wall-clock time ("transfers after midnight"), and almost
 * every source is already local; the few ISO timestamps with a zone are converted so that all rows agree.
 *
 * Codes: date.empty, date.format (not a recognised spelling), date.invalid (no such calendar date or time),
 * date.range (outside 1900..2100), time.* for a separate time column;
 * warnings date.notime, date.timeconflict.
 */

export const MIN_YEAR = 1900;
export const MAX_YEAR = 2100;
const CHINA_OFFSET_MINUTES = 8 * 60;
const DAY_SECONDS = 86_400;
const MINUTE_MS = 60_000;

/** Excel serial day 0 is 1899-12-30 for every serial after its phantom 1900-02-29 (serial 60). */
const EXCEL_EPOCH_MS = Date.UTC(1899, 11, 30);
const EXCEL_PHANTOM_LEAP_DAY = 60;

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function daysInMonth(year: number, month: number): number {
  return [31, isLeapYear(year) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1] ?? 0;
}

/** True when year/month/day name a real day of the proleptic Gregorian calendar. */
export function isValidCalendarDate(year: number, month: number, day: number): boolean {
  if (![year, month, day].every(Number.isInteger)) return false;
  return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

/** Today's date in China as YYYY-MM-DD; the upper bound for birth dates. `now` is injectable for tests. */
export function todayInChina(now: Date = new Date()): string {
  return new Date(now.getTime() + CHINA_OFFSET_MINUTES * MINUTE_MS).toISOString().slice(0, 10);
}

interface Parts {
  y: number;
  m: number;
  d: number;
  h: number;
  mi: number;
  s: number;
  /** False when the source carried only a date (the time fields are then zero). */
  hasTime: boolean;
}

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');
const formatDate = (p: Parts): string => `${pad(p.y, 4)}-${pad(p.m)}-${pad(p.d)}`;
const formatTime = (p: Pick<Parts, 'h' | 'mi' | 's'>): string => `${pad(p.h)}:${pad(p.mi)}:${pad(p.s)}`;

/** Calendar validity first (so '2023-02-30' says invalid), then the plausible-year window. */
function checked(p: Parts): Parsed<Parts> {
  const text = `${formatDate(p)} ${formatTime(p)}`;
  if (!isValidCalendarDate(p.y, p.m, p.d))
    return fail(coded('date.invalid', `no such date ${formatDate(p)}`));
  if (p.h > 23 || p.mi > 59 || p.s > 59) return fail(coded('date.invalid', `no such time in ${text}`));
  if (p.y < MIN_YEAR || p.y > MAX_YEAR) {
    return fail(coded('date.range', `year ${p.y} outside ${MIN_YEAR}..${MAX_YEAR}`));
  }
  return ok(p);
}

/** Reads the fields of a UTC timestamp (used for Excel serials and zone conversion). */
function partsFromUtcMs(ms: number, hasTime: boolean): Parts {
  const t = new Date(ms);
  const [y, m, d] = [t.getUTCFullYear(), t.getUTCMonth() + 1, t.getUTCDate()];
  return { y, m, d, h: t.getUTCHours(), mi: t.getUTCMinutes(), s: t.getUTCSeconds(), hasTime };
}

/**
 * Excel serial date: days since 1900-01-00, fraction = time of day. Excel (after Lotus 1-2-3) counts a
 * 1900-02-29 that never existed, so serials from 61 on are one day ahead of a plain count from 1899-12-31;
 * counting them from 1899-12-30 absorbs that, and serial 60 itself is rejected.
 */
function fromExcelSerial(serial: number): Parsed<Parts> {
  if (!Number.isFinite(serial) || serial < 1) {
    return fail(coded('date.range', `Excel serial ${serial} is before 1900-01-01`));
  }
  // Round to the second on the whole value so 0.99999999 of a day carries into the next day.
  const totalSeconds = Math.round(serial * DAY_SECONDS);
  const days = Math.floor(totalSeconds / DAY_SECONDS);
  if (days === EXCEL_PHANTOM_LEAP_DAY) {
    return fail(coded('date.invalid', 'Excel serial 60 is 1900-02-29, a day that does not exist'));
  }
  const offsetDays = days < EXCEL_PHANTOM_LEAP_DAY ? days + 1 : days;
  const seconds = totalSeconds - days * DAY_SECONDS;
  const ms = EXCEL_EPOCH_MS + offsetDays * DAY_SECONDS * 1000 + seconds * 1000;
  return checked(partsFromUtcMs(ms, !Number.isInteger(serial)));
}

/** `20230501`, `202305011305`, `20230501130501`, `20230501 130501`, `20230501T130501`. */
const COMPACT = /^(\d{4})(\d{2})(\d{2})(?:[T ]?(\d{2})(\d{2})(\d{2})?)?$/;
/** `2023-05-01`, `2023/5/1`, `2023.05.01` (one separator throughout), `2023年5月1日`. */
const DATE_HEAD = /^(\d{4}) ?(?:([-/.]) ?(\d{1,2}) ?\2 ?(\d{1,2})|年 ?(\d{1,2}) ?月 ?(\d{1,2}) ?[日号]?)/;
/** Time-of-day spellings shared by date-time cells and time columns; fractions of a second are dropped. */
const COLON_TIME = /^(\d{1,2}):(\d{2})(?::(\d{2})(?:[.,]\d{1,9})?)?$/;
/**
 * `10.28.38`, as DB2-based core banking systems print it (`2025-01-05-10.28.38.123456`). Three groups are
 * required: `13.05` is a decimal, and reading it as 13:05 would turn an amount column into times.
 */
const DOT_TIME = /^(\d{1,2})\.(\d{2})\.(\d{2})(?:\.\d{1,9})?$/;
const CJK_TIME = /^(\d{1,2}) ?[时点] ?(?:(\d{1,2}) ?分 ?(?:(\d{1,2}) ?秒)?)?$/;
const DIGIT_TIME = /^(\d{2})(\d{2})(\d{2})?$/;
const ZONE = /(?:Z|([+-])(\d{2}):?(\d{2})?)$/i;
/** Numeric strings read as Excel serials: an integer part of 4–5 digits, optional fraction. */
const SERIAL_TEXT = /^\d{4,5}(?:\.\d+)?$/;

type Hms = { h: number; mi: number; s: number };

function timeFromText(text: string): Hms | undefined {
  const match = COLON_TIME.exec(text) ?? DOT_TIME.exec(text) ?? CJK_TIME.exec(text) ?? DIGIT_TIME.exec(text);
  if (!match) return undefined;
  return { h: Number(match[1]), mi: Number(match[2] ?? 0), s: Number(match[3] ?? 0) };
}

/** Parses what follows the date: optional time, optional zone. `undefined` means unrecognised. */
function withTail(y: number, m: number, d: number, tail: string): Parsed<Parts> | undefined {
  if (tail === '') return checked({ y, m, d, h: 0, mi: 0, s: 0, hasTime: false });
  const zone = ZONE.exec(tail);
  const time = timeFromText((zone ? tail.slice(0, zone.index) : tail).trim());
  if (!time) return undefined;
  const local = checked({ y, m, d, ...time, hasTime: true });
  if (!local.ok || !zone) return local;
  const offsetHours = Number(zone[2] ?? 0);
  const offsetMinutes = Number(zone[3] ?? 0);
  if (offsetHours > 14 || offsetMinutes > 59)
    return fail(coded('date.format', `bad zone offset '${zone[0]}'`));
  const sign = zone[1] === '-' ? -1 : 1;
  const utcMs =
    Date.UTC(y, m - 1, d, time.h, time.mi, time.s) - sign * (offsetHours * 60 + offsetMinutes) * MINUTE_MS;
  return checked(partsFromUtcMs(utcMs + CHINA_OFFSET_MINUTES * MINUTE_MS, true));
}

function partsFromText(text: string): Parsed<Parts> {
  const compact = COMPACT.exec(text);
  if (compact) {
    const n = (i: number): number => Number(compact[i] ?? 0);
    return checked({
      y: n(1),
      m: n(2),
      d: n(3),
      h: n(4),
      mi: n(5),
      s: n(6),
      hasTime: compact[4] !== undefined,
    });
  }
  if (SERIAL_TEXT.test(text)) {
    const serial = Number(text);
    // A bare '2023' is far more likely a year than the serial for 1905-07-15; refuse to guess.
    if (serial >= MIN_YEAR && serial <= MAX_YEAR) return fail(coded('date.format', `bare year '${text}'`));
    return fromExcelSerial(serial);
  }
  const head = DATE_HEAD.exec(text);
  if (head) {
    const y = Number(head[1]);
    const m = Number(head[3] ?? head[5]);
    const d = Number(head[4] ?? head[6]);
    const rest = text.slice(head[0].length);
    // After '2023-05-01' a time must be set off by 'T' or a space ('2023-05-0113:05' is garbage, not
    // 1 May 13:05); after '日'/'号' it may follow directly, as in '2023年5月1日13时05分'.
    const afterDay = /[日号]$/.test(head[0]);
    let tail: string | undefined;
    if (rest === '') tail = '';
    else if (/^[T ]/.test(rest)) tail = rest.slice(1).trim();
    // DB2 timestamps join date and time with a dash: '2025-01-05-10.28.38.123456'.
    else if (/^-\d{1,2}\.\d{2}\.\d{2}/.test(rest)) tail = rest.slice(1);
    else if (afterDay) tail = rest.trim();
    const parsed = tail === undefined ? undefined : withTail(y, m, d, tail);
    if (parsed) return parsed;
  }
  return fail(coded('date.format', `unrecognised date '${text}'`));
}

function partsFromNumber(n: number): Parsed<Parts> {
  if (!Number.isFinite(n) || n < 0) return fail(coded('date.format', `not a date: ${n}`));
  // Excel turns a typed 20230501 into the number 20230501; such numbers are spellings, not serials.
  if (Number.isInteger(n) && /^(?:\d{8}|\d{12}|\d{14})$/.test(String(n))) return partsFromText(String(n));
  if (n < 100_000) return fromExcelSerial(n);
  return fail(coded('date.format', `not a date: ${n}`));
}

function parseParts(raw: string | number): Parsed<Parts> {
  if (isBlank(raw)) return fail(coded('date.empty', 'no date given'));
  return typeof raw === 'number' ? partsFromNumber(raw) : partsFromText(cellText(raw));
}

/** A date as YYYY-MM-DD. A time of day in the cell is accepted and dropped (after zone conversion). */
export function parseDate(raw: string | number): Parsed<string> {
  const parts = parseParts(raw);
  return parts.ok ? ok(formatDate(parts.value)) : parts;
}

/**
 * A time column: `13:05:01`, `13:05`, `130501`, `1305`, `13时05分`, an Excel day fraction (0.5 → 12:00:00)
 * as number or text, or a full date-time whose time is taken. Digits from Excel lost their leading zeros:
 * up to 4 digits are read as HHMM (905 → 09:05), 5–6 digits as HHMMSS (90501 → 09:05:01).
 */
export function parseTime(raw: string | number): Parsed<string> {
  if (isBlank(raw)) return fail(coded('time.empty', 'no time given'));
  const text = cellText(raw);
  let hms: Hms | undefined;
  if (/^\d{1,6}$/.test(text)) {
    hms = timeFromText(text.padStart(text.length <= 4 ? 4 : 6, '0'));
  } else if (/^(?:0?\.\d+|\d{5}\.\d+)$/.test(text)) {
    // A day fraction, or an Excel date-time serial of which only the fraction matters. Other decimals
    // ('13.05') are refused: read as a fraction they would silently become 01:12:00. 23:59:59.6 stays on
    // the same day rather than rounding into a midnight that belongs to the next one.
    const n = Number(text);
    const seconds = Math.min(Math.round((n - Math.floor(n)) * DAY_SECONDS), DAY_SECONDS - 1);
    hms = { h: Math.floor(seconds / 3600), mi: Math.floor((seconds % 3600) / 60), s: seconds % 60 };
  } else {
    hms = timeFromText(text);
    if (!hms) {
      const full = partsFromText(text);
      if (full.ok && full.value.hasTime) hms = full.value;
    }
  }
  if (!hms) return fail(coded('time.format', `unrecognised time '${text}'`));
  if (hms.h > 23 || hms.mi > 59 || hms.s > 59) return fail(coded('time.invalid', `no such time '${text}'`));
  return ok(formatTime(hms));
}

/**
 * A date-time as YYYY-MM-DDTHH:mm:ss. `timeRaw` is a separate time column (bank statements often split
 * them); when given and not blank it wins over a time inside `raw`, with a warning if the two disagree.
 * A date with no time anywhere yields midnight with warning `date.notime`, so analyses of time of day can
 * tell a real 00:00:00 from a missing one.
 */
export function parseDateTime(raw: string | number, timeRaw?: string | number): Parsed<string> {
  const parts = parseParts(raw);
  if (!parts.ok) return parts;
  const p = parts.value;
  if (timeRaw === undefined || isBlank(timeRaw)) {
    const text = `${formatDate(p)}T${formatTime(p)}`;
    return p.hasTime ? ok(text) : ok(text, coded('date.notime', 'no time of day given, 00:00:00 assumed'));
  }
  const time = parseTime(timeRaw);
  if (!time.ok) return time;
  const own = formatTime(p);
  const conflict = p.hasTime && own !== '00:00:00' && own !== time.value;
  const warning = conflict
    ? coded('date.timeconflict', `time ${own} in the date replaced by ${time.value}`)
    : undefined;
  return ok(`${formatDate(p)}T${time.value}`, warning);
}
