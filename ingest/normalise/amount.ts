// Money amounts in yuan: currency marks, thousands separators, 万/亿 units, accounting negatives.

import { coded, fail, ok, type Parsed } from './result.ts';
import { cellText, isBlank } from './text.ts';

/**
 * Amounts drive the money-flow analysis (totals between two accounts, transfers just under a reporting
 * threshold), so a misread is worse than a refusal: '59870,69' could be a decimal comma or a typo, and
 * reading it as 5 987 069 would invent a hundredfold transfer. Anything not clearly an amount in yuan fails.
 *
 * The result is yuan rounded to the fen (cent). Rounding is done on the decimal digits of the text, half up
 * on the magnitude (四舍五入, as Chinese accounting rounds), never through binary floating point: 1.005 must
 * become 1.01, which `Math.round(1.005 * 100) / 100` does not give.
 *
 * Codes: amount.empty, amount.format, amount.range.
 */

/** Powers of ten of the Chinese magnitude characters; they combine, as in 千万 (10^7) or 万亿 (10^12). */
const UNIT_EXPONENT: Readonly<Record<string, number>> = { 百: 2, 千: 3, 万: 4, 亿: 8 };
const UNITS = /^(.*?)([百千万亿]+)$/;
/** Currency marks for yuan only; '$100' or 'USD 100' must not silently become 100 yuan. */
const CURRENCY_PREFIX = /^(?:¥|RMB|CNY|人民币)/i;
/** Registries write capital as '50万人民币' or '50.000000万元人民币', so 人民币 may also follow. */
const CURRENCY_SUFFIX = /(?:元整|圆整|元|圆|RMB|CNY|人民币)$/i;
/** A decimal number with optional, strictly three-digit thousands grouping. */
const DECIMAL = /^(?:(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d*))?|\.(\d+))$/;
/** Signs: ASCII, and U+2212 MINUS SIGN from typeset documents (NFKC leaves it alone). */
const SIGN = /^[+\-\u2212]/;
/**
 * A sign written after the number ('1,234.00-'): core banking systems on mainframes (and the statements
 * printed from them) put the minus of a debit at the end, as COBOL's trailing-sign pictures do.
 */
const TRAILING_SIGN = /[+\-\u2212]$/;

/**
 * Exact yuan-and-fen conversion of a decimal digit string scaled by 10^exponent. Returns the signed number of
 * fen as a bigint, so the range check happens before precision can be lost.
 */
function toFen(intDigits: string, fracDigits: string, exponent: number, negative: boolean): bigint {
  const digits = intDigits + fracDigits;
  const point = intDigits.length + exponent;
  const padded = digits.padEnd(point + 3, '0');
  const whole = padded.slice(0, point);
  const fen = padded.slice(point, point + 2);
  const roundUp = (padded.charAt(point + 2) || '0') >= '5';
  const magnitude = BigInt(whole || '0') * 100n + BigInt(fen) + (roundUp ? 1n : 0n);
  return negative ? -magnitude : magnitude;
}

/** Strips signs, accounting parentheses and currency marks in any order; undefined if signs conflict. */
function peel(text: string): { body: string; negative: boolean } | undefined {
  let body = text;
  let negative = false;
  let signs = 0;
  for (let changed = true; changed; ) {
    changed = true;
    const paren = /^\((.+)\)$/.exec(body);
    if (paren) {
      // Accounting notation: (100.00) is a debit of 100.
      body = paren[1] ?? '';
      negative = true;
      signs++;
    } else if (SIGN.test(body)) {
      negative = body.charAt(0) !== '+';
      body = body.slice(1);
      signs++;
    } else if (TRAILING_SIGN.test(body) && body.length > 1) {
      negative = body.charAt(body.length - 1) !== '+';
      body = body.slice(0, -1);
      signs++;
    } else if (CURRENCY_PREFIX.test(body)) {
      body = body.replace(CURRENCY_PREFIX, '');
    } else if (CURRENCY_SUFFIX.test(body)) {
      body = body.replace(CURRENCY_SUFFIX, '');
    } else {
      changed = false;
    }
  }
  // '-(100)' or '+-5' is not a convention anyone uses on purpose; refuse rather than guess.
  return signs > 1 ? undefined : { body, negative };
}

