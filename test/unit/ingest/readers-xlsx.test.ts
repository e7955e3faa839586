// XLSX reader: one table per non-empty sheet, cell values rendered as text, exact row numbers.
import fs from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { openXlsx, renderCell } from '../../../ingest/readers/xlsx.ts';
import { collect, scratch } from './reader-helpers.ts';

const { dir } = scratch();
const workbookPath = join(dir, 'case.xlsx');

beforeAll(async () => {
  const workbook = new ExcelJS.Workbook();
  const flows = workbook.addWorksheet('银行流水');
  flows.addRow([
    '交易日期',
    '交易金额',
    '身份证号',
    '交易时间',
    '摘要',
    '余额',
    '链接',
    '错误',
    '已核实',
    '备注',
    '备注',
  ]);
  flows.addRow([
    new Date(Date.UTC(2023, 0, 5)),
    1234.5,
    '110101199003077777',
    new Date(Date.UTC(2023, 0, 5, 13, 4, 5)),
    { richText: [{ text: '转账' }, { text: '给李四', font: { bold: true } }] },
    { formula: 'B2*2', result: 2469 },
    { text: '凭证', hyperlink: 'http://example.com/v/1' },
    { error: '#N/A' },
    true,
    '第一',
    '第二',
  ]);
  flows.addRow([]);
  flows.addRow([null, 0.1 + 0.2, 123456789012345, null, '   ']);
  const row5 = flows.addRow([
    { formula: 'TODAY()', result: new Date(Date.UTC(2024, 1, 2)) },
    0.00000015,
    null,
    null,
    null,
    -0,
  ]);
  row5.getCell(13).value = '多出来';
  const timeOnly = flows.getCell('D5');
  timeOnly.value = new Date(Date.UTC(1899, 11, 30, 8, 30, 0));
  timeOnly.numFmt = 'hh:mm:ss';

  const people = workbook.addWorksheet('人员');
  people.getCell('B3').value = '姓名';
  people.getCell('C3').value = '证件号';
  people.getCell('B4').value = '张三';
  people.getCell('C6').value = '11010119900307777X';

  workbook.addWorksheet('空表');
  await workbook.xlsx.writeFile(workbookPath);
});

