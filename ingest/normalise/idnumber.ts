// Citizen identity numbers (GB 11643-1999): validation, 15→18 digit upgrade, birth date and sex.

import { InvalidInputError } from '../../engine/errors.ts';
import { isValidCalendarDate, MIN_YEAR, todayInChina } from './datetime.ts';
import { coded, fail, ok, type Parsed } from './result.ts';
import { isBlank, normaliseKey } from './text.ts';

/**
 * The ID number is the strongest key we have for a person: names repeat (there are hundreds of thousands of
 * 张伟), ID numbers do not. A wrong digit merges two people or splits one, so a number that fails its check
 * digit is rejected rather than warned about — the investigator sees the row in the report and fixes it.
 *
 * Layout of the 18-digit number: 6-digit region code, 8-digit birth date YYYYMMDD, 3-digit sequence
 * (odd for men, even for women), 1 check character. Numbers issued before 1999 have 15 digits: no century
 * ('19' implied) and no check digit; they are upgraded so both forms of the same person meet on one key.
 *
 * Excel stores a number typed into a General cell as a double with 15 significant digits. A 15-digit number
 * survives (perhaps shown as '110105491231002.0' after a round trip through pandas), an 18-digit one does not:
 * it becomes '1.10105E+17' or keeps its first 15 digits and zeros after them. Those digits are gone from the
 * file, so such a cell is refused with `id.excelNumber`, which tells the sender to re-export the column as
 * text, rather than with a checksum error that suggests a typo.
 *
 * Codes: id.empty, id.chars, id.length, id.birthdate, id.checksum, id.excelNumber.
 */

export interface IdNumberInfo {
  /** The 18-character number, upper-case X. */
  idNumber: string;
  /** YYYY-MM-DD. */
  birthDate: string;
  sex: '男' | '女';
  /** True when the input was an old 15-digit number. */
  upgraded: boolean;
}

/** Weights W_i = 2^(17-i) mod 11 for positions 1..17 (ISO 7064 MOD 11-2). */
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
/** Check character indexed by (Σ digit × weight) mod 11. */
const CHECK_MAP = '10X98765432';

/** The check character (0–9 or X) of the first 17 digits. Throws on anything but 17 digits. */
export function idCheckDigit(first17: string): string {
  if (!/^\d{17}$/.test(first17)) {
    throw new InvalidInputError('id.chars', `idCheckDigit needs 17 digits, got '${first17}'`);
  }
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * (WEIGHTS[i] ?? 0);
  return CHECK_MAP.charAt(sum % 11);
}

/**
 * Builds a valid 18-digit number from its parts, for tests and the demo data generator.
 * `birth` is YYYYMMDD, `seq3` the 3-digit sequence (its parity is the sex). Throws on malformed parts.
 */
export function makeIdNumber(region6: string, birth: string, seq3: string): string {
  if (!/^[1-9]\d{5}$/.test(region6)) throw new InvalidInputError('id.chars', `bad region code '${region6}'`);
  if (!/^\d{3}$/.test(seq3)) throw new InvalidInputError('id.chars', `bad sequence '${seq3}'`);
  if (!/^\d{8}$/.test(birth) || !birthDateOf(birth)) {
    throw new InvalidInputError('id.birthdate', `bad birth date '${birth}'`);
  }
  const first17 = `${region6}${birth}${seq3}`;
  return first17 + idCheckDigit(first17);
}

const EXCEL_NUMBER = (key: string): string =>
  coded(
    'id.excelNumber',
    `身份证号 ${key} 被 Excel 存成数字，末几位已丢失，请将该列设为文本后重新导出 / ` +
      'Excel stored it as a number and its last digits are lost; re-export the column as text',
  );

/** YYYY-MM-DD if YYYYMMDD is a real date; range checks are the caller's. */
function birthDateOf(yyyymmdd: string): string | undefined {
  const y = Number(yyyymmdd.slice(0, 4));
  const m = Number(yyyymmdd.slice(4, 6));
  const d = Number(yyyymmdd.slice(6, 8));
  if (!isValidCalendarDate(y, m, d)) return undefined;
  return `${yyyymmdd.slice(0, 4)}-${yyyymmdd.slice(4, 6)}-${yyyymmdd.slice(6, 8)}`;
}

/**
 * Validates and normalises a citizen ID number. Spaces and full-width digits are tolerated (normaliseKey);
 * a lower-case 'x' is accepted. `today` bounds the birth date and is injectable for tests.
 */
export function parseIdNumber(raw: string, today: string = todayInChina()): Parsed<IdNumberInfo> {
  if (isBlank(raw)) return fail(coded('id.empty', 'no ID number given'));
  // A number read back from a spreadsheet may carry a '.0' it never had on the ID card.
  const key = normaliseKey(raw).replace(/^(\d{15}|\d{18})\.0+$/, '$1');

  if (/^\d(?:\.\d+)?E\+?\d+$/.test(key)) return fail(EXCEL_NUMBER(key));
  // Characters before length: '张三' in the ID column is a shifted column, not a short number.
  if (!/^[0-9X]+$/.test(key)) {
    return fail(coded('id.chars', `only digits and a final X allowed in '${key}'`));
  }
  if (key.length !== 18 && key.length !== 15) {
    return fail(coded('id.length', `18 or 15 characters expected, got ${key.length}`));
  }
  const body = key.length === 18 ? key.slice(0, 17) : key;
  if (!/^\d+$/.test(body)) return fail(coded('id.chars', `X is only allowed as the 18th character`));
  if (key.startsWith('0'))
    return fail(coded('id.chars', `region code cannot start with 0 ('${key.slice(0, 6)}')`));

  const upgraded = key.length === 15;
  // Old numbers carry yymmdd; every holder of one was born in the 1900s (they were issued 1984–1999).
  const birth = upgraded ? `19${key.slice(6, 12)}` : key.slice(6, 14);
  const birthDate = birthDateOf(birth);
  if (!birthDate) return fail(coded('id.birthdate', `no such date '${birth}'`));
  if (birthDate < `${MIN_YEAR}-01-01` || birthDate > today) {
    return fail(coded('id.birthdate', `birth date ${birthDate} outside ${MIN_YEAR}-01-01..${today}`));
  }

  const first17 = upgraded ? `${key.slice(0, 6)}${birth}${key.slice(12, 15)}` : body;
  const check = idCheckDigit(first17);
  if (!upgraded && key.charAt(17) !== check) {
    // Zeros after the 15th digit and a wrong check digit: Excel's precision, not a typo.
    if (/^\d{15}0{3}$/.test(key)) return fail(EXCEL_NUMBER(key));
    return fail(coded('id.checksum', `check digit mismatch (expected ${check}, got ${key.charAt(17)})`));
  }
  // The 17th digit (last of the sequence) is odd for men and even for women.
  const sex = Number(first17.charAt(16)) % 2 === 1 ? '男' : '女';
  return ok({ idNumber: first17 + check, birthDate, sex, upgraded });
}

/** True when the ID number is valid; a convenience for filters and assertions. */
export function isValidIdNumber(raw: string): boolean {
  return parseIdNumber(raw).ok;
}
