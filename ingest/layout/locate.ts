// Finds the table in a sheet: the header row among titles and account blocks, a group row above it, the preamble.
import { classifyValue } from '../normalise/classify.ts';
import { FAMILIES } from '../profiles/families.ts';
import { uniqueHeaders } from '../readers/types.ts';
import type { RawRow } from './types.ts';
import { type HeaderForms, headerForms, matchHeader } from './vocabulary.ts';

/** How far down a sheet the header is looked for: exports put at most a page of preamble above the table. */
export const HEADER_SEARCH_ROWS = 50;

/** The located table: header rows, the joined headers (and each column's own sub-header), the rows above. */
export interface Located {
  headerRows: number[];
  headers: string[];
  /** For a two-level header: each column's sub-header text alone ('' when the column has none). */
  subs?: string[];
  /** Non-blank rows above the header (titles, account blocks), in order. */
  above: RawRow[];
}

let aliasForms: HeaderForms[] | undefined;

/** Every alias of every family, as forms: a header cell is one that matches any of them. */
function allAliases(): HeaderForms[] {
  aliasForms ??= [...new Set(FAMILIES.flatMap((f) => Object.values(f.fields).flatMap((s) => s.aliases)))].map(
    headerForms,
  );
  return aliasForms;
}

/** True for a cell that names a known field (a header cell, or a label above a table). */
export function isKnownLabel(text: string): boolean {
  const t = text.trim();
  if (!t || t.length > 24 || DATA_TYPES.has(classifyValue(t))) return false;
  const forms = headerForms(t);
  return allAliases().some((alias) => matchHeader(forms, alias) !== undefined);
}

/** Value types that never appear as a header cell: a row holding them is data. */
const DATA_TYPES = new Set(['idNumber', 'creditCode', 'mobile', 'account', 'date', 'datetime', 'amount']);

/** A cell that states a fact (`户名：张三`) is preamble, never a header, whatever words it holds. */
function isFactCell(cell: string): boolean {
  return /[:：]\s*\S/.test(cell);
}

/** How much a row looks like a header: cells naming known fields, less cells that look like data. */
export function headerScore(cells: readonly string[]): number {
  let known = 0;
  let data = 0;
  for (const cell of cells) {
    const text = cell.trim();
    if (!text) continue;
    if (isFactCell(text)) {
      data += 1;
      continue;
    }
    if (text.length <= 24 && DATA_TYPES.has(classifyValue(text))) data += 1;
    else if (isKnownLabel(text)) known += 1;
  }
  return known - data;
}

function nonEmpty(cells: readonly string[]): number {
  return cells.reduce((n, c) => n + (c.trim() ? 1 : 0), 0);
}

/**
 * Joins a group row over a sub-header row: a sub-column under a group cell (merged across it, so only its first
 * cell holds the text) becomes `group·sub`; a column merged down both rows keeps the top text. Undefined when the
 * top row is not a group row: a title over the whole width, or a row with one cell and no merged-down columns.
 */
export function joinTwoLevel(
  top: readonly string[],
  sub: readonly string[],
): { headers: string[]; subs: string[] } | undefined {
  const width = Math.max(top.length, sub.length);
  const topCount = nonEmpty(top);
  const mergedDown = Array.from(
    { length: width },
    (_, i) => !(sub[i] ?? '').trim() && !!(top[i] ?? '').trim(),
  );
  const spans = Array.from(
    { length: width },
    (_, i) =>
      !!(top[i] ?? '').trim() &&
      !!(sub[i] ?? '').trim() &&
      !(top[i + 1] ?? '').trim() &&
      !!(sub[i + 1] ?? '').trim(),
  );
  if (topCount === 0) return undefined;
  if (!mergedDown.some(Boolean) && !spans.some(Boolean)) return undefined;
  // One cell over a full row is a title (at the left or centred), not a group, unless it names a field itself
  // (发生额 over 借方/贷方, 申报人 over 姓名/身份证号码).
  const only = top.find((c) => c.trim() !== '')?.trim() ?? '';
  if (topCount === 1 && !mergedDown.some(Boolean) && !isKnownLabel(only)) return undefined;
  const headers: string[] = [];
  const subs: string[] = [];
  let group = '';
  for (let i = 0; i < width; i += 1) {
    const t = (top[i] ?? '').trim();
    const s = (sub[i] ?? '').trim();
    if (!s) {
      // Merged down: the top cell is the whole header, and it ends any group span.
      group = '';
      headers.push(t);
      subs.push('');
      continue;
    }
    if (t) group = t;
    headers.push(group && group !== s ? `${group}·${s}` : s);
    subs.push(s);
  }
  return { headers, subs };
}

