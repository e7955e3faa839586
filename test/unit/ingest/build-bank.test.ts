// Transfer keys from bank statements: one transfer from both statements, even when one file holds both.
import { describe, expect, it } from 'vitest';
import type { BuildContext } from '../../../ingest/build/common.ts';
import { buildRow, fileContext } from '../../../ingest/build/index.ts';

const A = '6217000010001000';
const B = '6217000020002000';

function transferKey(ctx: BuildContext, row: number, fields: Record<string, string>): string {
  const built = buildRow({ kind: 'bank', source: `f.csv#${row}`, file: 'f.csv', row, fields }, ctx);
  if (!built.ok) throw new Error(built.rejection.reason);
  const primary = built.fragment.primary;
  if (!('edge' in primary)) throw new Error('expected a transfer');
  return primary.edge.key;
}

const payment = (own: string, cp: string, direction: string) => ({
  ownAccount: own,
  date: '2026-03-04',
  time: '10:00:00',
  amount: '5000.00',
  direction,
  cpAccount: cp,
});

describe('bank transfer keys', () => {
  it('gives both statements of one transfer the same key, in one file or two', () => {
    const one = fileContext({ idValidation: 'gb' });
    expect(transferKey(one, 2, payment(A, B, '借'))).toBe(transferKey(one, 3, payment(B, A, '贷')));
    const [first, second] = [fileContext({ idValidation: 'gb' }), fileContext({ idValidation: 'gb' })];
    expect(transferKey(first, 2, payment(A, B, '借'))).toBe(transferKey(second, 2, payment(B, A, '贷')));
  });

  it('keeps identical-looking transfers of one statement apart, and pairs them with the other side in order', () => {
    const ctx = fileContext({ idValidation: 'gb' });
    const a1 = transferKey(ctx, 2, payment(A, B, '借'));
    const a2 = transferKey(ctx, 3, payment(A, B, '借'));
    const b1 = transferKey(ctx, 4, payment(B, A, '贷'));
    const b2 = transferKey(ctx, 5, payment(B, A, '贷'));
    expect(a1).not.toBe(a2);
    expect([b1, b2]).toEqual([a1, a2]);
  });

  it('tells the two directions apart', () => {
    const ctx = fileContext({ idValidation: 'gb' });
    expect(transferKey(ctx, 2, payment(A, B, '借'))).not.toBe(transferKey(ctx, 3, payment(A, B, '贷')));
  });

  it('reads every direction convention through parseDirection, and refuses a flag it does not know', () => {
    const ctx = fileContext({ idValidation: 'gb' });
    const out = transferKey(ctx, 2, payment(A, B, '借'));
    expect(transferKey(fileContext({ idValidation: 'gb' }), 2, payment(A, B, '支出'))).toBe(out);
    expect(transferKey(fileContext({ idValidation: 'gb' }), 2, payment(A, B, 'DR'))).toBe(out);
    expect(transferKey(fileContext({ idValidation: 'gb' }), 2, payment(A, B, '往账'))).toBe(out);
    const built = buildRow(
      { kind: 'bank', source: 'f.csv#9', file: 'f.csv', row: 9, fields: payment(A, B, '收/支') },
      fileContext({ idValidation: 'gb' }),
    );
    expect(built.ok ? 'ok' : built.rejection.reason.split(':')[0]).toBe('direction.unknown');
  });
});
