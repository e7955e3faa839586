import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { detectDelimiter, openCsv } from '../../../ingest/readers/csv.ts';
import { collect, rows, scratch } from './reader-helpers.ts';

const { write } = scratch();

describe('openCsv', () => {
  it('reads plain UTF-8 with LF endings', async () => {
    const path = write('plain.csv', 'name,amount\nalice,10\nbob,20\n');
    const table = await openCsv(path);
    expect(table).toMatchObject({ file: path, format: 'csv', encoding: 'utf-8', delimiter: ',' });
    expect(table.headers).toEqual(['name', 'amount']);
    expect(rows(await collect(table))).toEqual([
      [2, { name: 'alice', amount: '10' }],
      [3, { name: 'bob', amount: '20' }],
    ]);
  });

  it('strips a UTF-8 BOM from the first header and reports utf-8-bom', async () => {
    const path = write('bom.csv', '\uFEFF姓名,身份证号\n张三,110101199003077777\n');
    const table = await openCsv(path);
    expect(table.encoding).toBe('utf-8-bom');
    expect(table.headers).toEqual(['姓名', '身份证号']);
    expect(rows(await collect(table))).toEqual([[2, { 姓名: '张三', 身份证号: '110101199003077777' }]]);
  });

  it('decodes GBK files with Chinese headers as gb18030', async () => {
    const text =
      '交易日期,交易金额,对方户名\r\n2023-01-05,1200.50,李四\r\n2023-01-06,-30,北京某某科技有限公司\r\n';
    const table = await openCsv(write('gbk.csv', iconv.encode(text, 'gbk')));
    expect(table.encoding).toBe('gb18030');
    expect(table.headers).toEqual(['交易日期', '交易金额', '对方户名']);
    expect(rows(await collect(table))).toEqual([
      [2, { 交易日期: '2023-01-05', 交易金额: '1200.50', 对方户名: '李四' }],
      [3, { 交易日期: '2023-01-06', 交易金额: '-30', 对方户名: '北京某某科技有限公司' }],
    ]);
  });

  it('decodes GBK before splitting, so a trail byte equal to "|" does not cut a pipe-delimited cell', async () => {
    // 億 is 0x83 0x7C in GBK: its second byte is the pipe character.
    const path = write('gbk.psv', iconv.encode('户名|金额\n王億|5\n', 'gbk'));
    const table = await openCsv(path);
    expect(table.delimiter).toBe('|');
    expect(rows(await collect(table))).toEqual([[2, { 户名: '王億', 金额: '5' }]]);
  });

  it('detects tab and pipe delimiters from the header line', async () => {
    const tsv = await openCsv(write('tab.txt', 'a\tb\tc\n1\t2,5\t3\n'));
    expect(tsv.delimiter).toBe('\t');
    expect(rows(await collect(tsv))).toEqual([[2, { a: '1', b: '2,5', c: '3' }]]);
    const psv = await openCsv(write('pipe.csv', 'a|b\n"x|y"|2\n'));
    expect(psv.delimiter).toBe('|');
    expect(rows(await collect(psv))).toEqual([[2, { a: 'x|y', b: '2' }]]);
  });

  it('counts delimiters outside quotes only, and falls back by extension', () => {
    expect(detectDelimiter('"a,b,c";d;e\n1,2,3,4,5')).toBe(';');
    expect(detectDelimiter('\n\nx|y,z|w\n')).toBe('|');
    expect(detectDelimiter('single\n', '\t')).toBe('\t');
    expect(detectDelimiter('a\tb,c\td\n')).toBe('\t');
  });

  it('handles RFC 4180 quoting: embedded delimiters, newlines and doubled quotes', async () => {
    const text = 'id,memo,amount\n1,"a, b",5\n2,"line one\nline two","6"\n3,"say ""hi""",7\n4,plain,8\n';
    const records = await collect(await openCsv(write('quoted.csv', text)));
    expect(rows(records)).toEqual([
      [2, { id: '1', memo: 'a, b', amount: '5' }],
      [3, { id: '2', memo: 'line one\nline two', amount: '6' }],
      [5, { id: '3', memo: 'say "hi"', amount: '7' }],
      [6, { id: '4', memo: 'plain', amount: '8' }],
    ]);
  });

  it('gives physical line numbers with CRLF, quoted CRLF and skipped blank lines', async () => {
    const text = 'h1,h2\r\n\r\na,b\r\n"x\r\ny",z\r\n\r\n,\r\n   \r\nc,d\r\ne,f';
    const records = await collect(await openCsv(write('crlf.csv', text)));
    expect(rows(records)).toEqual([
      [3, { h1: 'a', h2: 'b' }],
      [4, { h1: 'x\r\ny', h2: 'z' }],
      [9, { h1: 'c', h2: 'd' }],
      [10, { h1: 'e', h2: 'f' }],
    ]);
  });

  it('keeps counting lines right when a file mixes CRLF, LF and blank lines before the header', async () => {
    const records = await collect(await openCsv(write('mixed.csv', '\n\nk,v\r\na,1\nb,2\r\nc,3\n')));
    expect(rows(records)).toEqual([
      [4, { k: 'a', v: '1' }],
      [5, { k: 'b', v: '2' }],
      [6, { k: 'c', v: '3' }],
    ]);
  });

  it('pads short rows and puts surplus cells under __extraN instead of failing', async () => {
    const text = 'a,b,c\n1\n1,2,3,4,,6\n1,2,3,\n1,2,3,,\n';
    const records = await collect(await openCsv(write('ragged.csv', text)));
    expect(rows(records)).toEqual([
      [2, { a: '1', b: '', c: '' }],
      [3, { a: '1', b: '2', c: '3', __extra1: '4', __extra2: '', __extra3: '6' }],
      // A trailing delimiter carries no data, so it does not make the row look broken.
      [4, { a: '1', b: '2', c: '3' }],
      [5, { a: '1', b: '2', c: '3' }],
    ]);
  });

  it('makes duplicate and empty headers unique, trimming them', async () => {
    const table = await openCsv(write('dupes.csv', ' 备注 ,金额,备注,,备注\n1,2,3,4,5\n'));
    expect(table.headers).toEqual(['备注', '金额', '备注#2', '__col4', '备注#3']);
    expect(rows(await collect(table))).toEqual([
      [2, { 备注: '1', 金额: '2', '备注#2': '3', __col4: '4', '备注#3': '5' }],
    ]);
  });

  it('keeps a header-only file as a table without records', async () => {
    const table = await openCsv(write('header-only.csv', 'a,b\r\n'));
    expect(table.headers).toEqual(['a', 'b']);
    expect(await collect(table)).toEqual([]);
  });

  it('rejects an empty file with read.empty', async () => {
    await expect(openCsv(write('empty.csv', '\n\r\n'))).rejects.toMatchObject({ id: 'read.empty' });
    await expect(openCsv(write('zero.csv', ''))).rejects.toMatchObject({ id: 'read.empty' });
  });

  it('reports an unclosed quote as read.csv', async () => {
    const table = await openCsv(write('unclosed.csv', 'a,b\n1,"open\n2,3\n'));
    await expect(collect(table)).rejects.toMatchObject({ id: 'read.csv' });
  });

  it('fails with read.encoding when GBK bytes appear after an ASCII-only first 64 KiB', async () => {
    const ascii = `id,name\n${'1,abc\n'.repeat(12_000)}`;
    const path = write('late-gbk.csv', Buffer.concat([Buffer.from(ascii), iconv.encode('2,张三\n', 'gbk')]));
    const table = await openCsv(path);
    expect(table.encoding).toBe('utf-8');
    await expect(collect(table)).rejects.toMatchObject({ id: 'read.encoding' });
  });

  it('reads UTF-16LE "Unicode text" exports from Excel', async () => {
    const body = Buffer.concat([
      Buffer.from([0xff, 0xfe]),
      Buffer.from('姓名\t金额\r\n张三\t5\r\n', 'utf16le'),
    ]);
    const table = await openCsv(write('unicode.txt', body));
    expect(table).toMatchObject({ encoding: 'utf-16le', delimiter: '\t', headers: ['姓名', '金额'] });
    expect(rows(await collect(table))).toEqual([[2, { 姓名: '张三', 金额: '5' }]]);
  });

  it('can stop early and read the same table again', async () => {
    const table = await openCsv(write('twice.csv', 'a\n1\n2\n3\n'));
    for await (const record of table.records()) {
      expect(record.row).toBe(2);
      break;
    }
    expect((await collect(table)).map((r) => r.values.a)).toEqual(['1', '2', '3']);
  });
});
