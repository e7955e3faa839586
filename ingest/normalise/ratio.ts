// Shareholding and similar ratios: '60%', '0.6', '60', '1/3' to a fraction between 0 and 1.

import { coded, fail, ok, type Parsed } from './result.ts';
import { cellText, isBlank } from './text.ts';

/**
 * Ownership ratios decide who controls a company (actual controller, >50% or the largest holder), so the
 * same stake must read the same whether a registry writes '60%', an Excel sheet stores 0.6 or a clerk types
 * 60. The rules, in order:
 *   - with '%' (or '‰'): a percentage (per mille), 0..100% allowed;
 *   - 'a/b': a fraction of two non-negative numbers;
 *   - a bare number in 0..1: already a fraction; exactly 1 is 100% (both readings agree);
 *   - a bare number in (1, 100]: a percentage without its sign (1.5 is 1.5%, not 150%);
 *   - below 0 or above 100 (or above 100% with a sign): `ratio.range`.
 * A bare 0.5 is inherently ambiguous (half, or half a percent?); the fraction reading is the common one in
 * registry exports, and a column of such values can be checked against the 100% total per company.
 *
 * Percent conversion is done on decimal digits so '33.33%' gives exactly the double nearest 0.3333
 * (33.33 / 100 in floating point is not always that double).
 *
 * Codes: ratio.empty, ratio.format, ratio.range.
 */

const DECIMAL = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)$/;
const PERCENT = /^(.+?)(%|‰)$/;
const FRACTION = /^(\d+(?:\.\d+)?)\/(\d+(?:\.\d+)?)$/;
/** Exported data sets (FinBench) write tiny ratios in exponent form: 1.97e-05. */
const SCIENTIFIC = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)e[+-]?\d+$/i;

/** The value of a non-negative decimal string divided by 10^places, computed on the digits. */
function scaleDown(text: string, places: number): number {
  const [intPart = '', fracPart = ''] = text.replace(/^[+-]/, '').split('.');
  const digits = intPart.padStart(places + 1, '0') + fracPart;
  const point = digits.length - fracPart.length - places;
  return Number(`${digits.slice(0, point)}.${digits.slice(point)}`);
}

/** A bare number: a fraction up to 1, a percentage above 1 and up to 100. */
function fromPlain(text: string, original: string): Parsed<number> {
  const value = Number(text);
  if (!Number.isFinite(value)) return fail(coded('ratio.format', `not a ratio: '${original}'`));
  if (value < 0 || value > 100) return fail(coded('ratio.range', `${original} is outside 0..100%`));
  if (value <= 1) return ok(value + 0);
  return ok(/e/i.test(text) ? value / 100 : scaleDown(text, 2));
}

function fromText(text: string): Parsed<number> {
  const compact = text.replace(/\s+/g, '');
  const percent = PERCENT.exec(compact);
  if (percent) {
    const body = percent[1] ?? '';
    if (!DECIMAL.test(body)) return fail(coded('ratio.format', `not a percentage: '${text}'`));
    const places = percent[2] === '%' ? 2 : 3;
    const value = Number(body);
    const max = 10 ** places;
    if (value < 0 || value > max) return fail(coded('ratio.range', `${text} is outside 0..100%`));
    return ok(scaleDown(body, places) + 0);
  }
  const fraction = FRACTION.exec(compact);
  if (fraction) {
    const numerator = Number(fraction[1]);
    const denominator = Number(fraction[2]);
    if (denominator === 0) return fail(coded('ratio.format', `zero denominator in '${text}'`));
    if (numerator > denominator) return fail(coded('ratio.range', `${text} is more than the whole`));
    return ok(numerator / denominator);
  }
  if (DECIMAL.test(compact) || SCIENTIFIC.test(compact)) return fromPlain(compact, text);
  return fail(coded('ratio.format', `not a ratio: '${text}'`));
}

/**
 * A ratio as a fraction in 0..1: '60%' → 0.6, 0.6 → 0.6, 60 → 0.6, 100 → 1, 1 → 1, '33.33%' → 0.3333,
 * '1/3' → 0.333…, '5‰' → 0.005. Values below 0 or above 100 fail with `ratio.range`.
 */
export function parseRatio(raw: string | number): Parsed<number> {
  if (isBlank(raw)) return fail(coded('ratio.empty', 'no ratio given'));
  if (typeof raw === 'number') {
    if (!Number.isFinite(raw)) return fail(coded('ratio.format', `not a finite number: ${raw}`));
    return fromPlain(String(raw), String(raw));
  }
  return fromText(cellText(raw));
}

/** A fraction as a percentage string with up to `digits` decimals, for reports ('60%', '33.33%'). */
export function formatRatio(value: number, digits = 2): string {
  return `${Number((value * 100).toFixed(digits))}%`;
}
