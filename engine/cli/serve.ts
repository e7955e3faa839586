// `qingfeng serve`: runs Neo4j and the app until Ctrl-C, then stops both cleanly.
import type { Command } from 'commander';
import { t } from '../i18n.ts';
import { SHUTDOWN_MS, serve } from '../server/serve.ts';
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
            // The last resort: whatever still hangs (a socket, a worker thread, a driver), the process ends.
            setTimeout(() => {
              ctx.say(t('serve.forcedExit', { seconds: SHUTDOWN_MS / 1000 }, 'both'));
              process.exit(1);
            }, SHUTDOWN_MS).unref();
            running.close().then(resolvePromise, resolvePromise);
          };
          process.once('SIGINT', stop);
          process.once('SIGTERM', stop);
        });
        // Background jobs (an ingest's worker threads, a model run) are not waited for: an interrupted job is
        // marked so at the next start, and its audit entries are in the spool.
        setImmediate(() => process.exit(process.exitCode ?? 0));
      }),
    );
}
