// Every account change ends the user's live sessions, whether made by `qingfeng user …` or PATCH /api/users.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApi, TEST_PASSWORD, type TestApi } from '../../../test/setup/api.ts';
import { runCli } from '../../../test/setup/cli.ts';
import { cleanGraph, testServerEnv } from '../../../test/setup/store.ts';
import { createUser } from '../../auth/users.ts';

let api: TestApi;

beforeAll(async () => {
  const store = await cleanGraph();
  for (const name of ['cli-off', 'cli-pw', 'cli-role', 'cli-clear', 'api-role', 'bystander'])
    await createUser(store, { username: name, password: TEST_PASSWORD, role: 'analyst' });
  api = await startApi();
});

afterAll(async () => {
  await api?.close();
});

async function login(username: string, password = TEST_PASSWORD): Promise<string> {
  const res = await api.call('post', '/auth/login', { body: { username, password } });
  expect(res.status).toBe(200);
  return res.body.token;
}

const me = (token: string) => api.call('get', '/auth/me', { token });

/** How long one epoch look-up serves a user's requests (SessionStore's default `epochFreshMs`). */
const EPOCH_FRESH_MS = 1_000;

describe('a change through the CLI (another process) ends the live sessions within a second', () => {
  it.each([
    ['cli-off', ['user', 'set', 'cli-off', '--disable']],
    ['cli-pw', ['user', 'passwd', 'cli-pw']],
    ['cli-role', ['user', 'set', 'cli-role', '--role', 'viewer']],
    ['cli-clear', ['user', 'set', 'cli-clear', '--no-clearance']],
  ])('%s: 200 before, 401 auth.required after', async (name, args) => {
    const token = await login(name);
    const bystander = await login('bystander');
    expect((await me(token)).status).toBe(200);
    expect((await runCli(args, testServerEnv())).code).toBe(0);
    await new Promise((r) => setTimeout(r, EPOCH_FRESH_MS));
    const after = await me(token);
    expect(after.status).toBe(401);
    expect(after.body.error.id).toBe('auth.required');
    // Only that user's sessions: someone else's stays.
    expect((await me(bystander)).status).toBe(200);
  });

  it('a new login after a role change gets the new role', async () => {
    const token = await login('cli-role');
    expect((await me(token)).body.user.role).toBe('viewer');
  });

  it('a disabled user cannot log in again until enabled', async () => {
    expect(
      (await api.call('post', '/auth/login', { body: { username: 'cli-off', password: TEST_PASSWORD } }))
        .status,
    ).toBe(401);
    expect((await runCli(['user', 'set', 'cli-off', '--enable'], testServerEnv())).code).toBe(0);
    expect((await me(await login('cli-off'))).status).toBe(200);
  });
});

describe('a change through PATCH /api/users/:username', () => {
  it('ends the sessions, also for a change of display name only', async () => {
    for (const body of [{ role: 'viewer' }, { clearance: true }, { displayName: '新名字' }]) {
      const token = await login('api-role');
      const res = await api.call('patch', '/users/api-role', { token: 'admin', body });
      expect(res.status).toBe(200);
      expect((await me(token)).status).toBe(401);
    }
  });
});
