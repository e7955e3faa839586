// Header meaning (ingest/layout/vocabulary.ts): spellings that mean the same field match, near misses do not.
import { describe, expect, it } from 'vitest';
import {
  type HeaderMatch,
  hasRole,
  headerForms,
  matchHeader,
  meaningOf,
  normaliseHeader,
  withoutBrackets,
} from '../../../ingest/layout/vocabulary.ts';
import { familyOf } from '../../../ingest/profiles/families.ts';
import type { Kind } from '../../../ingest/types.ts';

/** How `header` matches the aliases of `kind`'s `field`: every kind of match found, strongest reading first. */
function matches(header: string, kind: Kind, field: string): HeaderMatch[] {
  const forms = headerForms(header);
  const found = familyOf(kind).fields[field]!.aliases.map((alias) => matchHeader(forms, headerForms(alias)));
  return [...new Set(found.filter((m): m is HeaderMatch => m !== undefined))];
}

const means = (header: string, kind: Kind, field: string) => matches(header, kind, field).length > 0;

describe('header forms of empty or decorated input', () => {
  it('an empty header has empty forms and matches no alias, nor does any header match an empty alias', () => {
    expect(headerForms('')).toEqual({
      plain: '',
      bare: '',
      inline: '',
      meaning: '',
      bareMeaning: '',
      tokens: '',
    });
    expect(matchHeader(headerForms(''), headerForms('账号'))).toBeUndefined();
    expect(matchHeader(headerForms('账号'), headerForms(''))).toBeUndefined();
    expect(meaningOf('')).toBe('');
  });

  it('normalises width, 帐, brackets, case and decoration; brackets can be taken away', () => {
    expect(normaliseHeader(' 户　名（必填）* ')).toBe('户名(必填)');
    expect(normaliseHeader('帐号')).toBe('账号');
    expect(normaliseHeader('Account_No.')).toBe('accountno');
    expect(withoutBrackets('金额(万元)')).toBe('金额');
  });

  it('rewrites roles and attributes into tokens; a party named alone stands for its name', () => {
    expect(meaningOf(normaliseHeader('对方账号'))).toBe('{cp}<account>');
    expect(meaningOf('收款人')).toBe('{payee}<name>');
    expect(meaningOf('股东')).toBe('{holder}<name>');
    expect(meaningOf('身份证号/统一社会信用代码')).toBe('<id>');
    expect(hasRole('{cp}<account>')).toBe(true);
    expect(hasRole('<account>')).toBe(false);
  });
});

describe('spellings that mean the same field', () => {
  it.each(['股东证件号', '股东证照号码', '股东统一社会信用代码'])(
    '%s is the shareholder holderId',
    (header) => {
      expect(means(header, 'shareholder', 'holderId')).toBe(true);
    },
  );

  it('股东证件号 is a holder identifier by meaning, not by its spelling', () => {
    expect(matches('股东证件号', 'shareholder', 'holderId')).toEqual(['meaning']);
    expect(meaningOf(normaliseHeader('股东证件号'))).toBe('{holder}<id>');
  });

  it.each(['收款单位/个人', '收款人（单位）', '领款人'])('%s is the ledger payee name', (header) => {
    expect(means(header, 'ledger', 'payeeName')).toBe(true);
    expect(meaningOf(normaliseHeader(header))).toBe('{payee}<name>');
  });

  it('交易金额(收入) is a credit like 收入金额, 交易金额(支出) a debit; neither is the plain amount', () => {
    expect(headerForms('交易金额(收入)').tokens).toBe(headerForms('收入金额').tokens);
    expect(matches('交易金额(收入)', 'bank', 'credit')).toEqual(['tokens']);
    expect(means('交易金额(收入)', 'bank', 'debit')).toBe(false);
    expect(matches('交易金额(支出)', 'bank', 'debit')).toEqual(['tokens']);
    expect(means('交易金额(支出)', 'bank', 'credit')).toBe(false);
    expect(means('交易金额(收入)', 'bank', 'amount')).toBe(false);
  });

  it('收入/支出金额 names both sides: a plain (signed) amount, no side', () => {
    expect(meaningOf(normaliseHeader('收入/支出金额'))).toBe('<amount>');
    expect(means('收入/支出金额', 'bank', 'amount')).toBe(true);
    expect(means('收入/支出金额', 'bank', 'credit')).toBe(false);
    expect(means('收入/支出金额', 'bank', 'debit')).toBe(false);
  });
});

describe('near misses', () => {
  it('对方账号 is the counterparty account, not the statement’s own 账号', () => {
    expect(means('对方账号', 'bank', 'ownAccount')).toBe(false);
    expect(means('对方账号', 'bank', 'cpAccount')).toBe(true);
  });

  it('账户类型 is no account', () => {
    expect(means('账户类型', 'bank', 'ownAccount')).toBe(false);
    expect(means('账户类型', 'account', 'accountNo')).toBe(false);
  });

  it('身份证号码 is a person’s number, never a company’s 统一社会信用代码', () => {
    expect(means('身份证号码', 'company', 'creditCode')).toBe(false);
    expect(means('身份证号码', 'person', 'idNumber')).toBe(true);
  });

  it('交易名称 names a kind of movement, not anyone’s name (not even through the English alias `name`)', () => {
    expect(means('交易名称', 'person', 'name')).toBe(false);
    expect(means('交易名称', 'bank', 'ownName')).toBe(false);
    expect(means('交易名称', 'shareholder', 'holderName')).toBe(false);
    expect(means('项目名称', 'cadre', 'name')).toBe(false);
  });

  it('借记卡号 is a card number with no debit side', () => {
    expect(meaningOf(normaliseHeader('借记卡号'))).toBe('借记<account>');
    expect(means('借记卡号', 'bank', 'debit')).toBe(false);
    expect(means('借记卡号', 'bank', 'ownAccount')).toBe(true);
  });

  it('extra words may qualify an alias (交易金额 contains 金额) but not add another attribute', () => {
    expect(matchHeader(headerForms('交易金额'), headerForms('金额'))).toBe('contains');
    expect(matchHeader(headerForms('本次发生金额'), headerForms('金额'))).toBe('contains');
    expect(matchHeader(headerForms('金额'), headerForms('金额'))).toBe('exact');
    expect(matchHeader(headerForms('交易日期'), headerForms('金额'))).toBeUndefined();
  });

  it('账户余额 is a balance, never an account number', () => {
    expect(matchHeader(headerForms('账户余额'), headerForms('账号'))).toBeUndefined();
    expect(matchHeader(headerForms('账户余额'), headerForms('账户'))).toBeUndefined();
    expect(means('账户余额', 'account', 'accountNo')).toBe(false);
    expect(means('账户余额', 'bank', 'balance')).toBe(true);
  });
});
