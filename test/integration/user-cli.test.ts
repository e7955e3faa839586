// `qingfeng user …` against the test Neo4j: create with a given or generated password, list, change, and audit.
import { beforeAll, describe, expect, it } from 'vitest';
import { checkLogin } from '../../engine/auth/users.ts';
import { runCli } from '../setup/cli.ts';
import { cleanGraph, testServerEnv, testStore } from '../setup/store.ts';

beforeAll(async () => {
  await cleanGraph();
});

describe('qingfeng user', () => {
  it('adds a user with a password from stdin who can then log in', async () => {
    const res = await runCli(
      ['user', 'add', '李四', '--role', 'investigator'].concat('--password-stdin'),
      testServerEnv(),
      'lisi-password\n',
    );
    expect(res.code).toBe(0);
    expect(res.stderr).toContain('李四');
    expect(await checkLogin(testStore(), '李四', 'lisi-password')).toMatchObject({
      role: 'investigator',
      clearance: false,
    });
  });

  it('prints a generated password once when none is given, and it works', async () => {
    const res = await runCli(['user', 'add', 'ops', '--role', 'admin'], testServerEnv());
    expect(res.code).toBe(0);
    const password = /initial password: (\S+)/.exec(res.stderr)?.[1] ?? '';
    expect(password.length).toBeGreaterThanOrEqual(12);
    expect(await checkLogin(testStore(), 'ops', password)).not.toBeNull();
  });

  it('refuses an unknown role (exit 2) and a duplicate user (exit 1) with stable ids', async () => {
    const role = await runCli(['user', 'add', 'x', '--role', 'boss'], testServerEnv());
    expect(role.code).toBe(2);
    expect(role.stderr).toContain('[cli.badOption]');
    const dup = await runCli(['user', 'add', 'ops', '--role', 'viewer'], testServerEnv());
    expect(dup.code).toBe(1);
    expect(dup.stderr).toContain('[user.exists]');
  });

  it('changes role and clearance, disables, lists as JSON, and audits each change as the CLI user', async () => {
    expect(
      (await runCli(['user', 'set', '李四', '--role', 'analyst', '--no-clearance'], testServerEnv())).code,
    ).toBe(0);
    expect((await runCli(['user', 'set', 'ops', '--disable'], testServerEnv())).code).toBe(0);
    const list = await runCli(['user', 'list', '--json'], testServerEnv());
    const users = JSON.parse(list.stdout) as {
      username: string;
      role: string;
      clearance: boolean;
      disabled: boolean;
    }[];
    expect(users.find((u) => u.username === '李四')).toMatchObject({ role: 'analyst', clearance: false });
    expect(users.find((u) => u.username === 'ops')?.disabled).toBe(true);
    expect(JSON.stringify(users)).not.toContain('scrypt');
    const audit = await testStore().read<{ action: string; target: string; user: string }>(
      'MATCH (a:AuditEntry) RETURN a.action AS action, a.target AS target, a.user AS user ORDER BY a.at',
    );
    expect(audit.map((a) => `${a.action}:${a.target}`)).toEqual([
      'user.create:李四',
      'user.create:ops',
      'user.update:李四',
      'user.update:ops',
    ]);
    expect(audit.every((a) => a.user.startsWith('cli:'))).toBe(true);
  });
});
