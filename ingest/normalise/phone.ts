// Chinese telephone numbers: mobiles to 11 bare digits, landlines to '0AAA-NNNNNNNN', the rest refused.

import { coded, fail, ok, type Parsed } from './result.ts';
import { cellText, isBlank } from './text.ts';

/**
 * A shared phone number is one of the cheapest and strongest hints that two people or companies are
 * connected (the same contact mobile on ten shell companies). It only works if the same number is spelled
 * the same everywhere, so this folds the many ways people write them: '+86 138-0013-8000',
 * '(0571)8888 1234 转 802', full-width digits, numbers that Excel stored as numbers.
 *
 * Scope, deliberately narrow: mainland mobiles and landlines with an area code. Foreign numbers, 400/800
 * service numbers and landlines without an area code fail (`phone.format`): without an area code a
 * landline is ambiguous across cities, and linking on an ambiguous key invents connections.
 *
 * Codes: phone.empty, phone.format (failures); phone.multiple (warning: several numbers in one cell).
 */

/** Mainland mobiles: 11 digits, 1 then 3–9 (all allocated prefixes). */
const MOBILE = /^1[3-9]\d{9}$/;
/**
 * Landlines: 0 + area code + 7–8 digit local number. The numbering plan makes the split unambiguous even
 * without separators: 010 and 020–029 are the only two-digit area codes, every code starting 03–09 has
 * three digits (0571, 0755). Codes starting 01 other than 010 do not exist, so '013800138000' cannot be
 * mistaken for a landline.
 */
const LANDLINE_2 = /^0(10|2\d)(\d{7,8})$/;
const LANDLINE_3 = /^0([3-9]\d{2})(\d{7,8})$/;

/** Labels clerks type before the number ('手机:', 'Tel:'); they carry no information. */
const LABEL =
  /^(?:联系电话|联系方式|手机号码|手机号|手机|电话号码|电话|固话|座机|tel|phone|mobile|mob|cell)[\s:.]*/i;
/** Extension markers and the extension itself; extensions reach a desk, not a person, so they are dropped. */
const EXTENSION = /\s*(?:转|分机|ext\.?|x|#)\s*\d{1,6}$/i;
/** Separators inside a number. */
const SEPARATORS = /[\s\-–—()]+/;
/** Between several numbers in one cell. */
const LIST_SEPARATORS = /[/、;,|]|或/;

/** Classifies a run of digits (maybe with a leading '+'): the normalised number or undefined. */
function classify(digits: string): string | undefined {
  let rest = digits;
  let international = false;
  if (rest.startsWith('+86')) {
    rest = rest.slice(3);
    international = true;
  } else if (rest.startsWith('0086')) {
    rest = rest.slice(4);
    international = true;
  } else if (rest.startsWith('+')) {
    return undefined;
  } else if (/^861[3-9]\d{9}$/.test(rest)) {
    // '86' without '+' only for mobiles: for a landline it could be the start of an area code.
    rest = rest.slice(2);
  }
  if (MOBILE.test(rest)) return rest;
  // Calling a mobile in another city once needed a leading 0; the number is the same.
  if (/^01[3-9]\d{9}$/.test(rest)) return rest.slice(1);
  // From abroad a landline is dialled without its trunk 0: +86 10 1234 5678 is 010-12345678.
  if (international && !rest.startsWith('0')) rest = `0${rest}`;
  const landline = LANDLINE_2.exec(rest) ?? LANDLINE_3.exec(rest);
  return landline ? `0${landline[1]}-${landline[2]}` : undefined;
}

/** One number with its punctuation; tried whole, then without a trailing group that may be an extension. */
function parseOne(candidate: string): string | undefined {
  const text = candidate.trim().replace(LABEL, '').replace(EXTENSION, '');
  const groups = text.split(SEPARATORS).filter((group) => group !== '');
  if (groups.length === 0) return undefined;
  if (!groups.every((group, i) => (i === 0 ? /^\+?\d+$/ : /^\d+$/).test(group))) return undefined;
  const whole = classify(groups.join(''));
  if (whole) return whole;
  // '010-12345678-123': the last short group is an extension, but only a landline has one.
  const last = groups[groups.length - 1] ?? '';
  if (groups.length >= 2 && last.length <= 6) {
    const withoutLast = classify(groups.slice(0, -1).join(''));
    if (withoutLast?.includes('-')) return withoutLast;
  }
  return undefined;
}

/**
 * Normalises a mainland phone number: a mobile becomes 11 digits ('13800138000'), a landline
 * '0AAA-NNNNNNNN' ('010-12345678', '0571-88881234'). When a cell lists several numbers the first valid one
 * is kept, with a `phone.multiple` warning so the others can be recovered from the source.
 */
export function parsePhone(raw: string | number): Parsed<{ phone: string }> {
  if (isBlank(raw)) return fail(coded('phone.empty', 'no phone number given'));
  const text = cellText(raw);
  const candidates = text.split(LIST_SEPARATORS).filter((part) => part.trim() !== '');
  for (const candidate of candidates) {
    const phone = parseOne(candidate);
    if (phone === undefined) continue;
    if (candidates.length === 1) return ok({ phone });
    return ok({ phone }, coded('phone.multiple', `${candidates.length} numbers in '${text}', kept ${phone}`));
  }
  return fail(coded('phone.format', `not a mainland mobile or landline with area code: '${text}'`));
}

/** The kind of a number produced by parsePhone: landlines contain the area-code dash, mobiles do not. */
export function phoneKind(phone: string): 'mobile' | 'landline' {
  return phone.includes('-') ? 'landline' : 'mobile';
}
