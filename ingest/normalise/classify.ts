// What a cell's value is, by validation alone: the content evidence for recognising a column.

import type { ContentType } from '../layout/types.ts';
import { parseAmount } from './amount.ts';
import { isValidCreditCode } from './creditcode.ts';
import { parseDate, parseDateTime, parseTime } from './datetime.ts';
import { isDirectionWord } from './direction.ts';
import { isValidIdNumber } from './idnumber.ts';
import { parseRatio } from './ratio.ts';
import { splitAccountAndName } from './split.ts';
import { startsWithSurname } from './surnames.ts';
import { isBlank, normaliseText } from './text.ts';

/**
 * A header can be spelled a hundred ways; an ID number validates or it does not. The layout recogniser
 * weighs a column's header against what its values are, so this only says what a value IS, strictly:
 * checksums must pass (an 18-digit number with a bad check digit is an account, not an ID), a date must
 * parse as a whole, and a plain number is only a date when it has a date's shape (20250105), never as an
 * Excel serial (45662 in an amount column is money).
 *
 * The order is the precedence: the more a test proves, the earlier it runs.
 */

const MOBILE = /^(?:\+?86)?1[3-9]\d{9}$/;
/** Dates written as bare digits: 8 (YYYYMMDD) or 14 (YYYYMMDDhhmmss), maybe a space before the time. */
const DIGIT_DATE = /^\d{8}(?: ?\d{6})?$/;
const PLAIN_NUMBER = /^[+-]?\d+(?:\.\d+)?$/;
/** A time needs its separators: bare '102838' is as likely an amount or a code. */
const SEPARATED_TIME =
  /^\d{1,2}(?::\d{2}(?::\d{2}(?:\.\d+)?)?|\.\d{2}\.\d{2}|[时点]\d{0,2}分?(?:\d{1,2}秒)?)$/;
const ACCOUNT_DIGITS = /^\d{10,25}$/;
/** Banks print accounts in groups of four: '6217 0000 1000 1000', '6217-0000-1000-1000'. */
const GROUPED_ACCOUNT = /^\d{4}(?:[ -]\d{4})+(?:[ -]\d{1,4})?$/;
const CURRENCY = /[¥元]|RMB|CNY|人民币/i;
/**
 * Two to four Chinese characters starting with a surname (see surnames.ts); '·' joins minority and foreign
 * names, which have no surname in the Han sense.
 */
const PERSON = /^[\u3400-\u9fff]{2,4}$/;
/**
 * Last characters of money, time and place words (劳务费, 余额, 时间, 安徽省, 管理九级) that practically never end a
 * given name; they keep header-like words and summaries that begin with a surname character out of names.
 */
const NOT_NAME_END = /[费款额期间息省市县区级资表号率数量价税账户务类型称码址话位用贴记]$/;
const DOTTED_PERSON = /^[\u3400-\u9fff]{1,8}(?:·[\u3400-\u9fff]{1,10})+$/;
/**
 * Words that end the name of an organisation, by type: companies, cooperatives, committees, government
 * offices, banks, units of the state, shops and workshops, villages. Kinds of body, not names of bodies.
 */
const ORG_ENDING =
  /(?:公司|集团|合作社|联合社|(?:委员|协|商|基金|联合|工)会|政府|办事处|街道|局|厅|处|银行|支行|分行|信用社|中心|厂|店|商行|部|站|院|所|馆|校|[小中大]学|幼儿园|园区|场|队|小组|社|村|社区|镇|乡|室|门市|超市|个体户|商户)$/;
const HAS_CJK = /[\u3400-\u9fff]/;

function isDateLike(t: string): ContentType | undefined {
  // A plain number is only a date in a date's digit shape; otherwise parseDate would take it as a serial.
  if (PLAIN_NUMBER.test(t) && !DIGIT_DATE.test(t)) return undefined;
  if (SEPARATED_TIME.test(t)) return parseTime(t).ok ? 'time' : undefined;
  const full = parseDateTime(t);
  if (!full.ok) return undefined;
  if (full.warning === undefined) return 'datetime';
  return parseDate(t).ok ? 'date' : undefined;
}

