// Unified social credit codes (GB 32100-2015): the 18-character key of every registered organisation.

import { InvalidInputError } from '../../engine/errors.ts';
import { coded, fail, ok, type Parsed } from './result.ts';
import { isBlank, normaliseKey } from './text.ts';

/**
 * Since 2015 every company, public institution, social organisation and individual business has one code,
 * printed on its licence and in the national enterprise credit publicity system. It is the key that joins a
 * shell company in a registry extract to the counterparty of a bank transfer.
 *
 * Layout: 1 registration authority, 1 organisation type, 6 region code, 9 organisation code (GB 11714),
 * 1 check character. The alphabet is the 31 characters below: I, O, Z, S and V are excluded because they are
 * easily mistaken for 1, 0, 2, 5 and U.
 *
 * A wrong check character is a warning, not a failure: the standard asks for a warning, and in practice the
 * codes in our sources are copied from official documents, so a mismatch is more often a legacy or
 * mistyped code the investigator still wants linked and flagged than a different organisation.
 *
 * Codes: ucc.empty, ucc.chars, ucc.length (failures); ucc.checksum (warning).
 */

export const CREDIT_CODE_CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const MODULUS = 31;
/** Weights W_i = 3^(i-1) mod 31 for positions 1..17. */
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28] as const;
const LENGTH = 18;

/** The value of a code character, or -1 for a character outside the alphabet. */
function charValue(ch: string): number {
  return ch.length === 1 ? CREDIT_CODE_CHARSET.indexOf(ch) : -1;
}

function illegalChars(code: string): string[] {
  return [...new Set([...code].filter((ch) => charValue(ch) < 0))];
}

/**
 * The check character of the first 17 characters: C18 = 31 − (Σ value × weight mod 31), where 31 maps to
 * '0', then mapped back through the alphabet. Throws unless given 17 characters of the alphabet.
 */
export function creditCodeCheckChar(first17: string): string {
  if (first17.length !== LENGTH - 1) {
    throw new InvalidInputError(
      'ucc.length',
      `creditCodeCheckChar needs 17 characters, got ${first17.length}`,
    );
  }
  let sum = 0;
  for (let i = 0; i < first17.length; i++) {
    const value = charValue(first17.charAt(i));
    if (value < 0) throw new InvalidInputError('ucc.chars', `illegal character '${first17.charAt(i)}'`);
    sum += value * (WEIGHTS[i] ?? 0);
  }
  const check = MODULUS - (sum % MODULUS);
  return CREDIT_CODE_CHARSET.charAt(check === MODULUS ? 0 : check);
}

/** Appends the check character: a valid code from its first 17 characters (tests, demo data). */
export function makeCreditCode(first17: string): string {
  const key = normaliseKey(first17);
  return key + creditCodeCheckChar(key);
}

/**
 * Validates and normalises a unified social credit code. Spaces, full-width characters and lower case are
 * tolerated; a wrong length or a character outside the alphabet fails; a wrong check character passes with a
 * `ucc.checksum` warning. The code is never "corrected": guessing the intended character would invent a key.
 */
export function parseCreditCode(raw: string): Parsed<{ creditCode: string }> {
  if (isBlank(raw)) return fail(coded('ucc.empty', 'no credit code given'));
  const code = normaliseKey(raw);
  // Characters before length (as for ID numbers): a company name in the code column is a shifted column.
  const illegal = illegalChars(code);
  if (illegal.length > 0) {
    return fail(coded('ucc.chars', `characters outside the code alphabet: ${illegal.join(' ')}`));
  }
  if (code.length !== LENGTH) {
    // The old 15-digit business registration number (注册号) is a different key; say so.
    const hint = /^\d{15}$/.test(code) ? ' (15 digits: an old registration number, not a credit code)' : '';
    return fail(coded('ucc.length', `18 characters expected, got ${code.length}${hint}`));
  }
  const expected = creditCodeCheckChar(code.slice(0, LENGTH - 1));
  const actual = code.charAt(LENGTH - 1);
  if (expected !== actual) {
    return ok(
      { creditCode: code },
      coded('ucc.checksum', `check character mismatch (expected ${expected}, got ${actual})`),
    );
  }
  return ok({ creditCode: code });
}

/** True when the code is well formed AND its check character is right (no warning). */
export function isValidCreditCode(raw: string): boolean {
  const parsed = parseCreditCode(raw);
  return parsed.ok && parsed.warning === undefined;
}