/**
 * Locates the header among the first rows: the row that names the most known fields (cells that look like data
 * count against it), the earliest on a tie; with a group row directly above it, the two are joined. A sheet whose
 * rows name no field at all keeps its first row as the header, so the refusal lists what it holds.
 */
export function locateHeader(head: readonly RawRow[]): Located {
  if (head.length === 0) return { headerRows: [], headers: [], above: [] };
  let best = 0;
  let bestScore = -Infinity;
  head.slice(0, HEADER_SEARCH_ROWS).forEach((raw, index) => {
    const score = headerScore(raw.cells);
    if (score > bestScore) {
      best = index;
      bestScore = score;
    }
  });
  if (bestScore < 2) best = 0;
  const header = head[best]!;
  const above = head.slice(0, best);
  const top = above.at(-1);
  const below = head[best + 1];
  const single = headerScore(header.cells);
  // A group row directly above the best row, or the best row itself over a sub-header row below it: whichever
  // joins into the better header (a date or a signature line above a header is no group row).
  const pairs: { rows: [RawRow, RawRow]; above: RawRow[] }[] = [];
  if (
    top &&
    top.row === header.row - 1 &&
    isSubHeaderRow(top.cells) &&
    !top.cells.some((c) => /\d/.test(c))
  ) {
    pairs.push({ rows: [top, header], above: above.slice(0, -1) });
  }
  if (below && below.row === header.row + 1 && isSubHeaderRow(below.cells))
    pairs.push({ rows: [header, below], above });
  let chosen: (Located & { score: number }) | undefined;
  for (const pair of pairs) {
    const joined = joinTwoLevel(pair.rows[0].cells, pair.rows[1].cells);
    if (!joined) continue;
    // A joined column counts when either its whole name or its sub-header alone is a known field.
    const score = headerScore(joined.headers.map((h, i) => (isKnownLabel(h) ? h : joined.subs[i] || h)));
    if (score < single - 1 || (chosen && score <= chosen.score)) continue;
    chosen = {
      headerRows: [pair.rows[0].row, pair.rows[1].row],
      headers: uniqueHeaders(joined.headers),
      subs: joined.subs,
      above: pair.above,
      score,
    };
  }
  if (chosen) {
    const { score: _score, ...located } = chosen;
    return located;
  }
  // A header in Chinese with its English translation in the row below (招商银行-style exports): both are header.
  // Only under a Chinese header: below an English one, a row of English words is the first row of data.
  if (
    below &&
    below.row === header.row + 1 &&
    header.cells.some((c) => /\p{Script=Han}/u.test(c)) &&
    isTranslationRow(below.cells)
  ) {
    return { headerRows: [header.row, below.row], headers: uniqueHeaders(header.cells), above };
  }
  return { headerRows: [header.row], headers: uniqueHeaders(header.cells), above };
}

/** A row of English column names: Latin words only, no digits, at least two of them. */
function isTranslationRow(cells: readonly string[]): boolean {
  const filled = cells.map((c) => c.trim()).filter(Boolean);
  return filled.length >= 2 && filled.every((c) => /^[A-Za-z][A-Za-z ./()&'-]*$/.test(c));
}

/** A label cell with its value in the very next cell (`户名` | `周浩`): a fact written without a colon. */
function isLabelValueRow(cells: readonly string[]): boolean {
  return cells.some((cell, i) => {
    const next = (cells[i + 1] ?? '').trim();
    if (!next || !isKnownLabel(cell)) return false;
    const type = classifyValue(next);
    return type === 'personName' || DATA_TYPES.has(type);
  });
}

/** A row that can be one level of a two-level header: words only, no data values, no facts. */
function isSubHeaderRow(cells: readonly string[]): boolean {
  const filled = cells.map((c) => c.trim()).filter(Boolean);
  if (filled.length < 1 || filled.some(isFactCell) || isLabelValueRow(cells)) return false;
  return filled.every((c) => c.length <= 24 && !DATA_TYPES.has(classifyValue(c)) && !/^\d+$/.test(c));
}
