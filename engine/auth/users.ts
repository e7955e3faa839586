// Local users stored in Neo4j under the internal :User label: create, read, list, update, check a login.
import { EngineError, InvalidInputError, NotFoundError } from '../errors.ts';
import type { Store } from '../store/gateway.ts';
import { checkPasswordStrength, hashPassword, verifyPassword } from './password.ts';
import { isRole, ROLE_SPECS, ROLES, type Role } from './roles.ts';

export interface User {
  username: string;
  displayName: string;
  role: Role;
  /** Sees ID numbers unmasked. */
  clearance: boolean;
  disabled: boolean;
  createdAt: string;
  updatedAt: string;
  lastLoginAt: string | null;
}

export const USERNAME = /^[A-Za-z0-9_.\-\u4e00-\u9fff]{2,40}$/;

const USER_PROJECTION = `u {
  .username, .displayName, .role, .clearance, .disabled,
  createdAt: toString(u.createdAt), updatedAt: toString(u.updatedAt), lastLoginAt: toString(u.lastLoginAt)
}`;

function notFound(username: string): NotFoundError {
  return new NotFoundError('user.notFound', `没有用户 ${username} / No user ${username}`, {
    details: { username },
  });
}

function checkRole(role: unknown): Role {
  if (!isRole(role)) {
    throw new InvalidInputError(
      'user.badRole',
      `角色无效：${String(role)}（可选 ${ROLES.join(', ')}）/ Unknown role`,
      {
        details: { field: 'role', role },
      },
    );
  }
  return role;
}

export interface NewUser {
  username: string;
  password: string;
  role: Role;
  displayName?: string;
  /** Defaults to the role's clearance. */
  clearance?: boolean;
}

export async function createUser(store: Store, input: NewUser): Promise<User> {
  if (!USERNAME.test(input.username)) {
    throw new InvalidInputError('user.badName', `用户名无效：${input.username} / Invalid user name`, {
      details: { field: 'username' },
    });
  }
  const role = checkRole(input.role);
  checkPasswordStrength(input.password);
  const passwordHash = await hashPassword(input.password);
  const rows = await store.write<{ user: User; created: boolean }>(
    `OPTIONAL MATCH (existing:User {username: $username})
     CALL (existing) {
       WITH existing WHERE existing IS NULL
       CREATE (u:User {username: $username, displayName: $displayName, role: $role, clearance: $clearance,
                       disabled: false, passwordHash: $passwordHash, createdAt: datetime(), updatedAt: datetime()})
       RETURN u
     }
     RETURN ${USER_PROJECTION} AS user, true AS created`,
    {
      username: input.username,
      displayName: input.displayName ?? input.username,
      role,
      clearance: input.clearance ?? ROLE_SPECS[role].clearance,
      passwordHash,
    },
  );
  const row = rows[0];
  if (!row) {
    throw new EngineError('user.exists', `用户 ${input.username} 已存在 / User ${input.username} exists`, {
      status: 409,
      details: { field: 'username' },
    });
  }
  return row.user;
}

export async function getUser(store: Store, username: string): Promise<User> {
  const [row] = await store.read<{ user: User }>(
    `MATCH (u:User {username: $username}) RETURN ${USER_PROJECTION} AS user`,
    { username },
  );
  if (!row) throw notFound(username);
  return row.user;
}

export async function listUsers(store: Store): Promise<User[]> {
  const rows = await store.read<{ user: User }>(
    `MATCH (u:User) RETURN ${USER_PROJECTION} AS user ORDER BY u.username`,
  );
  return rows.map((r) => r.user);
}

export interface UserChange {
  role?: Role;
  displayName?: string;
  clearance?: boolean;
  disabled?: boolean;
  password?: string;
}

export async function updateUser(store: Store, username: string, change: UserChange): Promise<User> {
  const set: Record<string, unknown> = {};
  if (change.role !== undefined) set.role = checkRole(change.role);
  if (change.displayName !== undefined) set.displayName = change.displayName;
  if (change.clearance !== undefined) set.clearance = change.clearance;
  if (change.disabled !== undefined) set.disabled = change.disabled;
  if (change.password !== undefined) {
    checkPasswordStrength(change.password);
    set.passwordHash = await hashPassword(change.password);
  }
  // Every change, from the API or the CLI, moves the session epoch on: the user's live sessions end.
  const [row] = await store.write<{ user: User }>(
    `MATCH (u:User {username: $username})
     SET u += $set, u.updatedAt = datetime(), u.sessionEpoch = coalesce(u.sessionEpoch, 0) + 1
     RETURN ${USER_PROJECTION} AS user`,
    { username, set },
  );
  if (!row) throw notFound(username);
  return row.user;
}

/**
 * The user when name and password match an enabled account, else null. A missing user still costs one hash,
 * so timing does not reveal which user names exist.
 */
export async function checkLogin(
  store: Store,
  username: string,
  password: string,
): Promise<(User & { sessionEpoch: number }) | null> {
  const [row] = await store.read<{ user: User; hash: string; epoch: number }>(
    `MATCH (u:User {username: $username})
     RETURN ${USER_PROJECTION} AS user, u.passwordHash AS hash, coalesce(u.sessionEpoch, 0) AS epoch`,
    { username },
  );
  const ok = await verifyPassword(password, row?.hash ?? DUMMY_HASH);
  if (!row || !ok || row.user.disabled) return null;
  await store.write('MATCH (u:User {username: $username}) SET u.lastLoginAt = datetime()', { username });
  return { ...row.user, sessionEpoch: row.epoch };
}

/** The epoch a live session of the user must carry; null when the user is gone or disabled. */
export async function sessionEpoch(store: Store, username: string): Promise<number | null> {
  const [row] = await store.read<{ epoch: number }>(
    `MATCH (u:User {username: $username}) WHERE NOT coalesce(u.disabled, false)
     RETURN coalesce(u.sessionEpoch, 0) AS epoch`,
    { username },
  );
  return row ? row.epoch : null;
}

// A valid hash of a random password, checked against when the user does not exist.
const DUMMY_HASH = 'scrypt$32768$8$1$P_4XQby_6N0v-0qK0GN3Dg$9ofNo8c42SrK297fKiHO5H5AEzDzihMVqJfCig7Q0nc';
