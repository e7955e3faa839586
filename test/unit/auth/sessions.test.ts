// SessionStore.check: a session lives only while the account's session epoch is the one it was created with.
import { describe, expect, it } from 'vitest';
import { SessionStore } from '../../../engine/auth/sessions.ts';

const user = { username: 'a', displayName: 'A', role: 'analyst' as const, clearance: false };

/** A session store over an account table kept in a plain map (what the store's :User nodes hold). */
function storeWith(epochs: Map<string, number | null | Error>, clock = { at: 0 }) {
  const sessions = new SessionStore({
    idleMs: 60_000,
    absoluteMs: 3_600_000,
    now: () => clock.at,
    epochOf: async (name) => {
      const epoch = epochs.get(name);
      if (epoch instanceof Error) throw epoch;
      return epoch ?? null;
    },
  });
  return { sessions, clock };
}

describe('SessionStore.check', () => {
  it('keeps a session while the epoch is unchanged and ends every session of the user once it moves', async () => {
    const epochs = new Map<string, number | null | Error>([['a', 3]]);
    const { sessions, clock } = storeWith(epochs);
    const first = sessions.create(user, 3);
    const second = sessions.create(user, 3);
    expect((await sessions.check(first))?.username).toBe('a');
    epochs.set('a', 4);
    // One look-up serves the user's requests for a second, then the change is seen.
    clock.at = 999;
    expect((await sessions.check(first))?.username).toBe('a');
    clock.at = 1_000;
    expect(await sessions.check(first)).toBeUndefined();
    // Ended too, even without asking the store again.
    expect(sessions.touch(second)).toBeUndefined();
  });

  it('ends the session of a user who is gone or disabled (null)', async () => {
    const epochs = new Map<string, number | null | Error>([['a', null]]);
    const { sessions } = storeWith(epochs);
    expect(await sessions.check(sessions.create(user, 0))).toBeUndefined();
  });

  it('keeps the session when the store cannot answer, and does not ask again for a few seconds', async () => {
    const epochs = new Map<string, number | null | Error>([['a', new Error('unreachable')]]);
    const { sessions, clock } = storeWith(epochs);
    const token = sessions.create(user, 1);
    expect((await sessions.check(token))?.username).toBe('a');
    epochs.set('a', 2);
    clock.at = 1_000;
    expect((await sessions.check(token))?.username).toBe('a');
    clock.at = 6_000;
    expect(await sessions.check(token)).toBeUndefined();
  });

  it('asks the store once for parallel requests of one user, and again after forgetEpoch', async () => {
    let asked = 0;
    const clock = { at: 0 };
    const sessions = new SessionStore({
      idleMs: 60_000,
      absoluteMs: 3_600_000,
      now: () => clock.at,
      epochOf: async () => {
        asked += 1;
        return 1;
      },
    });
    const token = sessions.create(user, 1);
    const answers = await Promise.all(Array.from({ length: 20 }, () => sessions.check(token)));
    expect(answers.every((u) => u?.username === 'a')).toBe(true);
    expect(asked).toBe(1);
    sessions.forgetEpoch('a');
    await sessions.check(token);
    expect(asked).toBe(2);
  });

  it('refuses unknown tokens without asking the store', async () => {
    const { sessions } = storeWith(new Map());
    expect(await sessions.check('forged')).toBeUndefined();
  });
});
