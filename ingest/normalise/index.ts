// The value normalisers of the ingest pipeline: one import for mappers, and the catalogue of their codes.

/**
 * Every parser here is pure (no I/O, no clock except an injectable "today") and returns a `Parsed<T>`
 * instead of throwing, so a mapper can normalise a whole row, collect the reasons of the cells that
 * failed, and let the ingest report say "row 812, column 身份证号: id.checksum" without stopping the file.
 */

import { codeOf } from './result.ts';

export { parseAmount, unitMultiplier } from './amount.ts';
export { classifyColumn, classifyValue } from './classify.ts';
export {
  CREDIT_CODE_CHARSET,
  creditCodeCheckChar,
  isValidCreditCode,
  makeCreditCode,
  parseCreditCode,
} from './creditcode.ts';
export {
  daysInMonth,
  isLeapYear,
  isValidCalendarDate,
  MAX_YEAR,
  MIN_YEAR,
  parseDate,
  parseDateTime,
  parseTime,
  todayInChina,
} from './datetime.ts';
export { type Direction, isDirectionWord, parseDirection } from './direction.ts';
export {
  type IdNumberInfo,
  idCheckDigit,
  isValidIdNumber,
  makeIdNumber,
  parseIdNumber,
} from './idnumber.ts';
export { periodStart } from './period.ts';
export { parsePhone, phoneKind } from './phone.ts';
export { formatRatio, parseRatio } from './ratio.ts';
export {
  coded,
  codeOf,
  fail,
  isOk,
  mapParsed,
  ok,
  type Parsed,
  type ParsedFail,
  type ParsedOk,
  unwrap,
  valueOr,
  withWarning,
} from './result.ts';
export { splitAccountAndName } from './split.ts';
export { cellText, isBlank, isPlaceholder, normaliseKey, normaliseText } from './text.ts';

/**
 * Every stable code a normaliser can emit, with what it means. The ingest report groups findings by code
 * and shows these texts; a test checks that each module's codes are listed here, so the catalogue cannot
 * silently fall behind the parsers. Warnings are marked: the value was still accepted.
 */
export const NORMALISE_CODES = {
  'id.empty': 'No ID number given.',
  'id.chars': 'ID number contains characters other than digits and a final X, or its region starts with 0.',
  'id.length': 'ID number is neither 18 nor 15 characters long.',
  'id.birthdate':
    'The birth date inside the ID number is not a real date, or is before 1900 or in the future.',
  'id.checksum': 'The check digit of the ID number does not match (a mistyped digit).',
  'id.excelNumber':
    'Excel stored the 18-digit ID number as a number (scientific notation or zeros after the 15th digit): ' +
    'its last digits are lost and cannot be recovered; re-export the column as text.',
  'ucc.empty': 'No unified social credit code given.',
  'ucc.chars': 'Credit code contains characters outside its alphabet (I, O, Z, S, V are never used).',
  'ucc.length': 'Credit code is not 18 characters long.',
  'ucc.checksum': 'Warning: the check character of the credit code does not match; the code was kept.',
  'phone.empty': 'No phone number given.',
  'phone.format': 'Not a mainland mobile or a landline with area code.',
  'phone.multiple': 'Warning: several numbers in one cell; the first valid one was kept.',
  'amount.empty': 'No amount given.',
  'amount.format': 'Not an amount in yuan.',
  'amount.range': 'Amount too large to hold to the fen exactly.',
  'date.empty': 'No date given.',
  'date.format': 'Not a recognised date spelling.',
  'date.invalid': 'No such calendar date or time of day.',
  'date.range': 'Year outside 1900..2100.',
  'date.notime': 'Warning: no time of day given; 00:00:00 was assumed.',
  'date.timeconflict': 'Warning: the time column disagrees with the time inside the date; the column won.',
  'time.empty': 'No time given.',
  'time.format': 'Not a recognised time of day.',
  'time.invalid': 'No such time of day.',
  'ratio.empty': 'No ratio given.',
  'ratio.format': 'Not a ratio or percentage.',
  'ratio.range': 'Ratio below 0 or above 100%.',
} as const;

export type NormaliseCode = keyof typeof NORMALISE_CODES;

/** The English description of a reason or warning's code, or undefined for a code not in the catalogue. */
export function describeCode(message: string): string | undefined {
  const code = codeOf(message);
  return Object.hasOwn(NORMALISE_CODES, code) ? NORMALISE_CODES[code as NormaliseCode] : undefined;
}
