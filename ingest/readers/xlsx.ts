// Streaming XLSX reader over exceljs's WorkbookReader: one table per non-empty sheet, cells as text.
import { createReadStream } from 'node:fs';
import { basename } from 'node:path';
import type { Readable } from 'node:stream';
import { Transform } from 'node:stream';
import type { Row } from 'exceljs';
import ExcelJS from 'exceljs';
import { InvalidInputError, isEngineError } from '../../engine/errors.ts';
import { readSample } from './encoding.ts';
import { cellTooLong, DEFAULT_READ_LIMITS, type ReadLimits, tooManyColumns, tooManyRows } from './limits.ts';
import type { RawRow as GridRow, SourceRecord, SourceTable } from './types.ts';
import { buildValues, HEAD_ROWS, isBlankRow, uniqueHeaders } from './types.ts';
import { checkWorkbookZip, XmlGuard } from './xlsx-guard.ts';

/** The parts of exceljs's streaming reader that its typings omit (`iterator`: the sheet's raw chunks). */
interface SheetReader extends AsyncIterable<Row> {
  name?: string;
  iterator: unknown;
}
type PatchableReader = Record<string, unknown> & { properties?: { model?: { date1904?: boolean } } };
type SheetStep = { sheet: SheetReader; index: number; date1904: boolean };
type SheetInfo = { index: number; name: string; headerRow: number; headers: string[]; head: GridRow[] };

/**
 * The chunk source exceljs parses a sheet from. exceljs decodes every zip chunk with a fresh
 * TextDecoder, so a Chinese character split across two chunks becomes U+FFFD (about 1 row in 1,500 of
 * a 20k-row sheet); decoding here with a streaming decoder fixes that. It also guarantees the sheet's
 * bytes are read to the end when parsing stops early: exceljs leaves a half-read stream paused (its
 * temp file open) or, worse, buffering the rest of the sheet in memory once the zip moves on.
 */
class Utf8Chunks implements AsyncIterable<string> {
  private source: AsyncIterator<unknown> | undefined;
  private finished = false;
  constructor(
    private readonly input: AsyncIterable<unknown>,
    private readonly guard: XmlGuard,
  ) {}

  private next(): Promise<IteratorResult<unknown>> {
    this.source ??= this.input[Symbol.asyncIterator]();
    return this.source.next();
  }

  async *[Symbol.asyncIterator](): AsyncGenerator<string> {
    const decoder = new TextDecoder('utf-8');
    try {
      for (let step = await this.next(); !step.done; step = await this.next()) {
        const chunk = step.value;
        const text =
          typeof chunk === 'string' ? chunk : decoder.decode(chunk as Uint8Array, { stream: true });
        this.guard.feed(text);
        if (text) yield text;
      }
      this.finished = true;
      const rest = decoder.decode();
      this.guard.feed(rest);
      if (rest) yield rest;
    } finally {
      await this.drain();
    }
  }

  /** Reads the remaining bytes without parsing them, still guarded: a bomb is refused on the header pass. */
  async drain(): Promise<void> {
    const decoder = new TextDecoder('utf-8');
    while (!this.finished) {
      const step = await this.next();
      if (step.done) this.finished = true;
      else if (typeof step.value === 'string') this.guard.feed(step.value);
      else this.guard.feed(decoder.decode(step.value as Uint8Array, { stream: true }));
    }
  }
}

/** Same fix for the workbook-level parts, which exceljs reads from entry streams via events. */
function decodedEntry(entry: Readable, guard: XmlGuard): Transform {
  const decoder = new TextDecoder('utf-8');
  const out = new Transform({
    readableObjectMode: true,
    transform(chunk: Buffer, _encoding, callback) {
      const text = decoder.decode(chunk, { stream: true });
      try {
        guard.feed(text);
      } catch (error) {
        callback(error as Error);
        return;
      }
      callback(null, text || undefined);
    },
    flush(callback) {
      callback(null, decoder.decode() || undefined);
    },
  });
  entry.on('error', (error) => out.destroy(error));
  return entry.pipe(out);
}

