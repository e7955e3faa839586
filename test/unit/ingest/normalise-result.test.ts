// Tests for the Parsed<T> result helpers shared by the ingest normalisers.
import { describe, expect, it } from 'vitest';
import { EngineError } from '../../../engine/errors.ts';
import {
  coded,
  codeOf,
  fail,
  isOk,
  mapParsed,
  ok,
  type Parsed,
  unwrap,
  valueOr,
  withWarning,
} from '../../../ingest/normalise/result.ts';

describe('ok / fail', () => {
  it('omits the warning key when there is none', () => {
    const result = ok(42);
    expect(result).toEqual({ ok: true, value: 42 });
    expect(Object.keys(result)).toEqual(['ok', 'value']);
  });

  it('keeps a warning when given', () => {
    expect(ok('x', 'ucc.checksum: mismatch')).toEqual({
      ok: true,
      value: 'x',
      warning: 'ucc.checksum: mismatch',
    });
  });

  it('builds failures with the reason verbatim', () => {
    expect(fail('id.length: too short')).toEqual({ ok: false, reason: 'id.length: too short' });
  });
});

describe('coded / codeOf', () => {
  it('round-trips a code through a message', () => {
    const message = coded('date.invalid', 'no such date 2023-02-30');
    expect(message).toBe('date.invalid: no such date 2023-02-30');
    expect(codeOf(message)).toBe('date.invalid');
  });

  it('takes only the text before the first colon, even if the text has colons', () => {
    expect(codeOf('date.invalid: no such time 24:00:00')).toBe('date.invalid');
  });

  it('treats a message without a colon as all code', () => {
    expect(codeOf('phone.format')).toBe('phone.format');
  });
});

describe('combinators', () => {
  const good: Parsed<number> = ok(2);
  const bad: Parsed<number> = fail('amount.format: nope');

  it('mapParsed transforms successes and keeps their warning', () => {
    expect(mapParsed(ok(2, 'w: x'), (n) => n * 10)).toEqual({ ok: true, value: 20, warning: 'w: x' });
  });

  it('mapParsed passes failures through without calling the function', () => {
    let called = false;
    const mapped = mapParsed(bad, (n) => {
      called = true;
      return n;
    });
    expect(called).toBe(false);
    expect(mapped).toEqual({ ok: false, reason: 'amount.format: nope' });
  });

  it('withWarning adds, joins, and ignores failures', () => {
    expect(withWarning(good, 'a: one')).toEqual({ ok: true, value: 2, warning: 'a: one' });
    expect(withWarning(ok(2, 'a: one'), 'b: two')).toEqual({ ok: true, value: 2, warning: 'a: one; b: two' });
    expect(withWarning(good, undefined)).toBe(good);
    expect(withWarning(bad, 'a: one')).toBe(bad);
  });

  it('isOk filters successes', () => {
    const values = [good, bad, ok(3)].filter(isOk).map((r) => r.value);
    expect(values).toEqual([2, 3]);
  });

  it('valueOr falls back only on failure (0 is a value)', () => {
    expect(valueOr(ok(0), 99)).toBe(0);
    expect(valueOr(bad, null)).toBeNull();
  });

  it('unwrap returns the value or throws an engine error carrying the code', () => {
    expect(unwrap(good)).toBe(2);
    try {
      unwrap(bad);
      expect.unreachable('unwrap of a failure must throw');
    } catch (error) {
      expect(error).toBeInstanceOf(EngineError);
      expect((error as EngineError).id).toBe('amount.format');
      expect((error as EngineError).status).toBe(400);
    }
  });
});
