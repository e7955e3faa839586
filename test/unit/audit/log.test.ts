// What an audit entry keeps of the parameters: secrets scrubbed, oversized values reduced to their size.
import { describe, expect, it } from 'vitest';
import { AuditLog } from '../../../engine/audit/log.ts';

// Never flushed within the test: the store is not needed to check what an entry holds.
const log = new AuditLog(
  () => {
    throw new Error('no store in unit tests');
  },
  { delayMs: 3_600_000 },
);

describe('AuditLog.record', () => {
  it('scrubs passwords and tokens, keeps ordinary values, and records outcome defaults', () => {
    const entry = log.record({
      user: 'a',
      role: 'admin',
      action: 'user.create',
      params: { username: 'b', password: 'secret-1', newPassword: 'x', token: 't', limit: 5 },
    });
    expect(entry.params).toEqual({
      username: 'b',
      password: '***',
      newPassword: '***',
      token: '***',
      limit: 5,
    });
    expect(entry).toMatchObject({ outcome: 'ok', target: null, rows: null });
    expect(Date.parse(entry.at)).not.toBeNaN();
  });

  it('keeps a large value out of the log, saying how large it was', () => {
    const state = { nodes: Array.from({ length: 2000 }, (_, i) => ({ id: `n${i}`, x: i, y: i })) };
    const entry = log.record({
      user: 'a',
      role: 'analyst',
      action: 'case.views.save',
      params: { name: 'v1', state },
    });
    expect(entry.params.name).toBe('v1');
    expect(entry.params.state).toEqual({ omitted: true, bytes: JSON.stringify(state).length });
  });
});
