// What masking hides and what it must leave: ID numbers by shape (valid or not), birth dates, raw IDs, look-alikes.
import { describe, expect, it } from 'vitest';
import { isIdNumber, looksLikeIdNumber, maskDeep, maskText } from '../../../engine/auth/masking.ts';
import { makeIdNumber } from '../../../ingest/normalise/idnumber.ts';

const VALID = makeIdNumber('330881', '19720713', '438');
const VALID_X = '11010519491231002X';

describe('ID-shaped numbers', () => {
  it.each([
    ['valid 18-digit', VALID, `330881********${VALID.slice(14)}`],
    ['valid with X', VALID_X, '110105********002X'],
    ['wrong check digit', '331199194002283361', '331199********3361'],
    ['impossible date (30 February)', '331199194402300147', '331199********0147'],
    ['15-digit old number', '330102720713123', '330102******123'],
    ['lower-case x', '11010519491231002x', '110105********002x'],
  ])('masks a %s', (_what, id, masked) => {
    expect(isIdNumber(VALID)).toBe(true);
    expect(looksLikeIdNumber(id)).toBe(true);
    expect(maskText(id)).toBe(masked);
    expect(maskText(`身份证号${id}无效`)).toBe(`身份证号${masked}无效`);
  });

  it.each([
    ['16-digit card', '6217000010001000'],
    ['19-digit card', '6228480402564890018'],
    ['19-digit card holding an ID-like run', `6${VALID}`],
    ['18-digit account, no date inside', '622202000066660000'],
    ['18-digit account, bad area code', '931101197207134381'],
    ['USCC with letters', '91330102MA2H000011'],
    ['all-digit USCC-like code', '913301020000000017'],
    ['mobile phone', '13812345678'],
    ['landline', '0571-87654321'],
    ['amount', '1234567890123.45'],
    ['17 digits', '33088119720713438'],
    ['transfer date', '2023-07-13'],
  ])('leaves a %s alone', (_what, text) => {
    expect(looksLikeIdNumber(text)).toBe(false);
    expect(maskText(text)).toBe(text);
    expect(maskText(`账号${text}转入`)).toBe(`账号${text}转入`);
  });
});

describe('birth dates', () => {
  it('keeps the year of a date a birth word introduces, in either language and any date format', () => {
    expect(maskText('性别：男；出生：1972-07-13')).toBe('性别：男；出生：1972');
    expect(maskText('Sex: M; Born: 1972-07-13')).toBe('Sex: M; Born: 1972');
    expect(maskText('身份证号记载出生日期1944-07-13，截至2024-06-30年满79周岁')).toBe(
      '身份证号记载出生日期1944，截至2024-06-30年满79周岁',
    );
    expect(maskText('The ID number gives birth date 1944-07-13: aged 79')).toBe(
      'The ID number gives birth date 1944: aged 79',
    );
    expect(maskText('生于1972年7月13日')).toBe('生于1972年');
    expect(maskText('{"name":"张三","birthDate":"1972-07-13"}')).toBe('{"name":"张三","birthDate":"1972"}');
  });

  it('masks a date derived from the birthday of an ID the sentence names, keeps other dates', () => {
    const text = `张三（身份证号${VALID}）自2052-07-13起即符合条件，2023-05-01转账`;
    expect(maskText(text)).toBe(
      `张三（身份证号330881********${VALID.slice(14)}）自2052起即符合条件，2023-05-01转账`,
    );
  });

  it('keeps transfer, payment and other dates with no birth word', () => {
    for (const text of [
      '2023-07-13转账120,000.00元',
      '发放日期2023-07-13',
      'paid on 1972-07-13',
      '成立：1972-07-13',
    ])
      expect(maskText(text)).toBe(text);
  });
});

describe('maskDeep by schema', () => {
  it('reduces birth-date properties to the year and masks raw IDs whatever their shape', () => {
    const masked = maskDeep({
      node: { props: { name: '张三', birthDate: '1972-07-13', deathDate: '2020-01-02', idNumber: VALID } },
      mention: { properties: { idNumberRaw: '3311991940022833', birthDate: null } },
      subjects: [{ key: 'M|x', idNumber: '331199 19400228 3361' }, { idNumber: '不详' }],
      transfers: [{ date: '2023-07-13', amount: 5000, accountNo: '6217000010001000' }],
    });
    expect(masked).toEqual({
      node: {
        props: {
          name: '张三',
          birthDate: '1972',
          deathDate: '2020-01-02',
          idNumber: `330881********${VALID.slice(14)}`,
        },
      },
      mention: { properties: { idNumberRaw: '331199******2833', birthDate: null } },
      subjects: [{ key: 'M|x', idNumber: '331199**********3361' }, { idNumber: '不详' }],
      transfers: [{ date: '2023-07-13', amount: 5000, accountNo: '6217000010001000' }],
    });
  });

  it('reduces a date of a record falling on the birthday of an ID it names, keeps its other dates', () => {
    const born0501 = makeIdNumber('331199', '19400501', '157');
    const masked = `331199********${born0501.slice(14)}`;
    const clue = { period: { from: '2020-05-01', to: '2026-06-30' }, subjects: [{ key: born0501 }] };
    expect(maskDeep(clue)).toEqual({
      period: { from: '2020', to: '2026-06-30' },
      subjects: [{ key: masked }],
    });
    const reportClue = { period: '2020-05-01 — 2026-06-30', summary: `谭健旭（身份证号${born0501}）` };
    expect(maskDeep(reportClue).period).toBe('2020 — 2026-06-30');
    const transfer = { date: '2026-01-15', from: born0501, raisedAt: '2026-05-01T10:00:00Z' };
    expect(maskDeep(transfer)).toEqual({
      date: '2026-01-15',
      from: masked,
      raisedAt: '2026-05-01T10:00:00Z',
    });
  });

  it('reduces a bare birth date anywhere in an answer that shows whose it is, keeps other dates', () => {
    const answer = {
      columns: ['name', 'born', 'paid'],
      rows: [{ name: '张三', born: '1972-07-13', paid: '2023-07-13' }],
      graph: { nodes: [{ key: VALID, props: { name: '张三' } }] },
    };
    expect(maskDeep(answer).rows).toEqual([{ name: '张三', born: '1972', paid: '2023-07-13' }]);
  });

  it('is idempotent: masking a masked answer changes nothing', () => {
    const once = maskDeep({ s: `出生：1972-07-13；${VALID}；331199194002283361`, birthDate: '1972-07-13' });
    expect(maskDeep(once)).toEqual(once);
  });
});
