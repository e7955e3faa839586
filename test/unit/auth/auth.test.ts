// Passwords, sessions, the login limiter, ID masking and the role matrix, without a store.
import { describe, expect, it } from 'vitest';
import { isIdNumber, maskDeep, maskIdNumber, maskText } from '../../../engine/auth/masking.ts';
import { hashPassword, verifyPassword } from '../../../engine/auth/password.ts';
import { LoginLimiter } from '../../../engine/auth/rateLimit.ts';
import { can, canSeeCase, PERMISSIONS, ROLE_SPECS, ROLES } from '../../../engine/auth/roles.ts';
import { SessionStore } from '../../../engine/auth/sessions.ts';

const ID = '110101199003074514'; // valid check digit
const user = { username: 'a', displayName: 'A', role: 'viewer' as const, clearance: false };

describe('passwords', () => {
  it('hashes with a per-password salt and verifies only the right password', async () => {
    const a = await hashPassword('correct horse');
    const b = await hashPassword('correct horse');
    expect(a).not.toBe(b);
    expect(a).toMatch(/^scrypt\$32768\$8\$1\$/);
    expect(await verifyPassword('correct horse', a)).toBe(true);
    expect(await verifyPassword('correct horsf', a)).toBe(false);
    expect(await verifyPassword('correct horse', 'md5$abc')).toBe(false);
  });
});

describe('SessionStore', () => {
  it('expires a session after the idle time and after the absolute time, and revokes per user', () => {
    let now = 0;
    const sessions = new SessionStore({ idleMs: 100, absoluteMs: 250, now: () => now });
    const token = sessions.create(user);
    now = 90;
    expect(sessions.touch(token)?.username).toBe('a');
    now = 180; // 90 ms idle: still alive
    expect(sessions.touch(token)).toBeDefined();
    now = 260; // past the absolute limit although used recently
    expect(sessions.touch(token)).toBeUndefined();
    const other = sessions.create(user);
    now = 400;
    expect(sessions.touch(other)).toBeUndefined(); // idle 140 ms
    const third = sessions.create(user);
    sessions.revokeUser('a');
    expect(sessions.touch(third)).toBeUndefined();
    expect(sessions.touch('forged')).toBeUndefined();
  });
});

describe('LoginLimiter', () => {
  it('locks a name after N failures and an address after 4N, and the window releases them', () => {
    let now = 0;
    const limiter = new LoginLimiter({ maxFailures: 2, windowMs: 1000, now: () => now });
    const a = { username: 'a', address: '1.1.1.1' };
    limiter.fail(a);
    expect(limiter.retryAfterSeconds(a)).toBe(0);
    limiter.fail(a);
    expect(limiter.retryAfterSeconds(a)).toBe(1);
    // Another name from the same address is still allowed until 8 failures from it.
    for (let i = 0; i < 6; i += 1) limiter.fail({ username: `n${i}`, address: '1.1.1.1' });
    expect(limiter.retryAfterSeconds({ username: 'fresh', address: '1.1.1.1' })).toBe(1);
    expect(limiter.retryAfterSeconds({ username: 'fresh', address: '2.2.2.2' })).toBe(0);
    now = 1001;
    expect(limiter.retryAfterSeconds(a)).toBe(0);
  });
});

describe('ID masking', () => {
  it('checks the ISO 7064 check digit', () => {
    expect(isIdNumber(ID)).toBe(true);
    expect(isIdNumber('110101199003074513')).toBe(false);
    expect(isIdNumber('11010119900307451')).toBe(false);
  });

  it('masks ID numbers inside any text, invalid ones too, and keeps longer digit runs', () => {
    expect(maskIdNumber(ID)).toBe('110101********4514');
    expect(maskText(`Person:${ID}`)).toBe('Person:110101********4514');
    expect(maskText(`${ID}与${ID}`)).toBe('110101********4514与110101********4514');
    // A wrong check digit still names a person (a typo of the real number): masked by its shape.
    expect(maskText('110101199003074513')).toBe('110101********4513');
    expect(maskText(`6${ID}`)).toBe(`6${ID}`); // part of a 19-digit account number
  });

  it('masks deeply, object keys included, and leaves other values alone', () => {
    const masked = maskDeep({ a: [ID, { [ID]: 3 }], n: 5, ok: true, z: null });
    expect(masked).toEqual({
      a: ['110101********4514', { '110101********4514': 3 }],
      n: 5,
      ok: true,
      z: null,
    });
  });
});

describe('roles', () => {
  it('gives admins everything and viewers nothing that writes', () => {
    for (const p of PERMISSIONS) expect(can('admin', p)).toBe(true);
    for (const p of [
      'clues.update',
      'templates.run',
      'templates.write',
      'cypher.run',
      'ingest.run',
      'export',
    ] as const) {
      expect(can('viewer', p)).toBe(false);
    }
    expect(can('investigator', 'cypher.run')).toBe(false);
    expect(can('analyst', 'users.manage')).toBe(false);
    expect(ROLES.filter((r) => ROLE_SPECS[r].clearance)).toEqual(['admin', 'analyst']);
  });

  it('lets an investigator see only cases they are on, analysts every case', () => {
    expect(canSeeCase({ username: 'a', role: 'investigator' }, ['a', 'b'])).toBe(true);
    expect(canSeeCase({ username: 'c', role: 'investigator' }, ['a', 'b'])).toBe(false);
    expect(canSeeCase({ username: 'c', role: 'analyst' }, [])).toBe(true);
    expect(canSeeCase({ username: 'a', role: 'viewer' }, ['a'])).toBe(false);
  });
});
