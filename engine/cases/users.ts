// Case teams: the lead and members must be existing, enabled users whose role may work on cases (cases.own).
import { can, isRole, ROLE_SPECS } from '../auth/roles.ts';
import type { Store } from '../store/gateway.ts';
import { badCaseInput } from './model.ts';

/** Throws case.unknownUser (no such or disabled user) or case.badMember (role without cases.own), naming the field. */
export async function checkUsers(store: Pick<Store, 'read'>, lead: string, members: readonly string[]) {
  const names = [...new Set([lead, ...members])];
  const rows = await store.read<{ username: string; role: string; disabled: boolean | null }>(
    'MATCH (u:User) WHERE u.username IN $names RETURN u.username AS username, u.role AS role, u.disabled AS disabled',
    { names },
  );
  const found = new Map(rows.map((r) => [r.username, r]));
  for (const name of names) {
    const field = name === lead ? 'body.lead' : 'body.members';
    const user = found.get(name);
    if (!user || user.disabled)
      throw badCaseInput('case.unknownUser', field, `没有此用户：${name}`, `No such user: ${name}`, {
        username: name,
      });
    if (!isRole(user.role) || !can(user.role, 'cases.own'))
      throw badCaseInput(
        'case.badMember',
        field,
        `用户 ${name} 的角色不能办理案件`,
        `User ${name} has a role that cannot work on cases`,
        { username: name, role: user.role },
      );
  }
}

export interface AssignableUser {
  username: string;
  displayName?: string;
  role: string;
  /** The role's name in both languages (ROLE_SPECS), so the viewer keeps no copy. */
  roleName: { zh: string; en: string };
}

/** Enabled users whose role may work on cases (cases.own), by user name: whom a lead can put on the team. */
export async function assignableUsers(store: Pick<Store, 'read'>): Promise<AssignableUser[]> {
  const rows = await store.read<{ username: string; displayName: string | null; role: string }>(
    `MATCH (u:User) WHERE NOT coalesce(u.disabled, false)
     RETURN u.username AS username, u.displayName AS displayName, u.role AS role ORDER BY u.username`,
  );
  return rows.flatMap((r) =>
    isRole(r.role) && can(r.role, 'cases.own')
      ? [
          {
            username: r.username,
            ...(r.displayName && r.displayName !== r.username ? { displayName: r.displayName } : {}),
            role: r.role,
            roleName: { zh: ROLE_SPECS[r.role].zh, en: ROLE_SPECS[r.role].en },
          },
        ]
      : [],
  );
}
