// Bad-input rules without a store: formula neutralising, the zip directory, repeated columns, sign vs flag,
// implausible dates, formula keys, the limit settings, and the readers' limits with small values.
import { describe, expect, it } from 'vitest';
import { readSettings } from '../../../engine/settings.ts';
import { buildRow, fileContext } from '../../../ingest/build/index.ts';
import { plausibleDates } from '../../../ingest/load/table.ts';
import { csvCell, isFormulaLike, neutraliseCell, restoreCell } from '../../../ingest/normalise/formula.ts';
import { columnLetters, detectMapping } from '../../../ingest/profiles/detect.ts';
import { openTables } from '../../../ingest/readers/index.ts';
import { DEFAULT_READ_LIMITS } from '../../../ingest/readers/limits.ts';
import { uniqueHeaders } from '../../../ingest/readers/types.ts';
import { readZipDirectory } from '../../../ingest/readers/zipdir.ts';
import { workbook } from '../../fixtures/zip.ts';
import { collect, scratch } from './reader-helpers.ts';

const { write } = scratch();

describe('formula-like cells', () => {
  it('spots what a spreadsheet would run, but not plain signed numbers', () => {
    for (const text of ['=1+1', '+SUM(A1)', '-2+3', '@cmd', '\tx', '\rx', '=HYPERLINK("http://x")', '-'])
      expect(isFormulaLike(text), text).toBe(true);
    for (const text of ['-500', '+86', '-1,234.50', '1+1', 'abc', '', "'=x"])
      expect(isFormulaLike(text), text).toBe(false);
  });

  it('neutralises with a leading quote, quotes CSV cells, and restores exactly what was written', () => {
    expect(neutraliseCell('=1+1')).toBe("'=1+1");
    expect(neutraliseCell('-500')).toBe('-500');
    expect(csvCell('=1,2')).toBe(`"'=1,2"`);
    expect(csvCell(undefined)).toBe('');
    for (const text of ['=1+1', "'=1+1", "'plain", 'plain', '-500', '@x', "''"])
      expect(restoreCell(neutraliseCell(text)), text).toBe(text);
  });
});

describe('the zip central directory', () => {
  it('lists parts with their stated sizes, and finds none in a cut zip', async () => {
    const book = await workbook({ head: '<a>', repeat: Buffer.from('b'), times: 5_000_000, tail: '</a>' });
    const path = write('book.xlsx', book);
    const entries = await readZipDirectory(path, book.length);
    expect(entries?.find((e) => e.name === 'xl/worksheets/sheet1.xml')?.size).toBe(5_000_007);
    const cut = write('cut.xlsx', book.subarray(0, book.length - 30));
    expect(await readZipDirectory(cut, book.length - 30)).toBeUndefined();
  });
});

describe('repeated columns', () => {
  it('names columns by letter', () => {
    expect([0, 25, 26, 701, 702].map(columnLetters)).toEqual(['A', 'Z', 'AA', 'ZZ', 'AAA']);
  });

  it('refuses a file whose mapped column appears twice, naming both letters; an unread repeat is fine', () => {
    const headers = uniqueHeaders(['本方账号', '交易日期', '交易金额', '借贷标志', '交易金额']);
    expect(() => detectMapping('f.csv', headers)).toThrow(
      expect.objectContaining({
        id: 'ingest.duplicateColumn',
        details: expect.objectContaining({ columns: ['C', 'E'] }),
      }),
    );
    const fine = uniqueHeaders(['本方账号', '交易日期', '交易金额', '借贷标志', '备注', '备注']);
    expect(detectMapping('f.csv', fine).kind).toBe('bank');
  });
});