/** Wraps exceljs 4.4's private part parsers (guarded, so a changed library just loses the fix). */
function patchDecoding(reader: PatchableReader, path: string, limits: ReadLimits): void {
  for (const name of ['_parseWorkbook', '_parseSharedStrings', '_parseStyles']) {
    const original = reader[name];
    if (typeof original !== 'function') continue;
    const part = name.replace('_parse', '');
    reader[name] = function (this: unknown, entry: Readable, ...rest: unknown[]) {
      return original.call(this, decodedEntry(entry, new XmlGuard(path, part, limits, false)), ...rest);
    };
  }
  const parseWorksheet = reader._parseWorksheet;
  if (typeof parseWorksheet === 'function') {
    reader._parseWorksheet = function (this: unknown, iterator: AsyncIterable<unknown>, ...rest: unknown[]) {
      // exceljs passes the sheet's part number (sheet1.xml → 1): the refusal names the part it was found in.
      const guard = new XmlGuard(path, `xl/worksheets/sheet${String(rest[0] ?? '')}.xml`, limits, true);
      return parseWorksheet.call(this, new Utf8Chunks(iterator, guard), ...rest);
    };
  }
}

/** Skips a sheet cheaply: its bytes are read (so exceljs can move on) but not parsed as XML. */
async function skipSheet(sheet: SheetReader): Promise<void> {
  if (sheet.iterator instanceof Utf8Chunks) {
    await sheet.iterator.drain();
  } else {
    for await (const _row of sheet) {
      // Unpatched exceljs: parsing is the only way through the sheet.
    }
  }
}

/**
 * Iterates the sheets of a workbook from a fresh read of the file. exceljs's streaming reader now and then
 * fails before the first sheet (it meets a worksheet before it has taken in workbook.xml: "reading 'sheets'"
 * of an undefined model), though the same file reads the next time; such a read is tried once more.
 */
async function* eachSheet(path: string, limits: ReadLimits): AsyncGenerator<SheetStep> {
  for (let attempt = 0; ; attempt += 1) {
    const state = { yielded: false };
    try {
      yield* readSheets(path, state, limits);
      return;
    } catch (error) {
      const cause = (error as { cause?: unknown }).cause;
      const early = !state.yielded && cause instanceof TypeError && /'sheets'/.test(cause.message);
      if (!early || attempt > 0) throw error;
    }
  }
}

/**
 * One read of the workbook. The input is our own stream so it is closed whatever happens. When the consumer
 * stops early the remaining sheets are skipped rather than abandoned, because exceljs only deletes its
 * per-sheet temp files as it walks past them.
 */
async function* readSheets(
  path: string,
  state: { yielded: boolean },
  limits: ReadLimits,
): AsyncGenerator<SheetStep> {
  const input = createReadStream(path);
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(input, {
    sharedStrings: 'cache',
    worksheets: 'emit',
    styles: 'cache',
    hyperlinks: 'ignore',
  });
  const patchable = reader as unknown as PatchableReader;
  patchDecoding(patchable, path, limits);
  const sheets = (reader as unknown as AsyncIterable<SheetReader>)[Symbol.asyncIterator]();
  let settled = false;
  let current: SheetReader | undefined;
  try {
    for (let index = 0, step = await sheets.next(); !step.done; index += 1, step = await sheets.next()) {
      current = step.value;
      state.yielded = true;
      yield { sheet: current, index, date1904: patchable.properties?.model?.date1904 === true };
      await skipSheet(current);
    }
    settled = true;
  } catch (error) {
    settled = true;
    throw damaged(error, path);
  } finally {
    if (!settled) {
      try {
        let next = current;
        while (next) {
          await skipSheet(next);
          const step = await sheets.next();
          next = step.done ? undefined : step.value;
        }
      } catch {
        // Best effort: the consumer already stopped; a read error here has no one to report to.
      }
    }
    input.destroy();
  }
}

const DAY_MS = 86_400_000;

/** Excel's test for a date format, as exceljs applies it to plain cells (it skips formula results). */
function isDateFormat(format: string | undefined): boolean {
  if (!format) return false;
  return /[ymdhMsb]/.test(format.replace(/\[[^\]]*]/g, '').replace(/"[^"]*"/g, ''));
}

