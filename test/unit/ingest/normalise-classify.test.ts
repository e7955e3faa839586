// Tests for the content classifier: what a value is by validation, near-misses, and column verdicts.
import { describe, expect, it } from 'vitest';
import type { ContentType } from '../../../ingest/layout/types.ts';
import { classifyColumn, classifyValue } from '../../../ingest/normalise/classify.ts';
import { makeCreditCode } from '../../../ingest/normalise/creditcode.ts';
import { makeIdNumber } from '../../../ingest/normalise/idnumber.ts';

const ID = makeIdNumber('410102', '19900101', '123');
const UCC = makeCreditCode('91410100MA44RGYB1');

describe('classifyValue', () => {
  it.each<[string, ContentType]>([
    [ID, 'idNumber'],
    ['11010519491231002x', 'idNumber'],
    ['410102900101123', 'idNumber'],
    [UCC, 'creditCode'],
    ['6228480012345678/张三', 'accountAndName'],
    ['清风县财政局(33001616735059000123)', 'accountAndName'],
    ['13800138000', 'mobile'],
    ['138-0013-8000', 'mobile'],
    ['2025-01-05 10:28:38', 'datetime'],
    ['20250105102838', 'datetime'],
    ['2025年01月05日 10:28', 'datetime'],
    ['20250105', 'date'],
    ['2025.01.05', 'date'],
    ['2025年1月5日', 'date'],
    ['10:28:38', 'time'],
    ['10.28.38', 'time'],
    ['12.5%', 'ratio'],
    ['1,234.00', 'amount'],
    ['-¥1,234', 'amount'],
    ['1,234.00-', 'amount'],
    ['5000', 'amount'],
    ['45662', 'amount'],
    ['1234.5元', 'amount'],
    ['8.649', 'amount'],
    ['153.0000', 'amount'],
    ['6217000010001000', 'account'],
    ['6217 0000 1000 1000', 'account'],
    ['33001616735059000123', 'account'],
    ['借', 'direction'],
    ['贷方', 'direction'],
    ['支出', 'direction'],
    ['CR', 'direction'],
    ['不计收支', 'direction'],
    ['张三', 'personName'],
    ['欧阳建国', 'personName'],
    ['张 三', 'personName'],
    ['阿卜杜拉·买买提', 'personName'],
    ['清风农业科技有限公司', 'orgName'],
    ['清风县财政局', 'orgName'],
    ['清风村股份经济合作社', 'orgName'],
    ['中国农业银行清风支行', 'orgName'],
    ['清风镇人民政府', 'orgName'],
    ['清风县东风村村民委员会', 'orgName'],
    ['清风商贸有限公司(分公司)', 'orgName'],
    ['供销社', 'orgName'],
    ['2025年1月低保金发放', 'text'],
    ['转账', 'text'],
    ['工资', 'text'],
    ['利息', 'text'],
    ['手续费', 'text'],
    ['跨行转账', 'text'],
    ['劳务费', 'text'],
    ['余额', 'text'],
    ['安徽省', 'text'],
    ['Tencent', 'text'],
    ['', 'empty'],
    ['  ', 'empty'],
    ['-', 'empty'],
    ['无', 'empty'],
  ])('%j is %s', (value, type) => {
    expect(classifyValue(value)).toBe(type);
  });

  it('keeps near-misses out of the stricter types', () => {
    // A bad check digit: an 18-digit number, so an account, never an ID.
    const badCheck = `${ID.slice(0, 17)}${ID.endsWith('0') ? '1' : '0'}`;
    expect(classifyValue(badCheck)).toBe('account');
    // A credit code with a wrong check character is not proven to be one.
    const badUcc = `${UCC.slice(0, 17)}${UCC.endsWith('0') ? '1' : '0'}`;
    expect(classifyValue(badUcc)).not.toBe('creditCode');
    // 20250105 is a date, not twenty million yuan; 13800138000 is a mobile, not an account.
    expect(classifyValue('20250105')).toBe('date');
    expect(classifyValue('13800138000')).toBe('mobile');
    expect(classifyValue('20251305')).not.toBe('date');
    // A decimal with two dotted groups is an amount, not a time; five decimal places are no amount.
    expect(classifyValue('10.28')).toBe('amount');
    expect(classifyValue('3.14159')).toBe('text');
    expect(classifyValue('0012345')).toBe('text');
    expect(classifyValue('12345678')).toBe('amount');
    expect(classifyValue('123456789')).toBe('amount');
  });
});

describe('classifyColumn', () => {
  it('names the winning type, its share of non-empty values, and every count', () => {
    const result = classifyColumn(['20250105', '20250106', '', '20250107', '日期见附件']);
    expect(result).toEqual({ type: 'date', share: 0.75, counts: { date: 3, text: 1 } });
  });

  it('reads a card column with a few masked or mistyped numbers as accounts', () => {
    const values = ['6217000010001000', '6228480012345678', '6228 4800 1234 5678', '6217000010001', '不详'];
    const result = classifyColumn(values);
    expect(result.type).toBe('account');
    expect(result.share).toBe(1);
  });

  it('breaks a tie by precedence, the stricter type first', () => {
    expect(classifyColumn([ID, '张三']).type).toBe('idNumber');
    expect(classifyColumn(['张三', ID]).type).toBe('idNumber');
  });

  it('tells a column of names from a column of transaction summaries', () => {
    expect(classifyColumn(['张三', '李秀英', '欧阳建国', '王芳', '刘洋']).type).toBe('personName');
    const summaries = classifyColumn(['转账', '工资', '消费', '利息', 'ATM取款', '网银转账']);
    expect(summaries.type).toBe('text');
    expect(summaries.counts.personName).toBeUndefined();
  });

  it('calls a column with no value empty', () => {
    expect(classifyColumn(['', '-', ' '])).toEqual({ type: 'empty', share: 0, counts: { empty: 3 } });
    expect(classifyColumn([])).toEqual({ type: 'empty', share: 0, counts: {} });
  });

  it('classifies 50 samples of 18 columns quickly', () => {
    const row = [ID, UCC, '6228480012345678/张三', '13800138000', '2025-01-05 10:28:38', '1,234.00'];
    const columns = Array.from({ length: 18 }, (_, i) =>
      Array.from({ length: 50 }, () => row[i % row.length] ?? ''),
    );
    const started = performance.now();
    for (const column of columns) classifyColumn(column);
    expect(performance.now() - started).toBeLessThan(500);
  });
});
