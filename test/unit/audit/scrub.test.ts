// The audit scrubber on hostile parameters: 5,000-deep nesting, huge arrays, secrets at any depth, odd leaves.
import { describe, expect, it } from 'vitest';
import { MAX_DEPTH, MAX_VALUES, scrub, TRUNCATED } from '../../../engine/audit/scrub.ts';

function nested(depth: number): Record<string, unknown> {
  let value: Record<string, unknown> = { leaf: 1 };
  for (let i = 0; i < depth; i += 1) value = { a: value };
  return value;
}

/** How deep the copy goes before a TRUNCATED placeholder, following key `a`. */
function depthOf(value: unknown): number {
  let depth = 0;
  let cursor = value;
  while (cursor && typeof cursor === 'object') {
    cursor = (cursor as Record<string, unknown>).a;
    depth += 1;
  }
  expect(cursor).toBe(TRUNCATED);
  return depth;
}

describe('scrub', () => {
  it('keeps a 5,000-deep value without overflowing the stack, cut at MAX_DEPTH with a placeholder', () => {
    const deep = nested(5000);
    expect(() => JSON.stringify(nested(200_000))).toThrow(RangeError);
    const out = scrub({ params: deep });
    expect(depthOf(out.params)).toBe(MAX_DEPTH);
    // Small enough to be stored as JSON.
    expect(Buffer.byteLength(JSON.stringify(out))).toBeLessThan(4096);
  });

  it('survives nesting far deeper than the call stack allows', () => {
    const out = scrub({ x: nested(200_000) });
    expect(depthOf(out.x)).toBe(MAX_DEPTH);
  });

  it('hides secrets at any depth and keeps ordinary values and key order', () => {
    const out = scrub({ user: { name: 'b', apiToken: 't', inner: [{ password: 'p', n: 1 }] }, limit: 5 });
    expect(out).toEqual({
      user: { name: 'b', apiToken: '***', inner: [{ password: '***', n: 1 }] },
      limit: 5,
    });
    expect(Object.keys(out.user as object)).toEqual(['name', 'apiToken', 'inner']);
  });

  it('bounds the number of values: a huge array is cut and marked, then recorded by its size', () => {
    const big = Array.from({ length: 100_000 }, (_, i) => i);
    const out = scrub({ big, small: [1, 2, 3] });
    expect(out.small).toEqual([1, 2, 3]);
    expect(out.big).toMatchObject({ omitted: true });
    const cut = scrub({ ids: Array.from({ length: MAX_VALUES * 2 }, () => 0) });
    expect(cut.ids).toMatchObject({ omitted: true });
    expect((cut.ids as { bytes: number }).bytes).toBeLessThan(MAX_VALUES * 3);
  });

  it('writes leaves as JSON would: dates as ISO text, bigints as text, functions dropped', () => {
    const out = scrub({ at: new Date('2026-01-02T03:04:05Z'), n: 12n, f: () => 1, none: null });
    expect(out).toEqual({ at: '2026-01-02T03:04:05.000Z', n: '12', f: undefined, none: null });
  });

  it('is not fooled by a cycle', () => {
    const loop: Record<string, unknown> = { name: 'x' };
    loop.a = loop;
    const out = scrub({ loop });
    expect(depthOf(out.loop)).toBe(MAX_DEPTH);
  });
});
