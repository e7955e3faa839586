// A grid table given its real shape (ingest/layout/shape.ts): header located, preamble read, non-data rows marked.
import { describe, expect, it } from 'vitest';
import { sampleRecords, shapeTable } from '../../../ingest/layout/shape.ts';
import type { RawRow, SourceRecord, SourceTable } from '../../../ingest/readers/types.ts';

const ACCOUNT = '6228480012345678901';

/** A CSV-like table as a reader gives it: head rows, raw rows, and a first-row reading shape replaces. */
function grid(cells: string[][], file = 'x.csv'): SourceTable {
  const raw: RawRow[] = cells.map((c, i) => ({ row: i + 1, cells: c }));
  return {
    file,
    format: 'csv',
    headers: cells[0] ?? [],
    records: async function* () {},
    head: raw,
    rawRows: async function* () {
      yield* raw;
    },
  };
}

async function all(table: SourceTable): Promise<SourceRecord[]> {
  const out: SourceRecord[] = [];
  for await (const record of table.records()) out.push(record);
  return out;
}

describe('shapeTable on tables without a grid or without rows', () => {
  it('a table with no head (JSON) comes back as it is', () => {
    const json: SourceTable = {
      file: 'x.json',
      format: 'json',
      headers: ['a'],
      records: async function* () {},
    };
    expect(shapeTable(json)).toBe(json);
  });

  it('a grid with no rows has no headers, no layout rows and no records', async () => {
    const shaped = shapeTable(grid([]));
    expect(shaped.headers).toEqual([]);
    // The file's own name is offered like a title, even with no rows.
    expect(shaped.layout).toEqual({
      headerRows: [],
      headers: [],
      labelled: [{ label: '文件名', value: 'x', row: 0 }],
      preambleText: [],
    });
    expect(await all(shaped)).toEqual([]);
  });
});

describe('a statement with a title, an account block and a total', () => {
  const shaped = shapeTable(
    grid([
      ['城关镇低保金发放明细表（2024年第二季度）'],
      [`户名：张三 账号：${ACCOUNT}`],
      ['交易日期', '交易金额', '摘要'],
      ['2025-01-05', '100.00', '工资'],
      ['合计', '100.00', ''],
    ]),
  );

  it('takes its headers from the located row and reads the preamble, title and period as pairs', () => {
    expect(shaped.headers).toEqual(['交易日期', '交易金额', '摘要']);
    expect(shaped.layout?.headerRows).toEqual([3]);
    expect(shaped.layout?.labelled).toEqual([
      { label: '户名', value: '张三', row: 2 },
      { label: '账号', value: ACCOUNT, row: 2 },
      { label: '标题', value: '城关镇低保金', row: 1 },
      { label: '文件名', value: 'x', row: 0 },
      { label: '所属期间', value: '2024-04-01', row: 1 },
    ]);
    expect(shaped.layout?.preambleText).toEqual(['城关镇低保金发放明细表（2024年第二季度）']);
  });

  it('yields only the rows below the header, the total marked as skipped', async () => {
    const records = await all(shaped);
    expect(records.map((r) => [r.row, r.skip?.reason])).toEqual([
      [4, undefined],
      [5, 'total'],
    ]);
    expect(records[0]!.values).toEqual({ 交易日期: '2025-01-05', 交易金额: '100.00', 摘要: '工资' });
    expect(shaped.head?.map((r) => r.row)).toEqual([4, 5]);
  });

  it('samples data rows only', async () => {
    const sample = await sampleRecords(shaped);
    expect(sample.map((r) => r.row)).toEqual([4]);
  });
});

describe('a list with no title', () => {
  it('takes its programme and period from the file name', () => {
    const shaped = shapeTable(
      grid(
        [
          ['姓名', '金额'],
          ['张三', '100'],
        ],
        '/in/2024年5月低保发放花名册.csv',
      ),
    );
    expect(shaped.layout?.labelled).toEqual([
      { label: '文件名', value: '2024年5月低保', row: 0 },
      { label: '所属期间', value: '2024-05-01', row: 0 },
    ]);
  });
});
