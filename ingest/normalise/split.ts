// Combined cells: an account number and its holder's name written in one cell, split into the two.

import { isValidIdNumber } from './idnumber.ts';
import { normaliseText } from './text.ts';

/**
 * Exports squeeze the counterparty into one column (对方账号与户名, 收/付款人): '6228480012345678/张三',
 * '张三(6228480012345678)', 'XX县财政局 / 6228…'. Linking needs the two apart: the account is the key of the
 * transfer's other end, the name is what the investigator reads.
 *
 * Conservative on purpose: a pair is only recognised when one side is clearly an account (10–30 digits, or a
 * masked card '6228****5678' as payment apps print it) and the other clearly a name (it holds Chinese and no
 * long run of digits). A name with a mobile or an ID number is not an account pair and gives undefined, as
 * does any text that could be read two ways.
 */

/** Digits, masking stars, and single spaces between groups ('6228 4800 1234 5678'). */
const ACCOUNT = String.raw`[\d*](?:[\d*]| (?=[\d*]))*[\d*]`;
/** What may stand between the two halves (besides nothing at all, as in '6228480012345678张三'). */
const SEP = String.raw`\s*[/|\-,;、:—_]?\s*`;

const ACCOUNT_FIRST = new RegExp(`^(${ACCOUNT})${SEP}(.+)$`);
const NAME_FIRST = new RegExp(`^(.+?)${SEP}(${ACCOUNT})$`);
const NAME_BRACKETED = new RegExp(`^(${ACCOUNT})\\s*\\((.+)\\)$`);
const ACCOUNT_BRACKETED = new RegExp(`^(.+?)\\s*\\((${ACCOUNT})\\)$`);

const CJK = /[\u3400-\u9fff]/;
const MOBILE = /^1[3-9]\d{9}$/;

/** The account in canonical form (no spaces), or undefined when it does not look like one. */
function account(raw: string): string | undefined {
  const compact = raw.replace(/\s+/g, '');
  const digits = compact.replace(/\*/g, '').length;
  if (compact.length > 30) return undefined;
  const masked = compact.includes('*');
  // A masked card keeps at least its first or last four digits; a plain account has 10–30 digits.
  if (masked ? digits < 4 || compact.length < 10 : digits < 10) return undefined;
  // A mobile or a citizen ID is a different key: '张三/13800138000' is a contact, not an account.
  if (MOBILE.test(compact) || isValidIdNumber(compact)) return undefined;
  return compact;
}

/** The name trimmed of separators, or undefined when it is not a name. */
function name(raw: string): string | undefined {
  const text = raw.replace(/^[\s/|\-,;、:—_]+|[\s/|\-,;、:—_]+$/g, '');
  if (text.length < 2 || text.length > 60) return undefined;
  if (!CJK.test(text) || /\d{6,}/.test(text)) return undefined;
  return text;
}

function pair(accountRaw: string | undefined, nameRaw: string | undefined) {
  if (accountRaw === undefined || nameRaw === undefined) return undefined;
  const a = account(accountRaw);
  const n = name(nameRaw);
  return a !== undefined && n !== undefined ? { account: a, name: n } : undefined;
}

/**
 * Splits '6228480012345678/张三', '6228480012345678 张三', '张三/6228480012345678', '张三(6228480012345678)',
 * '6228480012345678-张三', 'XX县财政局 / 6228…' into `{ account, name }`; undefined when the text is not
 * such a pair. Full-width brackets and slashes are folded first.
 */
export function splitAccountAndName(text: string): { account: string; name: string } | undefined {
  const t = normaliseText(String(text ?? ''));
  // 12: ten digits and a two-character name; 100: longer cells are notes, not a pair (and cost regex time).
  if (t.length < 12 || t.length > 100) return undefined;
  const nameInBrackets = NAME_BRACKETED.exec(t);
  const accountInBrackets = ACCOUNT_BRACKETED.exec(t);
  const accountFirst = ACCOUNT_FIRST.exec(t);
  const nameFirst = NAME_FIRST.exec(t);
  return (
    pair(nameInBrackets?.[1], nameInBrackets?.[2]) ??
    pair(accountInBrackets?.[2], accountInBrackets?.[1]) ??
    pair(accountFirst?.[1], accountFirst?.[2]) ??
    pair(nameFirst?.[2], nameFirst?.[1])
  );
}
