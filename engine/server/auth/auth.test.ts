// Login, sessions, rate limiting, users admin and the audit log, over the real app and the test Neo4j.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApi, TEST_PASSWORD, type TestApi } from '../../../test/setup/api.ts';
import { cleanGraph } from '../../../test/setup/store.ts';

let api: TestApi;

beforeAll(async () => {
  await cleanGraph();
  api = await startApi({ settings: { loginMaxFailures: 3, loginWindowMinutes: 1 } });
});

afterAll(async () => {
  await api?.close();
});

describe('/api/auth', () => {
  it('logs in, says who I am with my permissions, and logs out', async () => {
    const login = await api.call('post', '/auth/login', {
      body: { username: 'investigator', password: TEST_PASSWORD },
    });
    expect(login.status).toBe(200);
    expect(login.headers.get('set-cookie')).toMatch(/qingfeng_session=.*HttpOnly.*SameSite=Strict/i);
    const token = login.body.token as string;
    const me = await api.call('get', '/auth/me', { token });
    expect(me.status).toBe(200);
    expect(me.body.user).toMatchObject({ username: 'investigator', role: 'investigator', clearance: false });
    expect(me.body.user.permissions).toContain('clues.update');
    expect(me.body.user.permissions).not.toContain('cypher.run');
    expect((await api.call('post', '/auth/logout', { token })).status).toBe(200);
    const after = await api.call('get', '/auth/me', { token });
    expect(after.status).toBe(401);
    expect(after.body.error.id).toBe('auth.required');
  });

  it('refuses a wrong password with 401 and never says whether the user exists', async () => {
    const wrong = await api.call('post', '/auth/login', {
      body: { username: 'viewer', password: 'nope-nope' },
    });
    const ghost = await api.call('post', '/auth/login', {
      body: { username: 'ghost', password: 'nope-nope' },
    });
    expect(wrong.status).toBe(401);
    expect(ghost.status).toBe(401);
    expect(wrong.body.error.id).toBe('auth.badLogin');
    expect(ghost.body.error.message).toBe(wrong.body.error.message);
  });

  it('locks a user name out after too many failures, even with the right password, and says when to retry', async () => {
    for (let i = 0; i < 3; i += 1) {
      await api.call('post', '/auth/login', { body: { username: 'analyst', password: `bad-${i}-xxxx` } });
    }
    const locked = await api.call('post', '/auth/login', {
      body: { username: 'analyst', password: TEST_PASSWORD },
    });
    expect(locked.status).toBe(429);
    expect(locked.body.error.id).toBe('auth.rateLimited');
    expect(Number(locked.headers.get('retry-after'))).toBeGreaterThan(0);
  });

  it('answers 400 with the field at fault for a malformed login', async () => {
    const res = await api.call('post', '/auth/login', { body: { username: 'admin' } });
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({ id: 'request.invalid', field: 'body.password' });
  });

  it('keeps password hashes out of the store in clear and out of every answer', async () => {
    const store = api.app.services.store();
    const [row] = await store.read<{ hash: string }>(
      "MATCH (u:User {username: 'admin'}) RETURN u.passwordHash AS hash",
    );
    expect(row?.hash).toMatch(/^scrypt\$\d+\$\d+\$\d+\$/);
    expect(row?.hash).not.toContain(TEST_PASSWORD);
    const list = await api.call('get', '/users', { token: 'admin' });
    expect(JSON.stringify(list.body)).not.toContain('scrypt$');
  });
});

