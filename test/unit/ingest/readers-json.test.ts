import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { openTables } from '../../../ingest/readers/index.ts';
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
    expect(table.headers).toEqual(['姓名', '金额', '已核实', '地址.省', '标签']);
    expect(table.recordsPath).toBeUndefined();
    expect(rows(await collect(table))).toEqual([
      [1, { 姓名: '张三', 金额: '12.5', 已核实: 'true', '地址.省': '', 标签: '' }],
      [2, { 姓名: '李四', 金额: '', 已核实: '', '地址.省': '浙江', 标签: 'a、b' }],
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

describe('records inside a wrapper object', () => {
  it.each([
    [{ code: 0, msg: 'ok', data: { total: 2, list: [{ 名称: 'A' }, { 名称: 'B' }] } }, 'data.list'],
    [{ result: { items: [{ 名称: 'A' }, { 名称: 'B' }] } }, 'result.items'],
    [{ records: [{ 名称: 'A' }, { 名称: 'B' }] }, 'records'],
    // The largest array of objects wins over a short one, whatever its name.
    [{ meta: [{ k: 1 }], payload: { rows: { page: [{ 名称: 'A' }, { 名称: 'B' }] } } }, 'payload.rows.page'],
  ])('finds the records of %j at %s', async (doc, path) => {
    const table = await openJson(write(`wrapped-${path}.json`, JSON.stringify(doc)));
    expect(table.recordsPath).toBe(path);
    expect(rows(await collect(table))).toEqual([
      [1, { 名称: 'A' }],
      [2, { 名称: 'B' }],
    ]);
  });

  it('looks no deeper than three levels, and says read.empty for an empty list', async () => {
    const deep = { a: { b: { c: { d: [{ x: 1 }] } } } };
    await expect(openJson(write('deep.json', JSON.stringify(deep)))).rejects.toMatchObject({
      id: 'read.json',
    });
    const empty = { code: 0, data: { list: [] } };
    await expect(openJson(write('empty-list.json', JSON.stringify(empty)))).rejects.toMatchObject({
      id: 'read.empty',
    });
  });

  it('flattens nested records with dots, joins lists with 、 and keeps arrays of objects as JSON', async () => {
    const doc = {
      data: [
        {
          企业名称: '清风农业有限公司',
          股东: { 名称: '张三', 证件: { 号码: '11010519491231002X' } },
          经营范围: ['种植', '养殖', null],
          变更: [{ 日期: '2020-01-01' }],
        },
      ],
    };
    const table = await openJson(write('nested.json', JSON.stringify(doc)));
    expect(table.headers).toEqual(['企业名称', '股东.名称', '股东.证件.号码', '经营范围', '变更']);
    expect(rows(await collect(table))).toEqual([
      [
        1,
        {
          企业名称: '清风农业有限公司',
          '股东.名称': '张三',
          '股东.证件.号码': '11010519491231002X',
          经营范围: '种植、养殖',
          变更: '[{"日期":"2020-01-01"}]',
        },
      ],
    ]);
  });
});

describe('JSON or JSON Lines by content', () => {
  it('reads JSON Lines saved as .json line by line, with line numbers', async () => {
    const text = '{"名称":"A","注册资本":100}\n\n{"名称":"B","股东":{"名称":"张三"}}\n';
    const [table] = await openTables(write('register.json', text));
    expect(table?.format).toBe('jsonl');
    expect(table && rows(await collect(table))).toEqual([
      [1, { 名称: 'A', 注册资本: '100', '股东.名称': '' }],
      [3, { 名称: 'B', 注册资本: '', '股东.名称': '张三' }],
    ]);
  });

  it('reads one array saved as .jsonl, pretty-printed or on one line, as JSON', async () => {
    const pretty = JSON.stringify([{ a: 1 }, { a: 2 }], null, 2);
    for (const [name, text] of [
      ['pretty.jsonl', pretty],
      ['oneline.ndjson', JSON.stringify([{ a: 1 }, { a: 2 }])],
    ] as const) {
      const [table] = await openTables(write(name, text));
      expect(table?.format, name).toBe('json');
      expect(table && rows(await collect(table))).toEqual([
        [1, { a: '1' }],
        [2, { a: '2' }],
      ]);
    }
  });

  it('reads a pretty-printed wrapper as JSON and a one-line object by its extension', async () => {
    const wrapper = JSON.stringify({ data: { list: [{ a: 1 }] } }, null, 2);
    const [json] = await openTables(write('pretty-wrapper.jsonl', wrapper));
    expect(json?.format).toBe('json');
    expect(json?.recordsPath).toBe('data.list');
    const [single] = await openTables(write('single.jsonl', '{"a":1}\n'));
    expect(single?.format).toBe('jsonl');
    const [oneLineWrapper] = await openTables(write('one-line.json', '{"data":[{"a":1}]}'));
    expect(oneLineWrapper?.format).toBe('json');
  });
});
