// Deterministic XLSX output: fixed document dates, and the zip entries' timestamps pinned to one date.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import ExcelJS from 'exceljs';
import type { Kind } from '../../../ingest/types.ts';
import type { Grid } from './grid.ts';
import type { WrittenFile } from './text.ts';

/** One sheet: its name, the kind of records its data rows hold, and the rows as printed (see Grid). */
export interface Sheet {
  name: string;
  kind: Kind;
  grid: Grid;
}

const LOCAL_HEADER = 0x04034b50;
const CENTRAL_HEADER = 0x02014b50;
const END_OF_CENTRAL = 0x06054b50;

/** The zip's central directory: where it starts, where its end record sits, and each entry's offset and size. */
function centralDirectory(zip: Buffer): {
  start: number;
  end: number;
  entries: { at: number; size: number }[];
} {
  let end = -1;
  for (let i = zip.length - 22; i >= 0; i -= 1) {
    if (zip.readUInt32LE(i) === END_OF_CENTRAL) {
      end = i;
      break;
    }
  }
  if (end < 0) throw new Error('xlsx: no zip directory found');
  const start = zip.readUInt32LE(end + 16);
  const entries: { at: number; size: number }[] = [];
  let at = start;
  for (let n = zip.readUInt16LE(end + 10); n > 0; n -= 1) {
    if (zip.readUInt32LE(at) !== CENTRAL_HEADER) throw new Error('xlsx: bad zip central directory');
    // The fixed header, then the name, the extra field and the comment.
    const size = 46 + zip.readUInt16LE(at + 28) + zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32);
    entries.push({ at, size });
    at += size;
  }
  return { start, end, entries };
}

/**
 * exceljs (through JSZip) stamps every zip entry with the current time, so two runs differ byte for byte.
 * This rewrites the DOS time and date of each entry, in the central directory and the local headers.
 */
export function pinZipTimestamps(zip: Buffer, date: string): Buffer {
  const [y, m, d] = date.split('-').map(Number);
  const dosDate = (((y ?? 1980) - 1980) << 9) | ((m ?? 1) << 5) | (d ?? 1);
  for (const { at } of centralDirectory(zip).entries) {
    zip.writeUInt16LE(0, at + 12);
    zip.writeUInt16LE(dosDate, at + 14);
    const local = zip.readUInt32LE(at + 42);
    if (zip.readUInt32LE(local) === LOCAL_HEADER) {
      zip.writeUInt16LE(0, local + 10);
      zip.writeUInt16LE(dosDate, local + 12);
    }
  }
  return zip;
}

/** Where Excel itself puts a part: the package's own parts, the workbook, its styles and strings, the sheets last. */
function partRank(name: string): number {
  const order = [
    /^\[Content_Types\]/,
    /^_rels\//,
    /^docProps\//,
    /^xl\/workbook\.xml$/,
    /^xl\/_rels\//,
    /^xl\/(styles|theme|sharedStrings)/,
  ];
  const rank = order.findIndex((pattern) => pattern.test(name));
  return rank < 0 ? order.length : rank;
}

/**
 * Rewrites the zip with its parts in the order Excel writes them. exceljs's streaming writer puts xl/workbook.xml
 * after the sheets, which streaming readers (exceljs's own among them) must then hold back in temporary files
 * until they learn the sheets' names; the files departments send have the workbook first. Each entry's bytes
 * (local header, data, data descriptor) are moved as they are; only the offsets in the directory change.
 */
export function excelPartOrder(zip: Buffer): Buffer {
  const { start: directory, end, entries: spans } = centralDirectory(zip);
  const entries = spans.map(({ at, size }) => ({
    name: zip.toString('utf8', at + 46, at + 46 + zip.readUInt16LE(at + 28)),
    central: Buffer.from(zip.subarray(at, at + size)),
    local: zip.readUInt32LE(at + 42),
  }));
  // An entry's bytes run from its local header to the next one's (or to the directory).
  const starts = [...entries.map((e) => e.local), directory].sort((a, b) => a - b);
  const spanOf = (local: number) => zip.subarray(local, starts[starts.indexOf(local) + 1]);
  const ordered = entries
    .map((e, i) => ({ ...e, i }))
    .sort((a, b) => partRank(a.name) - partRank(b.name) || a.i - b.i);
  const parts: Buffer[] = [];
  let offset = 0;
  for (const e of ordered) {
    const span = spanOf(e.local);
    e.central.writeUInt32LE(offset, 42);
    parts.push(span);
    offset += span.length;
  }
  const tail = Buffer.from(zip.subarray(end));
  tail.writeUInt32LE(offset, 16);
  return Buffer.concat([...parts, ...ordered.map((e) => e.central), tail]);
}

/** The first row of a range such as 'A3:B4'. */
function topRow(range: string): number {
  return Number(/\d+/.exec(range)?.[0] ?? 0);
}

/**
 * Writes a workbook of text/number sheets (merged ranges kept) with exceljs's streaming writer (rows go to disk as they are
 * added), then pins the zip timestamps: the same content always gives the same bytes.
 */
export async function writeWorkbook(
  root: string,
  path: string,
  sheets: Sheet[],
  date: string,
  author = '清溪县市场监督管理局',
): Promise<WrittenFile[]> {
  const full = join(root, path);
  mkdirSync(dirname(full), { recursive: true });
  const when = new Date(`${date}T00:00:00Z`);
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
    filename: full,
    useStyles: false,
    useSharedStrings: true,
  });
  workbook.creator = author;
  workbook.lastModifiedBy = author;
  workbook.created = when;
  workbook.modified = when;
  for (const sheet of sheets) {
    const ws = workbook.addWorksheet(sheet.name);
    // A merge is declared before its top row is committed: the streaming writer cannot go back to a written
    // row. Empty cells are left unset, so a merged-over cell is never given a value of its own.
    const merges = [...sheet.grid.merges].sort((a, b) => topRow(a) - topRow(b));
    let next = 0;
    sheet.grid.rows.forEach((cells, i) => {
      const row = ws.getRow(i + 1);
      cells.forEach((cell, j) => {
        if (cell !== '') row.getCell(j + 1).value = cell;
      });
      while (next < merges.length && topRow(merges[next]!) <= i + 1) ws.mergeCells(merges[next++]!);
      row.commit();
    });
    ws.commit();
  }
  await workbook.commit();
  writeFileSync(full, excelPartOrder(pinZipTimestamps(readFileSync(full), date)));
  return sheets.map((s) => ({ path, kind: s.kind, rows: s.grid.records, sheet: s.name }));
}
