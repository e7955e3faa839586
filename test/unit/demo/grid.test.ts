// The demo's printed-table helpers: row numbering, 万元 text that keeps every fen, workbooks in Excel's part order.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  cnDate,
  compactDate,
  Grid,
  grouped,
  letter,
  wanDigits,
  yuan,
} from '../../../engine/demo/write/grid.ts';
import { writeWorkbook } from '../../../engine/demo/write/xlsx.ts';
import { parseAmount } from '../../../ingest/normalise/index.ts';
import { openTables } from '../../../ingest/readers/index.ts';

const dir = mkdtempSync(join(tmpdir(), 'qf-demo-grid-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('Grid', () => {
  it('numbers rows physically and counts only records as data', () => {
    const g = new Grid('明细');
    g.line('标题').merge('A', 'C');
    g.line('户名：张三');
    g.line('日期', '金额');
    expect(g.record(['2026-01-05', '1.00'])).toBe(4);
    g.line('合计', '1.00');
    expect(g.record(['2026-01-06', '2.00'])).toBe(6);
    expect(g.records).toBe(2);
    expect(g.merges).toEqual(['A1:C1']);
    expect(letter(0)).toBe('A');
    expect(letter(27)).toBe('AB');
  });

  it('puts facts printed apart on one line in their columns, blanks between, none after', () => {
    const g = new Grid();
    g.lineAt(['A', '账号：1'], ['D', '户名：张三'], ['G', '打印日期：2026-01-05']);
    g.lineAt(['B', 0]);
    expect(g.rows[0]).toEqual(['账号：1', '', '', '户名：张三', '', '', '打印日期：2026-01-05']);
    expect(g.rows[1]).toEqual(['', 0]);
    expect(g.records).toBe(0);
  });
});

describe('amounts and dates as written', () => {
  it('writes 万元 with every digit, so reading it back gives the same fen', () => {
    for (const fen of [1, 99, 100, 123_456, 5_200_000, 1_000_000, 987_654_321, -4_500]) {
      const read = parseAmount(`${wanDigits(fen)}万`);
      expect(read.ok && Math.round(read.value * 100), `${fen} → ${wanDigits(fen)}`).toBe(fen);
    }
    expect(wanDigits(5_200_000)).toBe('5.2');
    expect(yuan(-123_456)).toBe('-1234.56');
    expect(grouped(5_987_069)).toBe('59,870.69');
    expect(compactDate('2026-01-05')).toBe('20260105');
    expect(cnDate('2026-01-05')).toBe('2026年1月5日');
  });
});

describe('writeWorkbook', () => {
  it('puts the workbook part before the sheets, so every sheet is read with its name', async () => {
    const sheets = ['石桥村', '王庄村', '下溪村', '后山村', '西坑村'].map((name, i) => {
      const grid = new Grid(name);
      grid.line(`${name}集体资金支出明细账`).merge('A', 'C');
      grid.line('日期', '收款人', '金额');
      for (let n = 0; n <= i; n += 1) grid.record([`2026-01-0${n + 1}`, '张三', String(n + 1)]);
      return { name, kind: 'ledger' as const, grid };
    });
    const written = await writeWorkbook(dir, 'ledger.xlsx', sheets, '2026-06-30');
    expect(written.map((w) => w.rows)).toEqual([1, 2, 3, 4, 5]);
    const zip = readFileSync(join(dir, 'ledger.xlsx')).toString('latin1');
    expect(zip.indexOf('xl/workbook.xml')).toBeLessThan(zip.indexOf('xl/worksheets/sheet1.xml'));
    for (let attempt = 0; attempt < 5; attempt += 1) {
      const tables = await openTables(join(dir, 'ledger.xlsx'));
      expect(tables.map((t) => t.sheet)).toEqual(sheets.map((s) => s.name));
    }
    const again = await writeWorkbook(dir, 'again.xlsx', sheets, '2026-06-30');
    expect(again).toEqual(written.map((w) => ({ ...w, path: 'again.xlsx' })));
    expect(readFileSync(join(dir, 'again.xlsx')).equals(readFileSync(join(dir, 'ledger.xlsx')))).toBe(true);
  });
});