describe('openXlsx', () => {
  it('opens one table per non-empty sheet, in workbook order', async () => {
    const tables = await openXlsx(workbookPath);
    expect(tables.map((t) => [t.sheet, t.format, t.file])).toEqual([
      ['银行流水', 'xlsx', workbookPath],
      ['人员', 'xlsx', workbookPath],
    ]);
    expect(tables[0]?.headers).toEqual([
      '交易日期',
      '交易金额',
      '身份证号',
      '交易时间',
      '摘要',
      '余额',
      '链接',
      '错误',
      '已核实',
      '备注',
      '备注#2',
    ]);
    expect(tables[1]?.headers).toEqual(['__col1', '姓名', '证件号']);
  });

  it('renders every kind of cell as text with physical row numbers', async () => {
    const [flows] = await openXlsx(workbookPath);
    if (!flows) throw new Error('missing sheet');
    const records = await collect(flows);
    const blank = {
      交易日期: '',
      交易金额: '',
      身份证号: '',
      交易时间: '',
      摘要: '',
      余额: '',
      链接: '',
      错误: '',
      已核实: '',
      备注: '',
      '备注#2': '',
    };
    expect(records).toEqual([
      {
        file: workbookPath,
        sheet: '银行流水',
        row: 2,
        values: {
          交易日期: '2023-01-05',
          交易金额: '1234.5',
          身份证号: '110101199003077777',
          交易时间: '2023-01-05 13:04:05',
          摘要: '转账给李四',
          余额: '2469',
          链接: '凭证',
          错误: '',
          已核实: 'true',
          备注: '第一',
          '备注#2': '第二',
        },
      },
      {
        file: workbookPath,
        sheet: '银行流水',
        row: 4,
        values: { ...blank, 交易金额: '0.3', 身份证号: '123456789012345', 摘要: '   ' },
      },
      {
        file: workbookPath,
        sheet: '银行流水',
        row: 5,
        values: {
          ...blank,
          交易日期: '2024-02-02',
          交易金额: '0.00000015',
          交易时间: '08:30:00',
          余额: '0',
          __extra2: '多出来',
          __extra1: '',
        },
      },
    ]);
  });

  it('reads a sheet whose table starts below and right of A1, alone', async () => {
    const tables = await openXlsx(workbookPath);
    const people = tables[1];
    if (!people) throw new Error('missing sheet');
    expect(await collect(people)).toEqual([
      { file: workbookPath, sheet: '人员', row: 4, values: { __col1: '', 姓名: '张三', 证件号: '' } },
      {
        file: workbookPath,
        sheet: '人员',
        row: 6,
        values: { __col1: '', 姓名: '', 证件号: '11010119900307777X' },
      },
    ]);
    // records() re-opens the workbook, so a second pass gives the same rows.
    expect((await collect(people)).map((r) => r.row)).toEqual([4, 6]);
  });

  it('keeps Chinese text intact across zip chunk boundaries in large sheets', async () => {
    const names: string[] = [];
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('名单');
    sheet.addRow(['姓名', '备注']);
    for (let i = 0; i < 20_000; i += 1) {
      const name = `${'张王李赵刘陈杨黄周吴'[i % 10]}测试姓名${i}`;
      names.push(name);
      // Inline-string-like variety so both sharedStrings.xml and the sheet XML are large.
      sheet.addRow([name, `备注${'中'.repeat(i % 7)}`]);
    }
    const path = join(dir, 'big.xlsx');
    await workbook.xlsx.writeFile(path);
    const [table] = await openXlsx(path);
    if (!table) throw new Error('missing sheet');
    const seen: string[] = [];
    for await (const record of table.records()) {
      seen.push(record.values.姓名 ?? '');
      expect(record.values.备注).not.toContain('\uFFFD');
    }
    expect(seen).toEqual(names);
  });

  it('rejects a legacy .xls renamed to .xlsx, a non-zip file and an all-empty workbook', async () => {
    const ole = join(dir, 'old.xlsx');
    fs.writeFileSync(ole, Buffer.from('d0cf11e0a1b11ae1000000000000', 'hex'));
    await expect(openXlsx(ole)).rejects.toMatchObject({ id: 'read.unsupported' });
    const text = join(dir, 'text.xlsx');
    fs.writeFileSync(text, '<html><body>not a workbook</body></html>');
    await expect(openXlsx(text)).rejects.toMatchObject({ id: 'read.xlsx' });
    const empty = new ExcelJS.Workbook();
    empty.addWorksheet('a');
    empty.addWorksheet('b');
    const emptyPath = join(dir, 'empty.xlsx');
    await empty.xlsx.writeFile(emptyPath);
    await expect(openXlsx(emptyPath)).rejects.toMatchObject({ id: 'read.empty' });
  });
});

describe('renderCell', () => {
  it('prints numbers in plain decimal form', () => {
    expect(renderCell(1e21, undefined, false)).toBe('1000000000000000000000');
    expect(renderCell(6222021234567890, undefined, false)).toBe('6222021234567890');
    expect(renderCell(-1.5e-7, undefined, false)).toBe('-0.00000015');
    expect(renderCell(2.0000000000000004, undefined, false)).toBe('2');
    expect(renderCell(Number.NaN, undefined, false)).toBe('');
  });

  it('handles formula results, errors and the 1904 date system', () => {
    expect(renderCell({ formula: 'A1', result: { error: '#DIV/0!' } }, undefined, false)).toBe('');
    expect(renderCell({ formula: 'A1', result: 'x' }, undefined, false)).toBe('x');
    expect(renderCell({ formula: 'A1' }, undefined, false)).toBe('');
    expect(renderCell({ sharedFormula: 'A1', result: 45324.5 }, 'yyyy"年"m"月"d"日"', false)).toBe(
      '2024-02-02 12:00:00',
    );
    expect(renderCell({ formula: 'A1', result: 0 }, 'yyyy-mm-dd', true)).toBe('00:00:00');
    expect(renderCell({ formula: 'A1', result: 1 }, '0.00"元"', false)).toBe('1');
    expect(renderCell(new Date(Date.UTC(2023, 5, 1, 9, 59, 59, 999)), undefined, false)).toBe(
      '2023-06-01 10:00:00',
    );
  });
});
