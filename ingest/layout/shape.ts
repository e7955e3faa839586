// Gives a grid table (CSV, XLSX sheet) its real shape: the located header, the preamble, and data rows told apart.
import { basename } from 'node:path';
import type { RawRow, SourceRecord, SourceTable } from '../readers/types.ts';
import { buildValues } from '../readers/types.ts';
import { FILE_LABEL, PERIOD_LABEL, periodStart, TITLE_LABEL, titleName } from './facts.ts';
import { isKnownLabel, locateHeader } from './locate.ts';
import { preambleText, readPreamble } from './preamble.ts';
import { nonDataReason } from './rows.ts';
import { normaliseHeader } from './vocabulary.ts';

/** Rows of data looked at to judge what each column holds. */
export const SAMPLE_ROWS = 50;

/**
 * The table as it really is: headers from the located header row(s) (joined for two-level headers), records only
 * from the rows below them, each non-data row (a total, a footer) marked with `skip` rather than dropped, so the
 * counts still add up. Tables without a grid (JSON) come back as they are.
 */
export function shapeTable(table: SourceTable): SourceTable {
  const { head, rawRows } = table;
  if (!head || !rawRows) return table;
  const located = locateHeader(head);
  const headers = located.headers;
  const last = located.headerRows.at(-1) ?? 0;
  const labelled = readPreamble(located.above, isKnownLabel);
  const texts = preambleText(located.above, labelled);
  // The title is offered as a fact too: for a roster it names the programme the whole list pays.
  const title = texts[0] !== undefined ? titleName(texts[0]) : '';
  if (title) labelled.push({ label: TITLE_LABEL, value: title, row: located.above[0]?.row ?? 0 });
  // The file's own name is the last word on what it holds (`2025年1月低保发放花名册.xlsx`): offered like a title.
  const named = titleName(basename(table.file).replace(/\.[^.]+$/, ''));
  if (named) labelled.push({ label: FILE_LABEL, value: named, row: 0 });
  // The period the title names (`（2024年第二季度）`), as its first day, for lists that give no date per row.
  const period = periodStart(texts[0] ?? '') ?? periodStart(named);
  if (period) labelled.push({ label: PERIOD_LABEL, value: period, row: located.above[0]?.row ?? 0 });
  const headerKeys = new Set(
    [...headers, ...(located.subs ?? [])]
      .map((h) => normaliseHeader(h))
      .filter((h) => h && !h.startsWith('__col')),
  );
  const toRecord = (raw: RawRow): SourceRecord => {
    const record: SourceRecord = {
      file: table.file,
      ...(table.sheet ? { sheet: table.sheet } : {}),
      row: raw.row,
      values: buildValues(headers, raw.cells),
    };
    const skip = nonDataReason(raw.cells, headerKeys);
    if (skip) record.skip = skip;
    return record;
  };
  async function* records(): AsyncGenerator<SourceRecord> {
    for await (const raw of rawRows!()) if (raw.row > last) yield toRecord(raw);
  }
  return {
    ...table,
    headers,
    records,
    ...(located.subs ? { subs: located.subs } : {}),
    layout: {
      headerRows: located.headerRows,
      headers,
      labelled,
      preambleText: texts,
    },
    // The head rows below the header serve as the sample without reading the file again.
    head: head.filter((r) => r.row > last),
  };
}

/** Up to SAMPLE_ROWS data records (non-data rows left out), from the head when there is one. */
export async function sampleRecords(table: SourceTable): Promise<SourceRecord[]> {
  const out: SourceRecord[] = [];
  if (table.head && table.layout) {
    const headerKeys = new Set(table.headers.map((h) => normaliseHeader(h)));
    for (const raw of table.head) {
      if (nonDataReason(raw.cells, headerKeys)) continue;
      out.push({ file: table.file, row: raw.row, values: buildValues(table.headers, raw.cells) });
      if (out.length >= SAMPLE_ROWS) break;
    }
    return out;
  }
  for await (const record of table.records()) {
    if (record.skip) continue;
    out.push(record);
    if (out.length >= SAMPLE_ROWS) break;
  }
  return out;
}
