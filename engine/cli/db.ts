// `qingfeng db start|stop|status|reset`: the managed local Neo4j.
import type { Command } from 'commander';
import { InvalidInputError } from '../errors.ts';
import { t } from '../i18n.ts';
import { instanceStatus, startInstance, stopInstance } from '../localdb/instance.ts';
import { resetGraph } from '../store/admin.ts';
import { action } from './action.ts';

export function registerDbCommands(program: Command): void {
  const db = program.command('db').description('本地 Neo4j 数据库管理 / manage the local Neo4j database');

  db.command('start')
    .description('启动（或复用）本地 Neo4j，首次运行时从 Maven Central 获取 / start or reuse the local Neo4j')
    .option('--json', '以 JSON 输出 / print JSON')
    .action(
      action(async (ctx, options: { json?: boolean }) => {
        const result = await startInstance(ctx.settings, ctx.say);
        const { connection, record } = result;
        if (options.json) {
          ctx.json({ reused: result.reused, uri: connection.uri, ...record, home: ctx.settings.home });
          return;
        }
        const key = result.reused ? 'db.reused' : 'db.started';
        ctx.say(t(key, { uri: connection.uri, httpPort: record.httpPort, home: ctx.settings.home }, 'both'));
      }),
    );

  db.command('stop')
    .description('停止本地 Neo4j / stop the local Neo4j')
    .action(
      action(async (ctx) => {
        const stopped = await stopInstance(ctx.settings);
        ctx.say(
          stopped ? t('db.stopped', {}, 'both') : t('db.notRunning', { home: ctx.settings.home }, 'both'),
        );
      }),
    );

  db.command('status')
    .description('查看本地 Neo4j 状态 / show the local Neo4j status')
    .option('--json', '以 JSON 输出 / print JSON')
    .action(
      action(async (ctx, options: { json?: boolean }) => {
        const status = await instanceStatus(ctx.settings);
        if (options.json) ctx.json(status);
        else
          ctx.say(
            Object.entries(status)
              .map(([k, v]) => `${k}: ${v}`)
              .join('\n'),
          );
        if (status.state === 'crashed') process.exitCode = 3;
      }),
    );

  db.command('reset')
    .description('删除全部图数据（需 --yes 确认）/ delete all graph data (needs --yes)')
    .option('--yes', '确认删除 / confirm')
    .action(
      action(async (ctx, options: { yes?: boolean }) => {
        if (!options.yes)
          throw new InvalidInputError('db.reset.needsYes', t('db.reset.needsYes', {}, 'both'));
        const nodes = await resetGraph(ctx.store());
        ctx.say(t('db.reset.done', { nodes }, 'both'));
      }),
    );
}