const excelEpoch = (date1904: boolean): number => (date1904 ? Date.UTC(1904, 0, 1) : Date.UTC(1899, 11, 30));

const pad = (value: number, width = 2): string => String(value).padStart(width, '0');

/**
 * exceljs hands dates as UTC instants holding the wall-clock time. Rounded to the second because
 * serial-day fractions land a millisecond off. A value on the epoch day is a bare time (交易时间
 * columns), printed as HH:mm:ss rather than as a date in 1899.
 */
function renderDate(date: Date, date1904: boolean): string {
  const ms = Math.round(date.getTime() / 1000) * 1000;
  if (!Number.isFinite(ms)) return '';
  const d = new Date(ms);
  const time = `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
  const offset = ms - excelEpoch(date1904);
  if (offset >= 0 && offset < DAY_MS) return time;
  const day = `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
  return time === '00:00:00' ? day : `${day} ${time}`;
}

/** Rewrites '1.5e-7' as '0.00000015'; only tiny fractions reach here (integers are handled exactly). */
function expandExponent(text: string): string {
  const match = /^(-?)(\d+)(?:\.(\d+))?e([+-]\d+)$/.exec(text);
  if (!match) return text;
  const [, sign = '', whole = '', fraction = '', exponent = '0'] = match;
  const digits = whole + fraction;
  const point = whole.length + Number(exponent);
  if (point <= 0) return `${sign}0.${'0'.repeat(-point)}${digits}`;
  if (point >= digits.length) return sign + digits + '0'.repeat(point - digits.length);
  return `${sign}${digits.slice(0, point)}.${digits.slice(point)}`;
}

/**
 * Plain decimal text. Integers print exactly (BigInt never switches to exponent form, so long account
 * numbers stored as numbers keep every digit the file holds); fractions are cut to Excel's 15
 * significant digits so 0.1+0.2 reads as 0.3, the way the investigator saw it in Excel.
 */
function renderNumber(value: number): string {
  if (!Number.isFinite(value)) return '';
  if (Number.isInteger(value)) return BigInt(value).toString();
  const text = String(Number(value.toPrecision(15)));
  return text.includes('e') ? expandExponent(text) : text;
}

/** Cell value → text: rich text joined, formulas → cached result, hyperlinks → text, errors → ''. */
export function renderCell(value: unknown, format: string | undefined, date1904: boolean): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return renderNumber(value);
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (value instanceof Date) return renderDate(value, date1904);
  if (typeof value !== 'object') return '';
  const cell = value as { richText?: unknown; result?: unknown; text?: unknown };
  if (Array.isArray(cell.richText)) {
    return cell.richText
      .map((run: { text?: unknown }) => (typeof run?.text === 'string' ? run.text : ''))
      .join('');
  }
  if ('formula' in cell || 'sharedFormula' in cell || 'result' in cell) {
    // exceljs only turns plain cells into Dates; a formula such as =TODAY() still needs the format test.
    if (typeof cell.result === 'number' && Number.isFinite(cell.result) && isDateFormat(format)) {
      return renderDate(new Date(excelEpoch(date1904) + cell.result * DAY_MS), date1904);
    }
    return renderCell(cell.result, format, date1904);
  }
  if ('text' in cell) return renderCell(cell.text, undefined, date1904);
  return '';
}

/** Renders a row as positional texts: index 0 is column A; gaps are ''. Refuses rows past the limits. */
function rowTexts(row: Row, date1904: boolean, path: string, limits: ReadLimits, where: string): string[] {
  const cells: string[] = [];
  row.eachCell({ includeEmpty: false }, (cell, column) => {
    const text = renderCell(cell.value, cell.numFmt, date1904);
    if (text === '') return;
    if (column > limits.maxColumns) throw tooManyColumns(path, column, limits, where);
    if (text.length > limits.maxCellChars) throw cellTooLong(path, limits, where);
    while (cells.length < column - 1) cells.push('');
    cells[column - 1] = text;
  });
  return cells;
}

function readError(id: string, path: string, zh: string, en: string, cause?: unknown): InvalidInputError {
  const name = basename(path);
  return new InvalidInputError(id, `${name}：${zh} / ${name}: ${en}`, { details: { file: name }, cause });
}

