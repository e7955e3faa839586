// ID masking for roles without clearance (`522601********1234`), applied to whole answers, reports and exports.
import { ENTITY_TYPES, type PropertySpec, RELATION_TYPES } from '../schema/index.ts';

/** First two digits of a mainland ID: the province-level area codes GB/T 2260 uses. */
const PROVINCE = '(?:1[1-5]|2[1-3]|3[1-7]|4[1-6]|5[0-4]|6[1-5]|71|8[1-3])';
const MONTH_DAY = '(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\\d|3[01])';
/**
 * Anything shaped like a resident ID, valid or not: area code, a plausible date segment, sequence (and check
 * character). Valid and invalid numbers alike give a person away; 16/19-digit cards, USCCs (letters), phones and
 * accounts whose digits 7–14 are no date stay. Group 1 is an 18-character number, group 2 a 15-digit one.
 */
const ID_LIKE = new RegExp(
  `(?<![0-9A-Za-z])(?:(${PROVINCE}\\d{4}(?:18|19|20)\\d{2}${MONTH_DAY}\\d{3}[\\dXx])|(${PROVINCE}\\d{4}\\d{2}${MONTH_DAY}\\d{3}))(?![0-9A-Za-z])`,
  'g',
);
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK = '10X98765432';

/** ISO 7064 MOD 11-2 check of an 18-character ID number. */
export function isIdNumber(text: string): boolean {
  if (!/^\d{17}[\dXx]$/.test(text)) return false;
  let sum = 0;
  for (let i = 0; i < 17; i += 1) sum += Number(text[i]) * (WEIGHTS[i] ?? 0);
  return CHECK[sum % 11] === text[17]?.toUpperCase();
}

/** Whether the whole text is shaped like an ID number (18 or 15 characters), whether or not it is valid. */
export function looksLikeIdNumber(text: string): boolean {
  ID_LIKE.lastIndex = 0;
  const match = ID_LIKE.exec(text);
  return match?.index === 0 && match[0].length === text.length;
}

/** Keeps the area code and the last digits; the date segment (8 digits, or 6 in a 15-digit number) goes. */
export function maskIdNumber(id: string): string {
  return id.length === 15
    ? `${id.slice(0, 6)}******${id.slice(12)}`
    : `${id.slice(0, 6)}********${id.slice(14)}`;
}

/** An ID number as written in a source, whatever its shape: a malformed one still names its holder. */
function maskWrittenId(value: string): string {
  if (looksLikeIdNumber(value)) return maskIdNumber(value);
  const digits = value.replace(/\D/g, '').length;
  if (digits < 6) return value;
  return value.length > 10
    ? `${value.slice(0, 6)}${'*'.repeat(value.length - 10)}${value.slice(-4)}`
    : '*'.repeat(value.length);
}

/** A birth date reduced to its year: the month and day are the ID number's hidden digits. */
function birthYear(value: string): string {
  // Not a date (a column mapping `出生日期 → birthDate`): nothing to hide.
  if (!/\d{6}/.test(value.replace(/\D/g, ''))) return value;
  const year = /^\d{4}/.exec(value.trim());
  return year ? year[0] : '****';
}

// What the schema says reveals an ID: property names by kind, and the words sentences introduce a birth date with.
const specs: [string, PropertySpec][] = [...ENTITY_TYPES, ...RELATION_TYPES].flatMap((t) =>
  Object.entries(t.properties as Record<string, PropertySpec>),
);
/** By property name and by caption: rows as read from a source (quarantine `raw`) are keyed by column headers. */
const REVEALING = new Map(
  specs.flatMap(([name, spec]) =>
    spec.revealsId ? [name, spec.zh, spec.en].map((key) => [key, spec.revealsId] as const) : [],
  ),
);
const escapeRegExp = (word: string) => word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const BIRTH_WORDS = [
  ...new Set(
    specs
      .filter(([, spec]) => spec.revealsId === 'birthDate')
      .flatMap(([name, spec]) => [name, spec.zh, spec.en, ...(spec.mentions ?? [])]),
  ),
].sort((a, b) => b.length - a.length);
/** A birth word, then separators (`：`, `": "`, `为`, `on`…), then a date as ISO, `1972年7月13日`, `1972/7/13` or `19720713`. */
const BIRTH_IN_TEXT = new RegExp(
  `(${BIRTH_WORDS.map(escapeRegExp).join('|')})([\\s"'\\\\：:=]*(?:为|是|于|on|is)?[\\s"'\\\\：:=]*)(\\d{4})(?:([-/.年])(\\d{1,2})[-/.月](\\d{1,2})日?|(\\d{2})(\\d{2}))(?!\\d)`,
  'gi',
);
/** Any full date in a sentence, to catch one derived from a birthday the same sentence names (`自2024-07-13起`). */
const ANY_DATE = /(?<!\d)(\d{4})([-/.年])(\d{1,2})[-/.月](\d{1,2})日?(?![\dT:])/g;
// Cheap tests first: most strings of a large answer (names, amounts, element ids) hold neither.
const ID_HINT = /\d{15}/;
const DATE_HINT = /\d{4}[-/.年]\d/;

const monthDay = (month: string, day: string) => `${month.padStart(2, '0')}${day.padStart(2, '0')}`;
const isoDate = (year: string, month: string, day: string) =>
  `${year}-${month.padStart(2, '0')}-${day.padStart(2, '0')}`;
const yearOnly = (year: string, separator: string | undefined) => (separator === '年' ? `${year}年` : year);
/** Month and day of an ID-shaped number's date segment. */
const idBirthday = (id: string) => (id.length === 15 ? id.slice(8, 12) : id.slice(10, 14));
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Full birth date (YYYY-MM-DD) of an ID-shaped number. */
const idBirthDate = (id: string) =>
  id.length === 15
    ? `19${id.slice(6, 8)}-${id.slice(8, 10)}-${id.slice(10, 12)}`
    : `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`;
