// What the values of each canonical field should look like, so a column's content can confirm or contradict its header.
import {
  normaliseText,
  parseAmount,
  parseDate,
  parseDateTime,
  parseDirection,
  parseRatio,
  parseTime,
  splitAccountAndName,
} from '../normalise/index.ts';
import type { Kind } from '../types.ts';
import type { ContentType } from './types.ts';

/** Fields that hold money movements: a 万元 unit (header or preamble) multiplies them. */
export const MONEY_FIELDS: ReadonlySet<string> = new Set(['amount', 'debit', 'credit', 'balance']);

/**
 * Account and name fields of one party, per kind, with the role token (see vocabulary.ts) that names the party:
 * a combined `对方账号与户名` column feeds the pair whose role its header names.
 */
export const SPLIT_PAIRS: Partial<Record<Kind, [string, string, string][]>> = {
  bank: [['cpAccount', 'cpName', 'cp']],
  ledger: [['payeeAccount', 'payeeName', 'payee']],
};

const PERSON_OR_ORG: ContentType[] = ['personName', 'orgName', 'text'];

const PERSON_ID_FIELDS = new Set(['idNumber', 'cadreId', 'relativeId', 'legalRepId']);

/**
 * Content types a field's values may have; undefined when anything goes (memo, purpose, status). Read from the
 * field's name, so every family and profile field is covered without a second table to keep in step.
 */
export function expectedContent(field: string): ContentType[] | undefined {
  if (field === 'creditCode') return ['creditCode'];
  // A person's own identifier is never a credit code; holders, payees and owners may be either.
  if (PERSON_ID_FIELDS.has(field)) return ['idNumber'];
  if (field === 'idNumber' || /Id$/.test(field)) return ['idNumber', 'creditCode'];
  if (/(?:Account|accountNo)$/.test(field)) return ['account', 'accountAndName'];
  if (field === 'phone') return ['mobile', 'text', 'account'];
  if (MONEY_FIELDS.has(field) || field === 'capital' || field === 'subscribed') return ['amount'];
  if (field === 'ratio') return ['ratio', 'amount'];
  if (field === 'time') return ['time', 'datetime', 'date'];
  if (field === 'date' || /Date$/.test(field)) return ['date', 'datetime'];
  if (field === 'direction') return ['direction'];
  if (field === 'name' || /Name$/.test(field)) return PERSON_OR_ORG;
  return undefined;
}

const ID_SHAPE = /^[0-9A-Z]{15,18}(?:\.0)?$/i;
const ACCOUNT_SHAPE = /^[\d\s\-*xX]{6,32}$/;
const PHONE_SHAPE = /^[\d\s\-+()（）转]{5,24}$/;

/**
 * Whether a value can be read as `field` by the builder's own parser: a serial number is a date, a 15-character
 * code with a bad check digit is still an identifier (the row is quarantined for it later). Undefined for free
 * fields. Deliberately loose: it tells a column of names from a column of IDs, nothing finer.
 */
export function fitsField(field: string, value: string): boolean | undefined {
  const v = normaliseText(value);
  if (field === 'creditCode' || field === 'idNumber' || /Id$/.test(field))
    return ID_SHAPE.test(v.replace(/\s/g, ''));
  if (/(?:Account|accountNo)$/.test(field))
    return ACCOUNT_SHAPE.test(v) || splitAccountAndName(v) !== undefined;
  if (field === 'phone') return PHONE_SHAPE.test(v);
  if (MONEY_FIELDS.has(field) || field === 'capital' || field === 'subscribed') return parseAmount(v).ok;
  if (field === 'ratio') return parseRatio(v).ok;
  if (field === 'time') return parseTime(v).ok || parseDateTime(v).ok;
  if (field === 'date' || /Date$/.test(field)) return parseDate(v).ok || parseDateTime(v).ok;
  if (field === 'direction') return parseDirection(v) !== undefined;
  if (field === 'name' || /Name$/.test(field)) return /[\p{Script=Han}A-Za-z]/u.test(v);
  return undefined;
}

/** The share of non-empty values that fit `field` (1 when the field takes anything or no value is given). */
export function fitShare(field: string, values: readonly string[]): { share: number; count: number } {
  let fit = 0;
  let count = 0;
  for (const value of values) {
    if (value.trim() === '') continue;
    const fits = fitsField(field, value);
    if (fits === undefined) return { share: 1, count: 0 };
    count += 1;
    if (fits) fit += 1;
  }
  return { share: count ? fit / count : 1, count };
}
