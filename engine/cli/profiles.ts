// `qingfeng profiles list|show|remove|save`: the analysts' saved mapping profiles under <home>/profiles/.
import { userInfo } from 'node:os';
import type { Command } from 'commander';
import { loadProfile } from '../../ingest/profiles/profile.ts';
import {
  getSavedProfile,
  listSavedProfiles,
  profilesDir,
  removeProfile,
  saveProfile,
} from '../../ingest/profiles/store.ts';
import { action } from './action.ts';

export function registerProfileCommands(program: Command): void {
  const profiles = program
    .command('profiles')
    .description(
      '已保存的字段映射配置（相同表头的文件自动使用）/ saved mapping profiles, reused for files with the same headers',
    );

  profiles
    .command('list')
    .description('列出已保存的配置 / list saved profiles')
    .option('--json', '以 JSON 输出 / print JSON')
    .action(
      action(async (ctx, options: { json?: boolean }) => {
        const list = listSavedProfiles(ctx.settings.home);
        if (options.json) {
          ctx.json({ profiles: list });
          return;
        }
        if (!list.length) {
          ctx.say(`没有已保存的配置 / No saved profiles (${profilesDir(ctx.settings.home)})`);
          return;
        }
        ctx.say(
          list
            .map(
              (p) =>
                `${p.name}  ${p.kind}  表头 headers: ${p.headers.join(', ')}` +
                `${p.fingerprint ? `  指纹 fingerprint: ${p.fingerprint}` : ''}` +
                `${p.savedAt ? `  保存于 saved ${p.savedAt}${p.savedBy ? ` (${p.savedBy})` : ''}` : ''}`,
            )
            .join('\n'),
        );
      }),
    );

  profiles
    .command('show')
    .description('显示一个配置（YAML）/ print one profile as YAML')
    .argument('<name>', '配置名 / profile name')
    .action(
      action(async (ctx, name: string) => {
        process.stdout.write(getSavedProfile(ctx.settings.home, name).yaml);
      }),
    );

  profiles
    .command('remove')
    .description('删除一个配置 / delete a saved profile')
    .argument('<name>', '配置名 / profile name')
    .action(
      action(async (ctx, name: string) => {
        removeProfile(ctx.settings.home, name);
        ctx.say(`已删除配置 Removed profile ${name}`);
      }),
    );

  profiles
    .command('save')
    .description(
      '保存一个配置文件（如 --plan 写出并修改后的），以后相同表头自动使用 / save a profile file (e.g. one --plan wrote, corrected) for reuse',
    )
    .argument('<file>', 'YAML/JSON 配置文件 / profile file')
    .action(
      action(async (ctx, file: string) => {
        // Read as ingest reads it first, so a file that ingest would refuse is never saved.
        const spec = loadProfile(file).spec;
        const name = saveProfile(ctx.settings.home, spec, `cli:${userInfo().username}`);
        ctx.say(`已保存配置 Saved profile ${name}（${profilesDir(ctx.settings.home)}）`);
      }),
    );
}