describe('bank rows', () => {
  const range = { earliest: '1949-01-01', latest: '2030-01-01' };
  const build = (fields: Record<string, string>) =>
    buildRow(
      { kind: 'bank', source: 'f.csv#2', file: 'f.csv', row: 2, fields },
      fileContext({ idValidation: 'gb', dateRange: range }),
    );
  const row = (over: Record<string, string>) => ({
    ownAccount: '6217000010001000',
    date: '2023-03-04',
    amount: '-500',
    direction: '借',
    cpAccount: '6217000020002000',
    ...over,
  });

  it('quarantines a negative amount flagged incoming, keeps one flagged outgoing', () => {
    const incoming = build(row({ direction: '贷' }));
    expect(incoming.ok ? '' : incoming.rejection.reason).toMatch(/^amount\.signFlag:/);
    expect(build(row({})).ok).toBe(true);
  });

  it('warns about dates outside the plausible range and keeps the rows', () => {
    for (const date of ['1900-01-01', '2099-01-01']) {
      const built = build(row({ date }));
      expect(built.ok && built.fragment.warnings.some((w) => w.startsWith('date: date.implausible'))).toBe(
        true,
      );
    }
    const today = build(row({}));
    expect(today.ok && today.fragment.warnings).toEqual([]);
  });

  it('quarantines formula-like account numbers', () => {
    for (const over of [{ ownAccount: '=1+1' }, { cpAccount: '@SUM(A1)' }] as Record<string, string>[]) {
      const built = build(row(over));
      expect(built.ok ? '' : built.rejection.reason).toMatch(/^key\.formula:/);
    }
  });

  it('computes the range from the settings: the earliest day to a year from today', () => {
    const limits = readSettings({}).ingestLimits;
    expect(plausibleDates(limits, new Date('2026-06-01T00:00:00Z'))).toEqual({
      earliest: '1949-01-01',
      latest: '2027-06-02',
    });
  });
});

describe('limit settings', () => {
  it('reads each limit from the environment and refuses nonsense', () => {
    const limits = readSettings({
      QINGFENG_INGEST_MAX_COLUMNS: '50',
      QINGFENG_INGEST_EARLIEST_DATE: '1990-01-01',
    }).ingestLimits;
    expect(limits).toMatchObject({ maxColumns: 50, earliestDate: '1990-01-01', maxRows: 5_000_000 });
    expect(() => readSettings({ QINGFENG_INGEST_MAX_CELL_CHARS: '0' })).toThrow(
      expect.objectContaining({ id: 'settings.invalid' }),
    );
    expect(() => readSettings({ QINGFENG_INGEST_EARLIEST_DATE: 'soon' })).toThrow(
      expect.objectContaining({ id: 'settings.invalid' }),
    );
  });
});

describe('reader limits, set small', () => {
  const small = {
    ...DEFAULT_READ_LIMITS,
    maxColumns: 3,
    maxCellChars: 10,
    maxRows: 2,
    maxLineKb: 1,
    maxSheetMb: 1,
  };
  const read = async (name: string, content: string) => {
    for (const table of await openTables(write(name, content), small)) await collect(table);
  };

  it('refuses wide rows, long cells and too many rows in every format', async () => {
    await expect(read('wide.csv', 'a,b\n1,2,3,4\n')).rejects.toMatchObject({ id: 'read.tooManyColumns' });
    await expect(read('cell.csv', 'a,b\n1,12345678901\n')).rejects.toMatchObject({ id: 'read.cellTooLong' });
    await expect(read('rows.csv', 'a\n1\n2\n3\n')).rejects.toMatchObject({ id: 'read.tooManyRows' });
    await expect(read('wide.json', '[{"a":1,"b":2,"c":3,"d":4}]')).rejects.toMatchObject({
      id: 'read.tooManyColumns',
    });
    await expect(read('cell.jsonl', '{"a":"12345678901"}\n')).rejects.toMatchObject({
      id: 'read.cellTooLong',
    });
    await expect(read('ok.csv', 'a,b\n1,2\n3,4\n')).resolves.toBeUndefined();
  });

  it('refuses a JSON Lines line and a CSV line past the line limit', async () => {
    await expect(read('long.jsonl', `{"a":"${'x'.repeat(2000)}"}\n`)).rejects.toMatchObject({
      id: 'read.lineTooLong',
    });
    await expect(read('long.csv', `a\n"${'x'.repeat(2000)}\n`)).rejects.toMatchObject({
      id: 'read.lineTooLong',
    });
  });

  it('refuses a .json file past a 32nd of the sheet limit', async () => {
    await expect(read('big.json', `[${'{"a":1},'.repeat(20_000)}{"a":1}]`)).rejects.toMatchObject({
      id: 'read.jsonTooLarge',
    });
  });
});