const NO_DATES: ReadonlySet<string> = new Set();
type Kind = 'number' | 'birthDate' | undefined;

/**
 * Dates in a text that fall on one of the birthdays (month-days), or are one of the answer's full birth dates (a
 * query's bare `p.birthDate` column next to the person's node), keep only their year.
 */
function reduceBirthdays(text: string, birthdays: ReadonlySet<string>, births = NO_DATES): string {
  if ((!birthdays.size && !births.size) || text.length < 8 || !DATE_HINT.test(text)) return text;
  return text.replace(ANY_DATE, (match, year: string, separator: string, month: string, day: string) =>
    birthdays.has(monthDay(month, day)) || births.has(isoDate(year, month, day))
      ? yearOnly(year, separator)
      : match,
  );
}

type Container = Record<string | number, unknown>;

/** What one masking pass has found so far: birthdays (month-days, in order) and full birth dates. */
interface Found {
  days: string[];
  births: Set<string>;
  /** Masked strings still holding a date, checked against every birth date once the whole answer is seen. */
  dated: [Container, string | number][];
}

/** `maskText`, recording the birthdays it finds. */
function maskString(text: string, found: Found): string {
  if (text.length < 8 || !/\d{4}/.test(text)) return text;
  const start = found.days.length;
  let out = !ID_HINT.test(text)
    ? text
    : text.replace(ID_LIKE, (match) => {
        found.days.push(idBirthday(match));
        found.births.add(idBirthDate(match));
        return maskIdNumber(match);
      });
  out = out.replace(BIRTH_IN_TEXT, (...m: string[]) => {
    const [, word, between, year, separator, month, day, month2, day2] = m;
    found.days.push(monthDay(month ?? month2 ?? '', day ?? day2 ?? ''));
    found.births.add(isoDate(year ?? '', month ?? month2 ?? '', day ?? day2 ?? ''));
    return `${word}${between}${yearOnly(year ?? '', separator)}`;
  });
  return found.days.length > start ? reduceBirthdays(out, new Set(found.days.slice(start))) : out;
}

/**
 * Masks inside a string (keys, node ids like `Person:…`, sentences, evidence, JSON kept as text): every ID-shaped
 * number, every date a birth word introduces, and every other date in the same string falling on the birthday of
 * an ID it names (`自2052-07-13起`). Transfer and payment dates stay unless they fall on such a birthday.
 */
export function maskText(text: string): string {
  return maskString(text, { days: [], births: new Set(), dated: [] });
}

function maskScalar(value: string, kind: Kind, found: Found): string {
  if (!kind) return maskString(value, found);
  if (kind === 'birthDate') {
    const date = value.trim();
    if (ISO_DATE.test(date)) {
      found.days.push(date.slice(5, 7) + date.slice(8, 10));
      found.births.add(date);
    }
    return birthYear(value);
  }
  if (looksLikeIdNumber(value)) {
    found.days.push(idBirthday(value));
    found.births.add(idBirthDate(value));
  }
  return maskWrittenId(value);
}

/** Masks the children of an array or object into `out`, noting the strings that still hold a date. */
function walkChild(out: Container, at: string | number, v: unknown, kind: Kind, found: Found) {
  const masked = typeof v === 'string' ? maskScalar(v, kind, found) : walk(v, kind, found);
  out[at] = masked;
  if (typeof masked === 'string' && DATE_HINT.test(masked)) found.dated.push([out, at]);
}

function walk(value: unknown, kind: Kind, found: Found): unknown {
  if (typeof value === 'string') return maskScalar(value, kind, found);
  if (Array.isArray(value)) {
    const out: unknown[] = new Array(value.length);
    for (let i = 0; i < value.length; i += 1)
      walkChild(out as unknown as Container, i, value[i], kind, found);
    return out;
  }
  if (!value || typeof value !== 'object' || (value as object).constructor !== Object) return value;
  const start = found.days.length;
  const out: Record<string, unknown> = {};
  const source = value as Record<string, unknown>;
  for (const key in source) walkChild(out, maskString(key, found), source[key], REVEALING.get(key), found);
  // A date of a record naming a person that falls on their birthday (a clue "eligible since" the 80th) gives the
  // birth date away: its own fields and those of its small parts (`period: {from, to}`) keep only the year.
  if (found.days.length > start) {
    const own = new Set(found.days.slice(start));
    for (const key in out) {
      const v = out[key];
      if (typeof v === 'string') out[key] = reduceBirthdays(v, own);
      else if (v && typeof v === 'object' && (v as object).constructor === Object) {
        const part = v as Record<string, unknown>;
        for (const k in part) {
          const w = part[k];
          if (typeof w === 'string') part[k] = reduceBirthdays(w, own);
        }
      }
    }
  }
  return out;
}

/**
 * A deep copy with every string masked, object keys too (maps keyed by ID number). Values under a property name
 * the schema marks `revealsId` are masked whatever their text: raw IDs as written, birth dates down to the year.
 * Last, a date anywhere that is exactly a birth date the answer shows (a bare `born` column) keeps its year only.
 */
export function maskDeep<T>(value: T): T {
  const found: Found = { days: [], births: new Set(), dated: [] };
  const out = walk(value, undefined, found);
  if (found.births.size) {
    for (const [container, at] of found.dated) {
      const text = container[at];
      if (typeof text === 'string') container[at] = reduceBirthdays(text, NO_DATES, found.births);
    }
  }
  return out as T;
}
