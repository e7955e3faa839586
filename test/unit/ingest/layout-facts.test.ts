// Preamble facts given meaning (ingest/layout/facts.ts): places, periods, titles, a statement's holder, units.
import { describe, expect, it } from 'vitest';
import {
  periodStart,
  preambleFacts,
  preambleUnit,
  splitPlace,
  titleName,
} from '../../../ingest/layout/facts.ts';
import { familyOf } from '../../../ingest/profiles/families.ts';

const ACCOUNT = '6222020200112233445';

/** Label/value pairs on consecutive rows, as readPreamble gives them. */
function pairs(...list: [string, string][]) {
  return list.map(([label, value], i) => ({ label, value, row: i + 1 }));
}

describe('empty input', () => {
  it('an empty text names no place, no period and no title', () => {
    expect(splitPlace('')).toEqual({});
    expect(periodStart('')).toBeUndefined();
    expect(titleName('')).toBe('');
  });

  it('no pairs give no facts and no unit', () => {
    expect(preambleFacts(familyOf('bank'), [], new Set())).toEqual([]);
    expect(preambleUnit([])).toBeUndefined();
  });
});

describe('splitPlace', () => {
  it('reads a collective’s name as its town and village', () => {
    expect(splitPlace('东风镇红旗村股份经济合作社')).toEqual({ town: '东风镇', village: '红旗村' });
    expect(splitPlace('某某县东风镇红旗村股份经济合作社')).toEqual({ town: '东风镇', village: '红旗村' });
    expect(splitPlace('某某市城南街道幸福社区居民委员会')).toEqual({ town: '城南街道', village: '幸福社区' });
  });

  it('a village alone has no town; a text without 村 names no village', () => {
    expect(splitPlace('红旗村')).toEqual({ village: '红旗村' });
    expect(splitPlace('东风镇人民政府')).toEqual({});
    expect(splitPlace('某某商贸有限公司')).toEqual({});
  });
});

describe('periodStart', () => {
  it.each([
    ['2024年第二季度', '2024-04-01'],
    ['2025年第一季度', '2025-01-01'],
    ['2024年4季度', '2024-10-01'],
    ['2024年5月', '2024-05-01'],
    ['2024年12月发放表', '2024-12-01'],
    ['2024年度', '2024-01-01'],
    ['2024年', '2024-01-01'],
  ])('%s starts on %s', (text, day) => {
    expect(periodStart(text)).toBe(day);
  });

  it('names no period without a year, nor for a month that does not exist', () => {
    expect(periodStart('特困人员花名册')).toBeUndefined();
    expect(periodStart('第二季度')).toBeUndefined();
    expect(periodStart('2024年13月')).toBeUndefined();
  });
});

describe('titleName', () => {
  it('drops the bracketed period and the form word', () => {
    expect(titleName('XX镇特困人员救助供养金发放表（2025年第一季度）')).toBe('XX镇特困人员救助供养金');
    expect(titleName('耕地地力保护补贴发放明细表')).toBe('耕地地力保护补贴');
    expect(titleName('干部花名册')).toBe('干部');
    expect(titleName('低保')).toBe('低保');
  });
});

describe('preambleFacts for a bank statement', () => {
  const bank = familyOf('bank');

  it('户名 and 账号 are the statement’s own holder and account; 起止日期 is never a movement’s date', () => {
    const facts = preambleFacts(
      bank,
      pairs(
        ['户名', '张三'],
        ['账号', ACCOUNT],
        ['起止日期', '2025-01-01 至 2025-03-31'],
        ['币种', '人民币'],
      ),
      new Set(),
    );
    expect(facts).toEqual([
      { field: 'ownName', value: '张三', row: 1, label: '户名' },
      { field: 'ownAccount', value: ACCOUNT, row: 2, label: '账号' },
      { field: 'currency', value: '人民币', row: 4, label: '币种' },
    ]);
    expect(facts.some((f) => f.field === 'date' || f.field === 'time')).toBe(false);
  });

  it('reads the preamble-only spellings (卡号/账号, 客户名称) and skips fields a column already gives', () => {
    const facts = preambleFacts(
      bank,
      pairs(['客户名称', '张三'], ['卡号/账号', ACCOUNT]),
      new Set(['ownAccount']),
    );
    expect(facts).toEqual([{ field: 'ownName', value: '张三', row: 1, label: '客户名称' }]);
  });

  it('the first pair for a field wins', () => {
    const facts = preambleFacts(bank, pairs(['户名', '张三'], ['客户名称', '李四']), new Set());
    expect(facts.map((f) => [f.field, f.value])).toEqual([['ownName', '张三']]);
  });
});

describe('preambleFacts for a ledger', () => {
  const ledger = familyOf('ledger');

  it('单位：…合作社 gives the village and its town; 金额单位：万元 the unit 10000', () => {
    const facts = preambleFacts(
      ledger,
      pairs(['单位', '东风镇红旗村股份经济合作社'], ['金额单位', '万元']),
      new Set(),
    );
    expect(facts).toEqual([
      { field: 'village', value: '红旗村', row: 1, label: '单位' },
      { field: 'town', value: '东风镇', row: 1, label: '单位' },
      { field: 'unit', value: '10000', row: 2, label: '金额单位' },
    ]);
    expect(preambleUnit(facts)).toBe(10000);
  });

  it('单位：元 is a unit of 1 and no village; a village column leaves the preamble village unread', () => {
    const facts = preambleFacts(
      ledger,
      pairs(['单位', '元'], ['核算单位', '红旗村股份经济合作社']),
      new Set(['village']),
    );
    expect(facts).toEqual([{ field: 'unit', value: '1', row: 1, label: '单位' }]);
  });
});
