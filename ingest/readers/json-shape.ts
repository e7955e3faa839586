// The shape of a JSON source: where its records are, how a nested record becomes flat columns, JSON or JSONL.

/**
 * Departmental systems and web APIs rarely hand over a bare array: an export from a registry site or a
 * case-management system comes as `{"code":0,"data":{"list":[…]}}` or `{"result":{"items":[…]}}`, and a
 * "JSON" file is often JSON Lines saved under .json. Nothing here depends on key names being known: the
 * records are the largest array of objects near the top, and the format is told by the content.
 */

/** Records are looked for this many object levels below the document (data → list → …). */
const MAX_RECORD_DEPTH = 3;
/** Nested objects inside a record are flattened this deep; deeper values stay as JSON text. */
const MAX_FLATTEN_DEPTH = 4;
/** Joins an array of scalars in one cell, as Chinese lists are written (张三、李四). */
const LIST_JOIN = '、';
/** Preferred when two arrays of records are equally large, e.g. {"data": [...], "errors": [...]}. */
const WRAPPER_KEYS = new Set(['data', 'rows', 'records', 'items', 'list', 'result', 'results', 'datas']);

export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Quotes integer literals of 16+ digits before JSON.parse: as numbers they would lose digits past
 * 2^53, and bank card or ID numbers sent as JSON numbers must survive exactly. Strings are matched
 * first so digits inside them are left alone.
 */
export function protectBigIntegers(text: string): string {
  if (!/\d{16}/.test(text)) return text;
  return text.replace(/"(?:[^"\\]|\\.)*"|(?<![\w.+-])-?\d{16,}(?![\w.])/g, (match) =>
    match.startsWith('"') ? match : `"${match}"`,
  );
}

interface Candidate {
  items: unknown[];
  path: string;
  depth: number;
  named: boolean;
}

/** An array counts as records when at least half its elements (and at least one) are objects. */
function objectCount(array: unknown[]): number {
  const objects = array.filter(isObject).length;
  return objects * 2 >= array.length ? objects : -1;
}

function collectArrays(node: Record<string, unknown>, prefix: string, depth: number, out: Candidate[]): void {
  for (const [key, value] of Object.entries(node)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (Array.isArray(value)) {
      if (value.length === 0 || objectCount(value) > 0)
        out.push({ items: value, path, depth, named: WRAPPER_KEYS.has(key.toLowerCase()) });
    } else if (isObject(value) && depth < MAX_RECORD_DEPTH) {
      collectArrays(value, path, depth + 1, out);
    }
  }
}

/**
 * The record array of a parsed document and its path ('data.list'; '' for a top-level array): the largest
 * array of objects within three levels; ties go to the shallower, then to a conventional name (data, list,
 * rows…), then to the first in the document. An empty array is returned only when no array holds records,
 * so `{"data":{"list":[]}}` reads as "no records". Undefined when there is no array of objects at all.
 */
export function findRecords(doc: unknown): { items: unknown[]; path: string } | undefined {
  if (Array.isArray(doc)) return { items: doc, path: '' };
  if (!isObject(doc)) return undefined;
  const found: Candidate[] = [];
  collectArrays(doc, '', 1, found);
  let best: Candidate | undefined;
  for (const candidate of found) {
    if (!best) best = candidate;
    else {
      const [a, b] = [objectCount(candidate.items), objectCount(best.items)];
      const better =
        a > b ||
        (a === b && candidate.depth < best.depth) ||
        (a === b && candidate.depth === best.depth && candidate.named && !best.named);
      if (better) best = candidate;
    }
  }
  return best && { items: best.items, path: best.path };
}

/** A scalar as cell text: null → ''. */
function scalarText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  return String(value);
}

function flattenInto(value: unknown, key: string, depth: number, out: Map<string, string>): void {
  if (isObject(value) && depth < MAX_FLATTEN_DEPTH) {
    const entries = Object.entries(value);
    if (entries.length === 0) out.set(key, '');
    for (const [inner, innerValue] of entries) flattenInto(innerValue, `${key}.${inner}`, depth + 1, out);
  } else if (Array.isArray(value) && value.every((v) => v === null || typeof v !== 'object')) {
    out.set(
      key,
      value
        .map(scalarText)
        .filter((v) => v !== '')
        .join(LIST_JOIN),
    );
  } else if (typeof value === 'object' && value !== null) {
    // Arrays of objects (a company's list of shareholders inside its record) stay whole, as JSON.
    out.set(key, JSON.stringify(value));
  } else {
    out.set(key, scalarText(value));
  }
}

/**
 * A record as flat columns in key order: `{"股东":{"名称":"x"}}` → `股东.名称`, `["a","b"]` → 'a、b', nested
 * arrays of objects as JSON text, null → ''.
 */
export function flattenRecord(item: Record<string, unknown>): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(item)) flattenInto(value, key, 1, out);
  return out;
}

/**
 * JSON Lines or one JSON document, from the start of the file. True: the first line is a complete value and
 * another line follows (one JSON document cannot hold two values). False: the file opens an array that the
 * first line does not close, or is a one-line array. Undefined when the start does not tell (a one-line
 * object, a first line the sample cuts, a malformed first line): the extension decides.
 */
export function looksLikeJsonLines(sample: string): boolean | undefined {
  const text = sample.replace(/^\uFEFF/, '');
  const start = text.search(/\S/);
  if (start < 0) return undefined;
  const end = text.slice(start).search(/[\r\n]/);
  const first = end < 0 ? text.slice(start) : text.slice(start, start + end);
  const complete = end >= 0;
  let parsed: unknown;
  try {
    parsed = JSON.parse(protectBigIntegers(first));
  } catch {
    // A document opened on a line of its own ('[' or '{', pretty-printed) is never a JSON Lines record.
    return first.startsWith('[') || first.trim() === '{' ? false : undefined;
  }
  if (complete && /\S/.test(text.slice(start + end))) return true;
  return Array.isArray(parsed) ? false : undefined;
}