/** Rejects the common impostors early: an old binary .xls renamed, or not a zip at all. */
async function checkSignature(path: string): Promise<void> {
  const head = await readSample(path, 8);
  const magic = head.length >= 4 ? head.readUInt32BE(0) : 0;
  if (magic === 0xd0cf11e0) {
    const zh = '实际是旧版 .xls 格式，请在 Excel 中另存为 .xlsx';
    throw readError('read.unsupported', path, zh, 'legacy .xls workbook; save it as .xlsx');
  }
  if (magic !== 0x504b0304)
    throw readError('read.xlsx', path, '不是有效的 .xlsx 文件', 'not a valid .xlsx file');
}

const place = (sheet: string, row: number) => `${sheet} 第 ${row} 行 row ${row}`;

/**
 * A fault met while reading a workbook: our own refusals (limits) keep their ids; anything exceljs or its XML
 * parser throws (a syntax error in a sheet, a cell without an address) means a damaged workbook.
 */
function damaged(error: unknown, path: string): unknown {
  if (isEngineError(error)) return error;
  const reason = error instanceof Error ? error.message : String(error);
  return readError('read.xlsx', path, '无法读取，文件可能已损坏', `cannot read workbook: ${reason}`, error);
}

/**
 * Opens every non-empty sheet. One pass finds each sheet's header (its first non-empty row) and then
 * drains the rest of that sheet unparsed; each `records()` call re-opens the workbook and parses only
 * its own sheet. exceljs copies sheets to temp files when sharedStrings.xml follows them in the zip
 * (Excel's usual order), so big workbooks need matching free space in the OS temp folder.
 */
export async function openXlsx(
  path: string,
  limits: ReadLimits = DEFAULT_READ_LIMITS,
): Promise<SourceTable[]> {
  await checkSignature(path);
  await checkWorkbookZip(path, limits);
  const found: SheetInfo[] = [];
  try {
    for await (const { sheet, index, date1904 } of eachSheet(path, limits)) {
      const name = sheet.name ?? `Sheet${index + 1}`;
      const head: GridRow[] = [];
      for await (const row of sheet) {
        const cells = rowTexts(row, date1904, path, limits, place(name, row.number));
        if (isBlankRow(cells)) continue;
        head.push({ row: row.number, cells });
        if (head.length >= HEAD_ROWS) break; // Safe: Utf8Chunks reads the rest of the sheet unparsed.
      }
      const first = head[0];
      if (first) found.push({ index, name, headerRow: first.row, headers: uniqueHeaders(first.cells), head });
    }
  } catch (error) {
    throw damaged(error, path);
  }
  if (found.length === 0) throw readError('read.empty', path, '所有工作表均为空', 'every sheet is empty');
  return found.map((info) => ({
    file: path,
    sheet: info.name,
    format: 'xlsx' as const,
    headers: info.headers,
    head: info.head,
    rawRows: () => sheetRows(path, info, limits),
    records: () => sheetRecords(path, info, limits),
  }));
}

/** Every non-blank row of one sheet as cells, from a fresh read of the workbook. */
async function* sheetRows(path: string, info: SheetInfo, limits: ReadLimits): AsyncGenerator<GridRow> {
  const { index: target, name, headerRow } = info;
  try {
    for await (const { sheet, index, date1904 } of eachSheet(path, limits)) {
      // Other sheets are skipped by eachSheet once we ask for the next one.
      if (index !== target) continue;
      for await (const row of sheet) {
        if (row.number > limits.maxRows + headerRow) throw tooManyRows(path, limits, name);
        const cells = rowTexts(row, date1904, path, limits, place(name, row.number));
        if (!isBlankRow(cells)) yield { row: row.number, cells };
      }
    }
  } catch (error) {
    throw damaged(error, path);
  }
}

async function* sheetRecords(
  path: string,
  info: SheetInfo,
  limits: ReadLimits,
): AsyncGenerator<SourceRecord> {
  for await (const { row, cells } of sheetRows(path, info, limits)) {
    if (row > info.headerRow)
      yield { file: path, sheet: info.name, row, values: buildValues(info.headers, cells) };
  }
}
