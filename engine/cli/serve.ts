// `qingfeng serve`: runs Neo4j and the app until Ctrl-C, then stops both cleanly.
import type { Command } from 'commander';
import { t } from '../i18n.ts';
import { serve } from '../server/serve.ts';
import { action } from './action.ts';

export function registerServeCommand(program: Command): void {
  program
    .command('serve')
    .description('启动本地 Neo4j 与清风服务（npm start）/ start the local Neo4j and the Qingfeng server')
    .action(
      action(async (ctx) => {
        const running = await serve(ctx.settings, ctx.say);
        ctx.say(t('serve.listening', { url: running.url }, 'both'));
        await new Promise<void>((resolvePromise) => {
          let stopping = false;
          const stop = () => {
            if (stopping) return;
            stopping = true;
            ctx.say(t('serve.stopping', {}, 'both'));
            running.close().then(resolvePromise, resolvePromise);
          };
          process.once('SIGINT', stop);
          process.once('SIGTERM', stop);
        });
      }),
    );
}