describe('/api/users', () => {
  it('lets an admin create a user who can then log in, and refuses a duplicate with 409', async () => {
    const created = await api.call('post', '/users', {
      token: 'admin',
      body: { username: '王五', password: 'wangwu-password', role: 'investigator', displayName: '王五' },
    });
    expect(created.status).toBe(201);
    expect(created.body.user).toMatchObject({
      username: '王五',
      role: 'investigator',
      clearance: false,
      disabled: false,
    });
    const again = await api.call('post', '/users', {
      token: 'admin',
      body: { username: '王五', password: 'wangwu-password', role: 'viewer' },
    });
    expect(again.status).toBe(409);
    expect(again.body.error.id).toBe('user.exists');
    const login = await api.call('post', '/auth/login', {
      body: { username: '王五', password: 'wangwu-password' },
    });
    expect(login.status).toBe(200);
  });

  it('ends the sessions of a user who is disabled, and refuses their next login', async () => {
    await api.call('post', '/users', {
      token: 'admin',
      body: { username: 'leaver', password: 'leaver-password', role: 'viewer' },
    });
    const login = await api.call('post', '/auth/login', {
      body: { username: 'leaver', password: 'leaver-password' },
    });
    const token = login.body.token as string;
    expect((await api.call('get', '/auth/me', { token })).status).toBe(200);
    const patched = await api.call('patch', '/users/leaver', { token: 'admin', body: { disabled: true } });
    expect(patched.status).toBe(200);
    expect((await api.call('get', '/auth/me', { token })).status).toBe(401);
    const relogin = await api.call('post', '/auth/login', {
      body: { username: 'leaver', password: 'leaver-password' },
    });
    expect(relogin.status).toBe(401);
  });

  it('answers 404 for an unknown user and 400 for a bad role or a short password', async () => {
    expect((await api.call('get', '/users/nobody', { token: 'admin' })).body.error.id).toBe('user.notFound');
    const badRole = await api.call('post', '/users', {
      token: 'admin',
      body: { username: 'x1', password: 'long-enough', role: 'boss' },
    });
    expect(badRole.status).toBe(400);
    expect(badRole.body.error.field).toBe('body.role');
    const short = await api.call('post', '/users', {
      token: 'admin',
      body: { username: 'x2', password: 'short', role: 'viewer' },
    });
    expect(short.status).toBe(400);
    expect(short.body.error.field).toBe('body.password');
  });

  it('is for admins only: 401 without a session, 403 for an analyst', async () => {
    expect((await api.call('get', '/users')).status).toBe(401);
    const res = await api.call('get', '/users', { token: 'analyst' });
    expect(res.status).toBe(403);
    expect(res.body.error.id).toBe('auth.forbidden');
  });
});

describe('/api/audit', () => {
  it('records logins, user changes and denials, filterable by action and user', async () => {
    await api.call('get', '/users', { token: 'viewer' }); // not audited: listing users is not an action on data
    await api.call('post', '/users', {
      token: 'viewer',
      body: { username: 'sneaky', password: 'sneaky-password', role: 'admin' },
    });
    const denied = await api.call('get', '/audit', {
      token: 'admin',
      query: { action: 'user.create', user: 'viewer' },
    });
    expect(denied.status).toBe(200);
    expect(denied.body.entries).toHaveLength(1);
    expect(denied.body.entries[0]).toMatchObject({
      outcome: 'denied',
      status: 403,
      user: 'viewer',
      role: 'viewer',
    });
    expect(denied.body.entries[0].params.password).toBe('***');
    const logins = await api.call('get', '/audit', {
      token: 'admin',
      query: { action: 'auth', outcome: 'denied' },
    });
    expect(logins.body.total).toBeGreaterThanOrEqual(5);
    const created = await api.call('get', '/audit', {
      token: 'admin',
      query: { action: 'user.create', target: '王五' },
    });
    // Newest first: the refused duplicate, then the creation.
    expect(
      created.body.entries.map((e: { outcome: string; status: number }) => [e.outcome, e.status]),
    ).toEqual([
      ['failed', 409],
      ['ok', 201],
    ]);
  });

  it('is for admins only, and validates its filters', async () => {
    expect((await api.call('get', '/audit', { token: 'analyst' })).status).toBe(403);
    const bad = await api.call('get', '/audit', { token: 'admin', query: { since: 'yesterday' } });
    expect(bad.status).toBe(400);
    expect(bad.body.error).toMatchObject({ id: 'request.invalid', field: 'query.since' });
  });
});
