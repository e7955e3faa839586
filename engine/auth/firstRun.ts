// First start: a database without users gets an admin (and, with the demo county, one login per other role).
import { randomBytes } from 'node:crypto';
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Store } from '../store/gateway.ts';
import { ROLE_SPECS, type Role } from './roles.ts';
import { createUser } from './users.ts';

export interface FirstLogin {
  username: string;
  role: Role;
}

/** The logins a first start creates: an admin always; the demo adds an analyst, an investigator and a viewer. */
export function firstLogins(withDemo: boolean): FirstLogin[] {
  const logins: FirstLogin[] = [{ username: 'admin', role: 'admin' }];
  if (withDemo) {
    logins.push(
      { username: 'demo', role: 'analyst' },
      { username: 'demo-investigator', role: 'investigator' },
      { username: 'demo-viewer', role: 'viewer' },
    );
  }
  return logins;
}

export async function countUsers(store: Store): Promise<number> {
  const [row] = await store.read<{ n: number }>('MATCH (u:User) RETURN count(u) AS n');
  return row?.n ?? 0;
}

/**
 * Creates the first logins when no user exists, all with one password (given, or random), and writes them to
 * `home/first-logins.txt` readable by the owner only. Returns the password, or undefined when users existed.
 */
export async function ensureFirstLogins(
  store: Store,
  options: { home: string; withDemo: boolean; password?: string | undefined },
  say: (message: string) => void,
): Promise<string | undefined> {
  if ((await countUsers(store)) > 0) return undefined;
  const password = options.password ?? randomBytes(9).toString('base64url');
  const logins = firstLogins(options.withDemo);
  for (const login of logins) {
    await createUser(store, { ...login, password, displayName: ROLE_SPECS[login.role].zh });
  }
  const lines = logins.map((l) => `${l.username}\t${l.role}\t${password}`);
  mkdirSync(options.home, { recursive: true });
  const file = join(options.home, 'first-logins.txt');
  writeFileSync(file, `${lines.join('\n')}\n`, { mode: 0o600 });
  chmodSync(file, 0o600);
  say(
    [
      '已创建初始账号（请登录后修改口令）/ First logins created (change the password after logging in):',
      ...logins.map((l) => `  ${l.username.padEnd(18)} ${ROLE_SPECS[l.role].zh} / ${l.role}`),
      `  口令 password: ${password}   （另存于 saved in ${file}）`,
    ].join('\n'),
  );
  return password;
}
