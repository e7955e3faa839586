// ID-number masking for roles without clearance: `522601********1234`, applied to whole API answers.

/** Mainland resident ID: 6-digit area, 8-digit birth date, 3-digit sequence, check digit (0-9 or X). */
const ID_NUMBER =
  /(?<![0-9A-Za-z])(\d{6})((?:18|19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01]))(\d{3}[\dXx])(?![0-9A-Za-z])/g;
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK = '10X98765432';

/** ISO 7064 MOD 11-2 check of an 18-character ID number. */
export function isIdNumber(text: string): boolean {
  if (!/^\d{17}[\dXx]$/.test(text)) return false;
  let sum = 0;
  for (let i = 0; i < 17; i += 1) sum += Number(text[i]) * (WEIGHTS[i] ?? 0);
  return CHECK[sum % 11] === text[17]?.toUpperCase();
}

export function maskIdNumber(id: string): string {
  return `${id.slice(0, 6)}********${id.slice(14)}`;
}

/**
 * Masks every valid ID number inside a string: keys, node ids (`Person:…`), sentences and evidence alike.
 * The check digit keeps 18-digit account numbers that merely look like a date from being masked.
 */
export function maskText(text: string): string {
  if (text.length < 18) return text;
  return text.replace(ID_NUMBER, (match) => (isIdNumber(match) ? maskIdNumber(match) : match));
}

/** A deep copy with every string masked; object keys too (maps keyed by ID number). */
export function maskDeep<T>(value: T): T {
  if (typeof value === 'string') return maskText(value) as T;
  if (Array.isArray(value)) return value.map(maskDeep) as T;
  if (value && typeof value === 'object' && (value as object).constructor === Object) {
    const out: Record<string, unknown> = {};
    for (const [key, v] of Object.entries(value as Record<string, unknown>)) out[maskText(key)] = maskDeep(v);
    return out as T;
  }
  return value;
}