function parseText(text: string): Parsed<number> {
  // Thousands are sometimes grouped with spaces ('1 000 000.00'); spaces never carry meaning in an amount.
  const compact = text.replace(/\s+/g, '');
  const peeled = peel(compact);
  if (!peeled) return fail(coded('amount.format', `conflicting signs in '${text}'`));
  let { body } = peeled;
  let exponent = 0;
  const units = UNITS.exec(body);
  if (units) {
    body = units[1] ?? '';
    for (const ch of units[2] ?? '') exponent += UNIT_EXPONENT[ch] ?? 0;
  }
  const match = DECIMAL.exec(body);
  if (!match) return fail(coded('amount.format', `not an amount in yuan: '${text}'`));
  const intDigits = (match[1] ?? '').replace(/,/g, '');
  const fracDigits = match[2] ?? match[3] ?? '';
  const fen = toFen(intDigits, fracDigits, exponent, peeled.negative);
  const limit = BigInt(Number.MAX_SAFE_INTEGER);
  if (fen > limit || fen < -limit)
    return fail(coded('amount.range', `amount too large to hold exactly: '${text}'`));
  // `+ 0` turns -0 (from '-0.00') into 0, so equality checks and JSON output stay unsurprising.
  return ok(Number(fen) / 100 + 0);
}

/**
 * An amount in yuan, rounded to the fen. Accepts '59,870.69', '59，870.69', '¥1,000', '￥', 'RMB', '100元',
 * '5.2万' (52000), '1.5亿', '3千', '+100', '-100', '100.00-', '(100.00)', '1 000.00'; a number passes through, rounded.
 * Empty cells and placeholders ('-', '无') give `amount.empty`; anything else `amount.format`.
 */
export function parseAmount(raw: string | number): Parsed<number> {
  if (isBlank(raw)) return fail(coded('amount.empty', 'no amount given'));
  if (typeof raw === 'number') {
    if (!Number.isFinite(raw)) return fail(coded('amount.format', `not a finite number: ${raw}`));
    const text = String(raw);
    // Exponent notation only appears for magnitudes far outside money (< 1e-6 or >= 1e21).
    if (/e/i.test(text)) {
      const rounded = Math.round(raw * 100) / 100 + 0;
      if (Math.abs(rounded) > Number.MAX_SAFE_INTEGER / 100) {
        return fail(coded('amount.range', `amount too large to hold exactly: ${raw}`));
      }
      return ok(rounded);
    }
    // Through the shortest decimal text of the number, which is what the spreadsheet showed.
    return parseText(text);
  }
  return parseText(cellText(raw));
}

/**
 * The unit a header or a preamble line states for its amounts: '金额（万元）', '金额单位：万元', '单位：元',
 * '（千元）', '万元', '金额/万元'. A 三资 ledger or a budget table in 万元 read as yuan would shrink every
 * figure ten-thousandfold, so the unit is read wherever it is said. Only a unit that is clearly stated counts:
 * in brackets, after '单位', after a slash, or as the whole text; '单元' or '元旦' in a header say nothing.
 * Returns the multiplier to yuan (万元 → 10000, 千元 → 1000, 元 → 1), or undefined when no unit is stated.
 */
export function unitMultiplier(text: string): number | undefined {
  const t = cellText(text);
  const unit =
    /单位\s*[:：]?\s*(?:人民币)?\s*([百千万亿]*)元/.exec(t) ??
    /[([【]\s*(?:单位\s*[:：]?\s*)?(?:人民币)?([百千万亿]*)元\s*[)\]】]/.exec(t) ??
    /[([【]\s*([百千万亿]+)\s*[)\]】]/.exec(t) ??
    /(?:^|[/|])\s*(?:人民币)?([百千万亿]*)元$/.exec(t);
  if (!unit) return undefined;
  let exponent = 0;
  for (const ch of unit[1] ?? '') exponent += UNIT_EXPONENT[ch] ?? 0;
  return 10 ** exponent;
}
