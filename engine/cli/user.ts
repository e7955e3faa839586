// `qingfeng user add|list|passwd|set`: local users and roles, the same functions the API's /users routes call.
import { randomBytes } from 'node:crypto';
import type { Command } from 'commander';
import { ROLE_SPECS, ROLES, type Role } from '../auth/roles.ts';
import { createUser, listUsers, updateUser } from '../auth/users.ts';
import { action, badOption } from './action.ts';

/** The password from stdin (`--password-stdin`, first line), or a random one the command prints once. */
async function passwordFrom(options: {
  passwordStdin?: boolean;
}): Promise<{ password: string; generated: boolean }> {
  if (!options.passwordStdin) return { password: randomBytes(9).toString('base64url'), generated: true };
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  const password = Buffer.concat(chunks).toString('utf8').split(/\r?\n/)[0] ?? '';
  return { password, generated: false };
}

function roleOption(value: string): Role {
  if (!(ROLES as readonly string[]).includes(value)) throw badOption('--role', value);
  return value as Role;
}

const ROLE_HELP = ROLES.map((r) => `${r}（${ROLE_SPECS[r].zh}）`).join(' | ');

export function registerUserCommands(program: Command): void {
  const user = program.command('user').description('用户与角色管理 / manage users and roles');

  user
    .command('add <name>')
    .description(
      '新建用户；未给口令时生成随机口令并显示一次 / create a user; prints a random password unless one is given',
    )
    .requiredOption('--role <role>', `角色 role: ${ROLE_HELP}`)
    .option('--display-name <text>', '姓名 / display name')
    .option('--clearance', '可查看完整身份证号 / sees ID numbers unmasked')
    .option('--no-clearance', '身份证号脱敏显示 / sees ID numbers masked')
    .option('--password-stdin', '从标准输入读取口令 / read the password from stdin')
    .action(
      action(
        async (
          ctx,
          name: string,
          options: { role: string; displayName?: string; clearance?: boolean; passwordStdin?: boolean },
        ) => {
          const role = roleOption(options.role);
          const { password, generated } = await passwordFrom(options);
          const created = await createUser(ctx.store(), {
            username: name,
            password,
            role,
            ...(options.displayName ? { displayName: options.displayName } : {}),
            ...(options.clearance !== undefined ? { clearance: options.clearance } : {}),
          });
          await ctx.audit({
            action: 'user.create',
            target: name,
            params: { role, clearance: created.clearance },
          });
          ctx.say(
            `已创建用户 ${created.username}（${ROLE_SPECS[role].zh}${created.clearance ? '，可见身份证号' : ''}）/ created user ${created.username} (${role})`,
          );
          if (generated) ctx.say(`初始口令 initial password: ${password}`);
        },
      ),
    );

  user
    .command('list')
    .description('列出用户 / list users')
    .option('--json', '输出 JSON / print JSON')
    .action(
      action(async (ctx, options: { json?: boolean }) => {
        const users = await listUsers(ctx.store());
        if (options.json) return ctx.json(users);
        for (const u of users) {
          const flags = [u.clearance ? '可见身份证号' : '', u.disabled ? '已停用 disabled' : '']
            .filter(Boolean)
            .join('，');
          ctx.say(
            `${u.username.padEnd(20)} ${u.role.padEnd(13)} ${ROLE_SPECS[u.role].zh}${flags ? `（${flags}）` : ''}`,
          );
        }
      }),
    );

  user
    .command('passwd <name>')
    .description('重设口令；未给口令时生成随机口令 / reset a password (random unless --password-stdin)')
    .option('--password-stdin', '从标准输入读取口令 / read the password from stdin')
    .action(
      action(async (ctx, name: string, options: { passwordStdin?: boolean }) => {
        const { password, generated } = await passwordFrom(options);
        await updateUser(ctx.store(), name, { password });
        await ctx.audit({ action: 'user.update', target: name, params: { password: 'reset' } });
        ctx.say(`已重设 ${name} 的口令 / password of ${name} reset`);
        if (generated) ctx.say(`新口令 new password: ${password}`);
      }),
    );

  user
    .command('set <name>')
    .description('修改角色、可见范围或停用 / change role, clearance, or disable')
    .option('--role <role>', `角色 role: ${ROLE_HELP}`)
    .option('--clearance', '可查看完整身份证号 / sees ID numbers unmasked')
    .option('--no-clearance', '身份证号脱敏显示 / sees ID numbers masked')
    .option('--disable', '停用 / disable')
    .option('--enable', '启用 / enable')
    .action(
      action(
        async (
          ctx,
          name: string,
          options: { role?: string; clearance?: boolean; disable?: boolean; enable?: boolean },
        ) => {
          const change = {
            ...(options.role ? { role: roleOption(options.role) } : {}),
            ...(options.clearance !== undefined ? { clearance: options.clearance } : {}),
            ...(options.disable ? { disabled: true } : options.enable ? { disabled: false } : {}),
          };
          const changed = await updateUser(ctx.store(), name, change);
          await ctx.audit({ action: 'user.update', target: name, params: change });
          ctx.say(
            `${changed.username}: ${changed.role}${changed.clearance ? '，可见身份证号' : ''}${changed.disabled ? '，已停用' : ''}`,
          );
        },
      ),
    );
}
