// Bad-file limits the readers enforce (columns, cell and line length, rows, zip sizes), each breach a refusal.
import { basename } from 'node:path';
import { InvalidInputError } from '../../engine/errors.ts';
import { DEFAULT_SETTINGS, type IngestLimits } from '../../engine/settings.ts';
import type { SourceRecord, SourceTable } from './types.ts';

/** The reader's share of the settings' ingest limits. */
export type ReadLimits = Pick<
  IngestLimits,
  'maxColumns' | 'maxCellChars' | 'maxRows' | 'maxSheetMb' | 'maxLineKb'
>;

export const DEFAULT_READ_LIMITS: ReadLimits = DEFAULT_SETTINGS.ingestLimits;

const MIB = 1024 * 1024;

/**
 * Workbook parts other than sheets (shared strings, styles) are held in memory whole, at about six times their
 * size (126 MB of shared strings took 750 MB), and read twice (header pass, then rows in the build worker): so
 * they get an eighth of the sheet limit, 64 MiB by default, which keeps a run under 1 GiB.
 */
export function partLimitBytes(limits: ReadLimits, isSheet: boolean): number {
  return isSheet ? limits.maxSheetMb * MIB : Math.floor((limits.maxSheetMb * MIB) / 8);
}

/**
 * A refusal naming the file (its base name: the message may reach a client who must not learn server paths),
 * the limit and the setting that raises it. `where` is the row or part it was found in.
 */
export function limitError(
  id: string,
  file: string,
  what: { zh: string; en: string; limit: number | string; setting: string; where?: string },
): InvalidInputError {
  const name = basename(file);
  const at = what.where ? ` (${what.where})` : '';
  return new InvalidInputError(
    id,
    `${name}${at}：${what.zh}，上限 ${what.limit}（${what.setting}）/ ${name}${at}: ${what.en}, limit ${what.limit} (${what.setting})`,
    {
      details: {
        file: name,
        limit: what.limit,
        setting: what.setting,
        ...(what.where ? { where: what.where } : {}),
      },
    },
  );
}

export function tooManyColumns(file: string, columns: number, limits: ReadLimits, where?: string) {
  return limitError('read.tooManyColumns', file, {
    zh: `一行有 ${columns} 列，超过上限`,
    en: `a row has ${columns} columns`,
    limit: limits.maxColumns,
    setting: 'QINGFENG_INGEST_MAX_COLUMNS',
    ...(where ? { where } : {}),
  });
}

export function cellTooLong(file: string, limits: ReadLimits, where?: string) {
  return limitError('read.cellTooLong', file, {
    zh: '单元格内容过长',
    en: 'a cell is too long',
    limit: limits.maxCellChars,
    setting: 'QINGFENG_INGEST_MAX_CELL_CHARS',
    ...(where ? { where } : {}),
  });
}

export function tooManyRows(file: string, limits: ReadLimits, where?: string) {
  return limitError('read.tooManyRows', file, {
    zh: '行数超过上限',
    en: 'too many rows',
    limit: limits.maxRows,
    setting: 'QINGFENG_INGEST_MAX_ROWS',
    ...(where ? { where } : {}),
  });
}

/** Throws when positional cells exceed the column or cell-length limit; `where` names the row. */
export function checkCells(cells: readonly string[], file: string, limits: ReadLimits, where: string): void {
  if (cells.length > limits.maxColumns) throw tooManyColumns(file, cells.length, limits, where);
  for (const cell of cells) if (cell.length > limits.maxCellChars) throw cellTooLong(file, limits, where);
}

function place(record: SourceRecord): string {
  return record.sheet
    ? `${record.sheet} 第 ${record.row} 行 row ${record.row}`
    : `第 ${record.row} 行 row ${record.row}`;
}

/**
 * The same limits for every format, applied to what a reader hands out: the header width and the number of
 * records; for JSON also each record's width and cell lengths (the CSV and XLSX readers check their positional
 * cells themselves, before any record is built, so checking again here would only cost time).
 */
export function guardTable(table: SourceTable, limits: ReadLimits): SourceTable {
  if (table.headers.length > limits.maxColumns) {
    throw tooManyColumns(table.file, table.headers.length, limits, table.sheet);
  }
  const records = table.records;
  const cellsChecked = table.format === 'csv' || table.format === 'xlsx';
  return {
    ...table,
    async *records() {
      let count = 0;
      for await (const record of records()) {
        count += 1;
        if (count > limits.maxRows) throw tooManyRows(table.file, limits, table.sheet);
        if (cellsChecked) {
          yield record;
          continue;
        }
        const values = Object.values(record.values);
        if (values.length > limits.maxColumns) {
          throw tooManyColumns(table.file, values.length, limits, place(record));
        }
        for (const value of values)
          if (value.length > limits.maxCellChars) throw cellTooLong(table.file, limits, place(record));
        yield record;
      }
    },
  };
}
