// A table as a department prints it: titles and facts above, one or two header rows, data, totals and footers.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import iconv from 'iconv-lite';
import type { Kind } from '../../../ingest/types.ts';
import type { TextEncoding, WrittenFile } from './text.ts';

export type Cell = string | number;

/**
 * One sheet or text file built in memory, row by row. Every row knows its physical (1-based) number, so a planted
 * bad row can be booked by the row ingest will report, and only `record` rows count as data: titles, facts above
 * the table, header rows, totals and footers are there for realism and must be read past (or skipped) by ingest.
 * Shared by the demo county and the layout corpus authoring scripts (test/fixtures/layouts).
 */
export class Grid {
  readonly rows: Cell[][] = [];
  readonly merges: string[] = [];
  /** Data rows so far: what `WrittenFile.rows` reports. */
  records = 0;

  constructor(readonly sheet?: string) {}

  /** The physical row the next line will have. */
  get next(): number {
    return this.rows.length + 1;
  }

  /** Any non-data line (title, fact, header, total, footer). */
  line(...cells: Cell[]): this {
    this.rows.push(cells);
    return this;
  }

  /** A data row; returns its physical row. */
  record(cells: Cell[]): number {
    this.records += 1;
    this.rows.push(cells);
    return this.rows.length;
  }

  /**
   * A line with each value in its own column and blanks between, as printed facts sit apart on one row:
   * lineAt(['A', '账号：…'], ['G', '打印日期：…']) gives seven cells, the last in G.
   */
  lineAt(...placed: [column: string, value: Cell][]): this {
    const cells: Cell[] = [];
    for (const [column, value] of placed) {
      const at = column.charCodeAt(0) - 65;
      while (cells.length < at) cells.push('');
      cells[at] = value;
    }
    return this.line(...cells);
  }

  /** Merges a range on the row just added (XLSX only), e.g. merge('A', 'H'), or down `rowsDown` more rows. */
  merge(from: string, to: string, rowsDown = 0): this {
    const r = this.rows.length;
    this.merges.push(`${from}${r}:${to}${r + rowsDown}`);
    return this;
  }
}

/** Spreadsheet column letter of a 0-based index: 0 → A, 26 → AA. */
export function letter(index: number): string {
  let n = index + 1;
  let out = '';
  while (n > 0) {
    const r = (n - 1) % 26;
    out = String.fromCharCode(65 + r) + out;
    n = Math.floor((n - 1) / 26);
  }
  return out;
}

function csvCell(value: Cell, sep: string): string {
  const s = String(value);
  return s.includes(sep) || s.includes('"') || s.includes('\n') ? `"${s.replaceAll('"', '""')}"` : s;
}

/** Writes a grid as delimited text (CSV, tab-separated TXT) in UTF-8, UTF-8 with BOM or GBK, CRLF lines. */
export function writeGridText(
  root: string,
  path: string,
  kind: Kind,
  grid: Grid,
  options: { sep?: string; encoding?: TextEncoding } = {},
): WrittenFile {
  const sep = options.sep ?? ',';
  const text = grid.rows.map((r) => `${r.map((c) => csvCell(c, sep)).join(sep)}\r\n`).join('');
  const encoding = options.encoding ?? 'utf-8';
  const bytes =
    encoding === 'gbk'
      ? iconv.encode(text, 'gbk')
      : Buffer.from(encoding === 'utf-8-bom' ? `\uFEFF${text}` : text, 'utf8');
  const full = join(root, path);
  mkdirSync(dirname(full), { recursive: true });
  writeFileSync(full, bytes);
  return { path, kind, rows: grid.records };
}

// ---- money and dates as the departments write them ----

/** Amount in fen as plain yuan text: 123456 → '1234.56'. */
export function yuan(fen: number): string {
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(fen);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

/** Amount with thousands separators: 5987069 → '59,870.69'. */
export function grouped(fen: number): string {
  const [whole = '0', cents = '00'] = yuan(fen).split('.');
  return `${whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}.${cents}`;
}

/** Amount in 万元 with every digit kept (no rounding, so the fen survive): 123456 fen → '0.123456'. */
export function wanDigits(fen: number): string {
  const sign = fen < 0 ? '-' : '';
  const digits = String(Math.abs(fen)).padStart(7, '0');
  const whole = digits.slice(0, -6).replace(/^0+(?=\d)/, '');
  const fraction = digits.slice(-6).replace(/0+$/, '');
  return `${sign}${whole}${fraction ? `.${fraction}` : ''}`;
}

/** '2026-01-05' → '20260105'. */
export const compactDate = (date: string): string => date.replaceAll('-', '');
/** '2026-01-05' → '2026.01.05'. */
export const dottedDate = (date: string): string => date.replaceAll('-', '.');
/** '2026-01-05' → '2026年01月05日'. */
export const cnDatePadded = (date: string): string =>
  `${date.slice(0, 4)}年${date.slice(5, 7)}月${date.slice(8, 10)}日`;
/** '2026-01-05' → '2026年1月5日'. */
export function cnDate(date: string): string {
  const [y, m, d] = date.split('-').map(Number);
  return `${y}年${m}月${d}日`;
}
