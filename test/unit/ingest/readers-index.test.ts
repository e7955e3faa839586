// openTables dispatch by extension and listInputFiles folder expansion.
import fs from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { listInputFiles, openTables } from '../../../ingest/readers/index.ts';

const dir = fs.mkdtempSync(join(os.tmpdir(), 'qf-'));

function write(name: string, content: string | Buffer = 'a\n1\n'): string {
  const path = join(dir, name);
  fs.mkdirSync(join(path, '..'), { recursive: true });
  fs.writeFileSync(path, content);
  return path;
}

describe('openTables', () => {
  it('dispatches on the extension, case-insensitively', async () => {
    const csv = await openTables(write('UPPER.CSV'));
    expect(csv.map((t) => [t.format, t.headers])).toEqual([['csv', ['a']]]);
    const tsv = await openTables(write('data.TSV', 'x\ty\n1\t2\n'));
    expect(tsv[0]).toMatchObject({ format: 'csv', delimiter: '\t', headers: ['x', 'y'] });
    const json = await openTables(write('data.Json', '[{"k": 1}]'));
    expect(json[0]).toMatchObject({ format: 'json', headers: ['k'] });
    const jsonl = await openTables(write('data.NDJSON', '{"k": 1}\n'));
    expect(jsonl[0]).toMatchObject({ format: 'jsonl', headers: ['k'] });

    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet('甲').addRow(['h']);
    workbook.addWorksheet('乙').addRow(['g']);
    const xlsxPath = join(dir, 'book.XLSX');
    await workbook.xlsx.writeFile(xlsxPath);
    const sheets = await openTables(xlsxPath);
    expect(sheets.map((t) => [t.format, t.sheet, t.headers])).toEqual([
      ['xlsx', '甲', ['h']],
      ['xlsx', '乙', ['g']],
    ]);
  });

  it('refuses .xls and other formats with read.unsupported, telling to save as .xlsx', async () => {
    const xls = openTables(write('old.xls', 'whatever'));
    await expect(xls).rejects.toMatchObject({ id: 'read.unsupported' });
    await expect(openTables(write('old2.xls', 'x'))).rejects.toThrow(/\.xlsx/);
    await expect(openTables(write('memo.doc', 'x'))).rejects.toMatchObject({ id: 'read.unsupported' });
    await expect(openTables(write('noext', 'x'))).rejects.toMatchObject({ id: 'read.unsupported' });
    await expect(openTables(dir)).rejects.toMatchObject({ id: 'read.unsupported' });
  });

  it('reports a missing path as read.missing', async () => {
    await expect(openTables(join(dir, 'nope.csv'))).rejects.toMatchObject({ id: 'read.missing' });
    await expect(listInputFiles([join(dir, 'nope')])).rejects.toMatchObject({ id: 'read.missing' });
  });
});

describe('listInputFiles', () => {
  it('expands folders recursively in sorted order, skipping hidden, lock and ingest output files', async () => {
    const root = join(dir, 'inbox');
    for (const name of [
      'b.csv',
      'a.xlsx',
      '2023/z.json',
      '2023/m.jsonl',
      '.hidden.csv',
      '.git/config',
      '~$a.xlsx',
      'bank_quarantine.csv',
      'ingest-summary.json',
      'quarantine-notes.txt',
    ]) {
      write(join('inbox', name));
    }
    const files = await listInputFiles([root]);
    expect(files).toEqual([
      join(root, '2023', 'm.jsonl'),
      join(root, '2023', 'z.json'),
      join(root, 'a.xlsx'),
      join(root, 'b.csv'),
      join(root, 'quarantine-notes.txt'),
    ]);
  });

  it('keeps explicitly named files in argument order and drops duplicates', async () => {
    const one = write('explicit/.named.csv');
    const two = write('explicit/two.csv');
    expect(await listInputFiles([two, one, join(dir, 'explicit')])).toEqual([two, one]);
  });
});
