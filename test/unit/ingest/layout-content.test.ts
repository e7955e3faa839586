// What each field's values should look like (ingest/layout/content.ts): the check a header's reading must pass.
import { describe, expect, it } from 'vitest';
import { expectedContent, fitShare, fitsField } from '../../../ingest/layout/content.ts';
import { makeCreditCode } from '../../../ingest/normalise/creditcode.ts';
import { makeIdNumber } from '../../../ingest/normalise/idnumber.ts';

const ID = makeIdNumber('330102', '19800101', '011');
const CODE = makeCreditCode('91330102MA2H20001');

describe('empty input', () => {
  it('no values, or only blanks, fit any field fully with nothing counted', () => {
    expect(fitShare('idNumber', [])).toEqual({ share: 1, count: 0 });
    expect(fitShare('idNumber', ['', '  '])).toEqual({ share: 1, count: 0 });
  });

  it('free fields expect nothing and take anything', () => {
    expect(expectedContent('memo')).toBeUndefined();
    expect(expectedContent('relation')).toBeUndefined();
    expect(fitsField('memo', '')).toBeUndefined();
    expect(fitShare('memo', ['任何', '文字'])).toEqual({ share: 1, count: 0 });
  });
});

describe('expectedContent, read from the field’s name', () => {
  it('a person’s own identifier is never a credit code; a holder’s or payee’s may be either', () => {
    expect(expectedContent('cadreId')).toEqual(['idNumber']);
    expect(expectedContent('relativeId')).toEqual(['idNumber']);
    expect(expectedContent('holderId')).toEqual(['idNumber', 'creditCode']);
    expect(expectedContent('payeeId')).toEqual(['idNumber', 'creditCode']);
    expect(expectedContent('creditCode')).toEqual(['creditCode']);
  });

  it('accounts, money, dates and names by their suffix', () => {
    expect(expectedContent('cpAccount')).toEqual(['account', 'accountAndName']);
    expect(expectedContent('accountNo')).toEqual(['account', 'accountAndName']);
    expect(expectedContent('credit')).toEqual(['amount']);
    expect(expectedContent('subscribed')).toEqual(['amount']);
    expect(expectedContent('deathDate')).toEqual(['date', 'datetime']);
    expect(expectedContent('payeeName')).toEqual(['personName', 'orgName', 'text']);
  });
});

describe('fitsField, as loose as the builders’ parsers', () => {
  it('identifiers by shape: a valid ID or code fits, a name does not', () => {
    expect(fitsField('idNumber', ID)).toBe(true);
    expect(fitsField('holderId', CODE)).toBe(true);
    expect(fitsField('idNumber', '张三')).toBe(false);
  });

  it('accounts grouped or combined with a name, amounts as written, dates and times as exported', () => {
    expect(fitsField('ownAccount', '6222 0202 0011 2233')).toBe(true);
    expect(fitsField('cpAccount', '6228480012345678901/张三')).toBe(true);
    expect(fitsField('amount', '¥1,234.50')).toBe(true);
    expect(fitsField('amount', 'abc')).toBe(false);
    expect(fitsField('date', '20250105')).toBe(true);
    expect(fitsField('date', '2025年1月5日')).toBe(true);
    expect(fitsField('date', '昨天')).toBe(false);
    expect(fitsField('time', '102838')).toBe(true);
    expect(fitsField('direction', '借')).toBe(true);
    expect(fitsField('name', '123')).toBe(false);
    expect(fitsField('phone', '0571-88888888')).toBe(true);
  });

  it('a number with a bad check digit is still an identifier: the builder quarantines it, with the reason', () => {
    expect(fitsField('idNumber', '330102800101011')).toBe(true);
    expect(fitsField('idNumber', '33010219800101011X')).toBe(true);
    expect(fitsField('creditCode', '91330102MA2H200010')).toBe(true);
  });

  it('a spreadsheet serial is a date; ratios as percent or fraction; amounts with 万', () => {
    expect(fitsField('date', '45662')).toBe(true);
    expect(fitsField('ratio', '35%')).toBe(true);
    expect(fitsField('ratio', '0.35')).toBe(true);
    expect(fitsField('ratio', '三成')).toBe(false);
    expect(fitsField('capital', '50万')).toBe(true);
    expect(fitsField('phone', '张三')).toBe(false);
  });

  it('fitShare counts only non-empty values', () => {
    expect(fitShare('idNumber', [ID, '张三', '', ID])).toEqual({ share: 2 / 3, count: 3 });
  });
});
