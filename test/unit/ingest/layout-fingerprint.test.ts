// Header-set fingerprints (ingest/layout/fingerprint.ts): one export layout, one fingerprint, whatever its rows.
import { describe, expect, it } from 'vitest';
import { headerFingerprint } from '../../../ingest/layout/fingerprint.ts';
import { Profile } from '../../../ingest/profiles/profile.ts';

const STATEMENT = ['交易日期', '交易金额', '余额', '对方户名'];

describe('headerFingerprint', () => {
  it('an empty header set has a stable 12-hex fingerprint, the same as one of unnamed columns only', () => {
    const empty = headerFingerprint([]);
    expect(empty).toMatch(/^[0-9a-f]{12}$/);
    expect(headerFingerprint([])).toBe(empty);
    expect(headerFingerprint(['__col1', '__col2', ''])).toBe(empty);
    expect(headerFingerprint(STATEMENT)).not.toBe(empty);
  });

  it('column order does not matter', () => {
    expect(headerFingerprint([...STATEMENT].reverse())).toBe(headerFingerprint(STATEMENT));
  });

  it('unnamed __colN columns and #2 repeats do not count', () => {
    const base = headerFingerprint(STATEMENT);
    expect(headerFingerprint([...STATEMENT, '__col5', '__col9'])).toBe(base);
    expect(headerFingerprint([...STATEMENT, '余额#2'])).toBe(base);
  });

  it('spellings that normalise the same (width, 帐, spaces) count as one header', () => {
    expect(headerFingerprint(['交易日期', '帐号', ' 余 额 '])).toBe(
      headerFingerprint(['交易日期', '账号', '余额']),
    );
  });

  it('different headers differ', () => {
    expect(headerFingerprint(['交易日期', '交易金额', '余额', '对方账号'])).not.toBe(
      headerFingerprint(STATEMENT),
    );
    expect(headerFingerprint(['交易日期', '交易金额', '余额'])).not.toBe(headerFingerprint(STATEMENT));
  });
});

describe('a saved profile matched by fingerprint', () => {
  const profile = new Profile(
    {
      name: 'statement',
      kind: 'bank',
      idValidation: 'gb',
      match: { fingerprint: headerFingerprint(STATEMENT) },
      fields: { date: '交易日期', amount: '交易金额' },
    },
    'test',
  );

  it('matches the same layout with its columns moved and trailing unnamed columns', () => {
    expect(profile.matches(['余额', '对方户名', '交易日期', '交易金额', '__col5'], 'b.csv')).toBe(true);
  });

  it('does not match another layout, nor an empty header set', () => {
    expect(profile.matches(['交易日期', '交易金额', '余额'], 'b.csv')).toBe(false);
    expect(profile.matches([], 'b.csv')).toBe(false);
  });

  it('a profile with no fingerprint and no headers matches nothing', () => {
    const loose = new Profile({ name: 'loose', kind: 'bank', idValidation: 'gb', fields: {} }, 'test');
    expect(loose.matches(STATEMENT, 'a.csv')).toBe(false);
  });
});
