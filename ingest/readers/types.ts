// Shapes every reader returns, plus the small header/row helpers all formats share so they behave alike.

/** One data row of a source file, before any mapping to graph entities. */
export interface SourceRecord {
  /** Path as given to `openTables`. */
  file: string;
  /** XLSX sheet name. */
  sheet?: string;
  /**
   * 1-based physical row number as a person would see it in Excel or a text editor: the header is row 1
   * for CSV/XLSX (blank lines still count), the 1-based element index for JSON arrays, the line number
   * for JSONL. Investigators quote it back to the department that sent the file, so it must be exact.
   */
  row: number;
  /** Header -> raw cell text; never undefined (missing cells are ''). */
  values: Record<string, string>;
  /** Set for a row below the header that is not data (a total, a footer): counted as skipped, never loaded. */
  skip?: { reason: string; text: string };
}

/** One non-blank row as read, before any header is known: physical row number (1-based) and its cells. */
export interface RawRow {
  row: number;
  cells: string[];
}

/** One table of a source file: a CSV/JSON file, or one non-empty XLSX sheet. */
export interface SourceTable {
  file: string;
  sheet?: string;
  format: 'csv' | 'xlsx' | 'json' | 'jsonl';
  /** 'utf-8' | 'utf-8-bom' | 'gb18030' (also 'utf-16le' / 'utf-16be' with a BOM) for text files. */
  encoding?: string;
  /** For CSV: the detected delimiter. */
  delimiter?: string;
  /** Trimmed, BOM stripped, duplicates made unique by suffixing '#2', '#3'. */
  headers: string[];
  /** Streams the records; each call re-reads the file, so callers should call it once. */
  records: () => AsyncIterable<SourceRecord>;
  /**
   * Grid formats (CSV, XLSX): the first non-blank rows, in which the table's header is looked for, and every
   * non-blank row as cells. `headers`/`records` above read the first row as the header; `ingest/layout` replaces
   * them once it has found where the table really starts.
   */
  head?: RawRow[];
  rawRows?: () => AsyncIterable<RawRow>;
  /** The located layout (header rows, preamble), once `ingest/layout` has shaped the table. */
  layout?: import('../layout/types.ts').TableLayout;
  /** Sub-header text of each column of a two-level header ('' where none). */
  subs?: string[];
  /** Where in a wrapping JSON document the records were found (`data.list`). */
  recordsPath?: string;
}

/** Rows read ahead from a grid file to find its header: a page of preamble and enough data to judge columns. */
export const HEAD_ROWS = 120;

/** Key prefix for cells beyond the header width, so the caller can quarantine such rows. */
export const EXTRA_PREFIX = '__extra';

/** Key holding the raw text of a JSONL line (or JSON element) that is not an object. */
export const MALFORMED_KEY = '__malformed';

/**
 * Cleans raw header cells: strips a BOM, trims, names empty headers `__col<N>` (1-based column) so they
 * stay addressable, and suffixes repeats with '#2', '#3' because departmental exports often repeat
 * columns such as 备注 and a plain object would silently keep only the last one.
 */
export function uniqueHeaders(raw: readonly string[]): string[] {
  const taken = new Set<string>();
  const lastSuffix = new Map<string, number>();
  return raw.map((cell, index) => {
    const base = cell.replace(/^\uFEFF/, '').trim() || `__col${index + 1}`;
    let suffix = lastSuffix.get(base) ?? 1;
    let name = base;
    while (taken.has(name)) {
      suffix += 1;
      name = `${base}#${suffix}`;
    }
    lastSuffix.set(base, suffix);
    taken.add(name);
    return name;
  });
}

/**
 * Assigns a key without tripping over a header literally named `__proto__`, which a plain assignment
 * would turn into a prototype change instead of a value.
 */
export function setValue(values: Record<string, string>, key: string, value: string): void {
  if (key === '__proto__') {
    Object.defineProperty(values, key, { value, enumerable: true, writable: true, configurable: true });
  } else {
    values[key] = value;
  }
}

/**
 * Maps positional cells onto headers. Missing cells become ''. Cells beyond the headers go under
 * `__extra1`, `__extra2`… so no data is lost; trailing empty extras are dropped because a trailing
 * delimiter (very common in bank exports) carries nothing worth quarantining a row for.
 */
export function buildValues(headers: readonly string[], cells: readonly string[]): Record<string, string> {
  const values: Record<string, string> = {};
  headers.forEach((header, index) => {
    setValue(values, header, cells[index] ?? '');
  });
  let end = cells.length;
  while (end > headers.length && (cells[end - 1] ?? '').trim() === '') end -= 1;
  for (let index = headers.length; index < end; index += 1) {
    values[`${EXTRA_PREFIX}${index - headers.length + 1}`] = cells[index] ?? '';
  }
  return values;
}

/** A row whose cells are all empty or whitespace is treated like a blank line and skipped. */
export function isBlankRow(cells: readonly string[]): boolean {
  return cells.every((cell) => cell.trim() === '');
}

/** Lower-cased extension including the dot ('' when none), used by every dispatch decision. */
export function extensionOf(path: string): string {
  const base = path.slice(Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\')) + 1);
  const dot = base.lastIndexOf('.');
  return dot > 0 ? base.slice(dot).toLowerCase() : '';
}
