// Text clean-up shared by every normaliser: width folding, Unicode normalisation, whitespace, blanks.

/**
 * Why this exists: the same person or company reaches us through bank statements, registry extracts,
 * Excel sheets typed by hand and PDFs run through OCR. The same ID number may be typed with full-width
 * digits (`１１０１…`), with an ideographic space, with a trailing non-breaking space copied from a web page.
 * Unless every key is folded the same way, one person becomes several nodes and links are missed.
 */

/** Full-width ASCII variants occupy U+FF01..U+FF5E, at a fixed distance from U+0021..U+007E. */
const FULL_WIDTH_START = 0xff01;
const FULL_WIDTH_END = 0xff5e;
const FULL_WIDTH_OFFSET = 0xfee0;
const IDEOGRAPHIC_SPACE = 0x3000;

/**
 * Invisible characters that carry no content: zero-width space/joiners, word joiner, BOM (Excel's UTF-8 CSV
 * export starts with one, and it sticks to the first header or cell), soft hyphen, and C0/C1 control
 * characters other than ordinary whitespace. They are removed, not turned into spaces, because they sit
 * inside words ("张\u200b三" is "张三").
 */
// biome-ignore lint/suspicious/noControlCharactersInRegex: removing control characters is the point.
const INVISIBLE = /[\u200b-\u200d\u2060\ufeff\u00ad\u0000-\u0008\u000e-\u001f\u007f-\u009f]/g;

const WHITESPACE_RUN = /\s+/g;

/**
 * Folds full-width ASCII and the ideographic space to their half-width forms. Done explicitly (rather than
 * relying on NFKC alone) so the rule the brief names is visible and testable on its own.
 */
function foldWidth(s: string): string {
  let out = '';
  for (const ch of s) {
    const code = ch.codePointAt(0) ?? 0;
    if (code >= FULL_WIDTH_START && code <= FULL_WIDTH_END) {
      out += String.fromCodePoint(code - FULL_WIDTH_OFFSET);
    } else if (code === IDEOGRAPHIC_SPACE) {
      out += ' ';
    } else {
      out += ch;
    }
  }
  return out;
}

/**
 * Display-preserving clean-up of any text cell: full-width ASCII and U+3000 to half-width, NFKC, invisible
 * characters removed, trimmed, whitespace runs collapsed to one space.
 *
 * NFKC is applied after the width fold (the two agree, so the order is only for clarity). It is safe for
 * Chinese text: ordinary ideographs are unchanged, and what it does change helps matching — CJK
 * compatibility ideographs (U+F900..) and Kangxi radicals (U+2F00..), frequent in PDF-extracted names,
 * become the unified ideographs people actually type; half-width katakana, circled digits and the
 * full-width yen sign (￥ → ¥) fold to their plain forms; decomposed accents are recomposed.
 */
export function normaliseText(s: string): string {
  if (typeof s !== 'string') return '';
  // Most cells of a bank statement (numbers, dates, account numbers) are already clean ASCII.
  if (CLEAN_ASCII.test(s)) return s;
  const cached = memo.get(s);
  if (cached !== undefined) return cached;
  const out = foldWidth(s).normalize('NFKC').replace(INVISIBLE, '').replace(WHITESPACE_RUN, ' ').trim();
  // Names and units repeat row after row; a bounded memo spares re-normalising them.
  if (memo.size >= MEMO_LIMIT) memo.clear();
  memo.set(s, out);
  return out;
}

const CLEAN_ASCII = /^[\x21-\x7e]+(?: [\x21-\x7e]+)*$/;
const MEMO_LIMIT = 50_000;
const memo = new Map<string, string>();

/** True when an already normalised text is a placeholder for "no value" (see PLACEHOLDERS). */
export function isPlaceholder(normalised: string): boolean {
  // A run of dashes or stars is a filler printed where there is no value (`-------------------`).
  return normalised === '' || PLACEHOLDERS.has(normalised.toLowerCase()) || /^[-—_*·.]{2,}$/.test(normalised);
}

/**
 * The comparison form of an identifier (citizen ID, credit code, bank account, card number): normalised text
 * with ALL whitespace removed and upper-cased. Banks print account numbers in groups of four and people
 * type the check letter of an ID as 'x'; neither difference is meaningful.
 */
export function normaliseKey(s: string): string {
  return normaliseText(s).replace(WHITESPACE_RUN, '').toUpperCase();
}

/**
 * Placeholder values that mean "no value" in Chinese government and bank exports, compared after
 * normaliseText and lower-casing. Dashes and slashes are what clerks type into mandatory cells; 无/暂无
 * ("none"), 不详/未知 ("unknown") are explicit statements that the value is missing; null/NaN/undefined and
 * #N/A leak out of databases, pandas and Excel formulas. None of them can be a real name, ID or amount.
 */
const PLACEHOLDERS: ReadonlySet<string> = new Set([
  '-',
  '--',
  '---',
  '–',
  '—',
  '——',
  '/',
  '\\',
  '无',
  '暂无',
  '不详',
  '未知',
  'null',
  'nil',
  'none',
  'nan',
  'undefined',
  'n/a',
  '#n/a',
]);

/**
 * True for undefined, null, NaN, the empty string, whitespace only, or a placeholder such as '-', '—', '无',
 * 'NULL', 'N/A', '/'. Numbers other than NaN are never blank (0 is a real amount).
 */
export function isBlank(s: string | number | null | undefined): boolean {
  if (s === undefined || s === null) return true;
  if (typeof s === 'number') return Number.isNaN(s);
  if (typeof s !== 'string') return false;
  return isPlaceholder(normaliseText(s));
}

/**
 * Normalised text of a raw cell that may arrive as a number (Excel) or a string (CSV); non-finite numbers,
 * null and undefined give ''. Parsers that accept `string | number` start here.
 */
export function cellText(raw: string | number | null | undefined): string {
  if (raw === undefined || raw === null) return '';
  if (typeof raw === 'number') return Number.isFinite(raw) ? String(raw) : '';
  return normaliseText(raw);
}