function isAmount(t: string): boolean {
  const compact = t.replace(/\s+/g, '');
  // Long bare digit runs and leading zeros are numbers that identify (accounts, codes), not quantities.
  if (/^\d{10,}$/.test(compact) || /^0\d/.test(compact)) return false;
  if (!parseAmount(compact).ok) return false;
  // Yuan have two decimals; 万元 kept to the yuan have four ('0.0100', '8.649'), so up to four pass.
  const decimals = /\.(\d+)/.exec(compact)?.[1]?.length ?? 0;
  return decimals <= 4 || CURRENCY.test(compact);
}

function isAccount(t: string): boolean {
  return ACCOUNT_DIGITS.test(t) || GROUPED_ACCOUNT.test(t);
}

function isOrgName(t: string): boolean {
  // A trailing qualifier does not change the type: 'XX有限公司(分公司)', 'XX商行（普通合伙）'.
  const body = t.replace(/\s*\([^()]*\)$/, '');
  return body.length >= 3 && HAS_CJK.test(body) && ORG_ENDING.test(body);
}

/** What one cell holds, judged by its content only. See the module comment for the order. */
export function classifyValue(text: string): ContentType {
  if (isBlank(text)) return 'empty';
  const t = normaliseText(String(text));
  const key = t.replace(/\s+/g, '').toUpperCase();
  if (/^\d{15}$|^\d{17}[\dX]$/.test(key) && isValidIdNumber(key)) return 'idNumber';
  if (key.length === 18 && isValidCreditCode(key)) return 'creditCode';
  if (splitAccountAndName(t)) return 'accountAndName';
  if (MOBILE.test(key.replace(/-/g, ''))) return 'mobile';
  const dated = isDateLike(t);
  if (dated) return dated;
  if (/[%‰]$/.test(key) && parseRatio(key).ok) return 'ratio';
  if (isAmount(t)) return 'amount';
  if (isAccount(t)) return 'account';
  if (isDirectionWord(t)) return 'direction';
  // Organisation before person: '财政局' and '供销社' are three Chinese characters too.
  if (isOrgName(t)) return 'orgName';
  const name = t.replace(/\s+/g, '');
  if (PERSON.test(name) && startsWithSurname(name) && !NOT_NAME_END.test(name)) return 'personName';
  if (DOTTED_PERSON.test(name)) return 'personName';
  return 'text';
}

/** Order used to break ties between equally frequent types: the stricter test wins. */
const PRECEDENCE: readonly ContentType[] = [
  'idNumber',
  'creditCode',
  'accountAndName',
  'mobile',
  'datetime',
  'date',
  'time',
  'ratio',
  'amount',
  'account',
  'direction',
  'orgName',
  'personName',
  'text',
];

/**
 * The type most non-empty values of a column have, the share of non-empty values that have it, and the
 * count of each type. A column with no value at all is 'empty' with share 0.
 */
export function classifyColumn(values: string[]): {
  type: ContentType;
  share: number;
  counts: Partial<Record<ContentType, number>>;
} {
  const counts: Partial<Record<ContentType, number>> = {};
  let filled = 0;
  for (const value of values) {
    const type = classifyValue(value);
    if (type === 'empty') continue;
    filled += 1;
    counts[type] = (counts[type] ?? 0) + 1;
  }
  if (filled === 0) return { type: 'empty', share: 0, counts: values.length ? { empty: values.length } : {} };
  let best: ContentType = 'text';
  let bestCount = -1;
  for (const type of PRECEDENCE) {
    const count = counts[type] ?? 0;
    if (count > bestCount) [best, bestCount] = [type, count];
  }
  return { type: best, share: bestCount / filled, counts };
}
