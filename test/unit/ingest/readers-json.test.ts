import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { openJson, openJsonl } from '../../../ingest/readers/json.ts';
import { collect, rows, scratch } from './reader-helpers.ts';

const { write } = scratch();

describe('openJson', () => {
  it('reads an array of objects with the union of keys as headers', async () => {
    const doc = [
      { 姓名: '张三', 金额: 12.5, 已核实: true },
      { 姓名: '李四', 地址: { 省: '浙江' }, 标签: ['a', 'b'], 金额: null },
    ];
    const path = write('people.json', JSON.stringify(doc));
    const table = await openJson(path);
    expect(table).toMatchObject({ file: path, format: 'json', encoding: 'utf-8' });
    expect(table.headers).toEqual(['姓名', '金额', '已核实', '地址', '标签']);
    expect(rows(await collect(table))).toEqual([
      [1, { 姓名: '张三', 金额: '12.5', 已核实: 'true', 地址: '', 标签: '' }],
      [2, { 姓名: '李四', 金额: '', 已核实: '', 地址: '{"省":"浙江"}', 标签: '["a","b"]' }],
    ]);
  });

  it('unwraps {"data": [...]} and picks a conventional name among several arrays', async () => {
    const single = await openJson(write('wrapped.json', JSON.stringify({ total: 1, data: [{ a: 1 }] })));
    expect(rows(await collect(single))).toEqual([[1, { a: '1' }]]);
    const rowsDoc = { rows: [{ b: 'x' }], errors: [], warnings: ['w'] };
    const several = await openJson(write('several.json', JSON.stringify(rowsDoc)));
    expect(rows(await collect(several))).toEqual([[1, { b: 'x' }]]);
  });

  it('keeps every digit of long integers written as JSON numbers', async () => {
    const text =
      '[{"卡号": 6222021234567890123, "id": -12345678901234567, "x": 1.5e300, "s": "12345678901234567890"}]';
    const table = await openJson(write('cards.json', text));
    expect(rows(await collect(table))).toEqual([
      [
        1,
        { 卡号: '6222021234567890123', id: '-12345678901234567', x: '1.5e+300', s: '12345678901234567890' },
      ],
    ]);
  });

  it('hands non-object elements over as __malformed', async () => {
    const table = await openJson(write('mixed.json', '[{"a": 1}, 42, [1, 2]]'));
    expect(rows(await collect(table))).toEqual([
      [1, { a: '1' }],
      [2, { __malformed: '42' }],
      [3, { __malformed: '[1,2]' }],
    ]);
  });

  it('reads GBK-encoded JSON', async () => {
    const table = await openJson(write('gbk.json', iconv.encode('[{"户名":"王五"}]', 'gbk')));
    expect(table.encoding).toBe('gb18030');
    expect(rows(await collect(table))).toEqual([[1, { 户名: '王五' }]]);
  });

  it('throws read.json for malformed or wrongly shaped files and read.empty for no records', async () => {
    await expect(openJson(write('bad.json', '[{"a": 1},'))).rejects.toMatchObject({ id: 'read.json' });
    await expect(openJson(write('scalar.json', '"text"'))).rejects.toMatchObject({ id: 'read.json' });
    await expect(openJson(write('ambiguous.json', '{"x": [1], "y": [2]}'))).rejects.toMatchObject({
      id: 'read.json',
    });
    await expect(openJson(write('none.json', '[]'))).rejects.toMatchObject({ id: 'read.empty' });
  });
});

describe('openJsonl', () => {
  it('streams one object per line, with line numbers and malformed lines kept', async () => {
    const text = '{"a":1,"b":"x"}\r\n\r\n{"a":2,"c":null}\r\nnot json {\r\n[1]\r\n{"b":"y"}\r\n';
    const path = write('events.jsonl', text);
    const table = await openJsonl(path);
    expect(table).toMatchObject({ format: 'jsonl', encoding: 'utf-8', headers: ['a', 'b', 'c'] });
    expect(rows(await collect(table))).toEqual([
      [1, { a: '1', b: 'x', c: '' }],
      [3, { a: '2', b: '', c: '' }],
      [4, { __malformed: 'not json {' }],
      [5, { __malformed: '[1]' }],
      [6, { a: '', b: 'y', c: '' }],
    ]);
  });

  it('takes headers from the first 1000 lines but still delivers later keys', async () => {
    const lines = Array.from({ length: 1200 }, (_, i) =>
      JSON.stringify(i === 1100 ? { n: i, late: 'yes' } : { n: i }),
    );
    const table = await openJsonl(write('long.ndjson', `${lines.join('\n')}\n`));
    expect(table.headers).toEqual(['n']);
    const records = await collect(table);
    expect(records).toHaveLength(1200);
    expect(records[1100]).toEqual({ file: table.file, row: 1101, values: { n: '1100', late: 'yes' } });
  });

  it('decodes GBK with a BOM-less file and keeps long integers exact', async () => {
    const table = await openJsonl(
      write('gbk.jsonl', iconv.encode('{"户名":"赵六","账号":6222021234567890123}\n', 'gbk')),
    );
    expect(table.encoding).toBe('gb18030');
    expect(rows(await collect(table))).toEqual([[1, { 户名: '赵六', 账号: '6222021234567890123' }]]);
  });

  it('throws read.empty when there is no line at all', async () => {
    await expect(openJsonl(write('blank.jsonl', '\n  \n'))).rejects.toMatchObject({ id: 'read.empty' });
  });

  it('fails with read.encoding when non-UTF-8 bytes appear after the sample', async () => {
    const head = `${'{"a":"abc"}\n'.repeat(7000)}`;
    const path = write(
      'late.jsonl',
      Buffer.concat([Buffer.from(head), iconv.encode('{"a":"张三"}\n', 'gbk')]),
    );
    const table = await openJsonl(path);
    await expect(collect(table)).rejects.toMatchObject({ id: 'read.encoding' });
  });
});
