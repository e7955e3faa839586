// `qingfeng serve` (what `npm start` runs): the managed Neo4j, the schema, and the HTTP server, stopped together.
import type { Server } from 'node:http';
import { markInterruptedRuns } from '../../ingest/load/runs.ts';
import { ensureBuiltinTemplates } from '../../queries/index.ts';
import { ensureFirstLogins } from '../auth/firstRun.ts';
import { type DemoStep, ensureDemo } from '../demo/bootstrap.ts';
import { runModels } from '../detect/run.ts';
import { EnvironmentError } from '../errors.ts';
import { t } from '../i18n.ts';
import { homePaths } from '../localdb/home.ts';
import { startInstance, stopInstance } from '../localdb/instance.ts';
import { isPortFree } from '../localdb/ports.ts';
import { applySchema } from '../schema/constraints.ts';
import type { Settings } from '../settings.ts';
import { type ConnectionInfo, followingStore, resolveConnection } from '../store/connection.ts';
import { closeAllStores, getStore, INTERACTIVE_TIMEOUTS } from '../store/gateway.ts';
import { createApp } from './app.ts';

/** Run after the demo county is loaded: the supervision models raise the demo's clues. */
const demoSteps: DemoStep[] = [
  async (store, say) => {
    const result = await runModels(store, {});
    say(
      `监督模型已运行：${result.clues.length} 条问题线索（${(result.totalMs / 1000).toFixed(1)} 秒） / supervision models raised ${result.clues.length} clues`,
    );
  },
];

export interface RunningServer {
  url: string;
  connection: ConnectionInfo;
  /**
   * Closes the HTTP server and the driver, flushes the audit log, and stops Neo4j if this process started it,
   * all within SHUTDOWN_MS even when Neo4j is gone or requests hang (what is not stored stays in the spool).
   */
  close: () => Promise<void>;
}

/** The whole shutdown budget; `qingfeng serve` exits by force once it is spent. */
export const SHUTDOWN_MS = 10_000;
/** How long requests in flight may finish before their sockets are cut. */
const DRAIN_MS = 3_000;
/** Each of the audit flush and the driver close, which wait on Neo4j. */
const STEP_MS = 2_000;

/** Waits for `work`, but not longer than `ms`: a shutdown step must never hang the exit. */
function atMost(work: Promise<unknown>, ms: number): Promise<void> {
  return new Promise((resolvePromise) => {
    const timer = setTimeout(resolvePromise, ms);
    const done = () => {
      clearTimeout(timer);
      resolvePromise();
    };
    work.then(done, done);
  });
}

export async function serve(settings: Settings, say: (message: string) => void): Promise<RunningServer> {
  if (!(await isPortFree(settings.serverPort, settings.serverHost))) {
    throw new EnvironmentError(
      'port.inUse',
      t('port.inUse', { port: settings.serverPort, variable: 'QINGFENG_PORT' }, 'both'),
    );
  }
  let startedHere = false;
  let connection: ConnectionInfo;
  if (settings.external) {
    connection = resolveConnection(settings);
    await applySchema(getStore(connection));
  } else {
    const started = await startInstance(settings, say);
    startedHere = !started.reused;
    connection = started.connection;
    say(
      t(
        started.reused ? 'db.reused' : 'db.started',
        { uri: connection.uri, httpPort: started.record.httpPort, home: settings.home },
        'both',
      ),
    );
  }
  // An empty database gets the demo county, so a first `npm start` shows Qingfeng at work.
  await ensureDemo(getStore(connection), settings, say, demoSteps);
  const templates = await ensureBuiltinTemplates(getStore(connection));
  if (templates.created.length || templates.updated.length) {
    say(
      `内置查询模板：新增 ${templates.created.length}，更新 ${templates.updated.length} / built-in query templates: ${templates.created.length} added, ${templates.updated.length} updated`,
    );
  }
  await ensureFirstLogins(
    getStore(connection),
    { home: settings.home, withDemo: settings.demoScale > 0, password: settings.demoPassword },
    say,
  );
  // Runs left open by an ingest that was killed (or by a server that was) are marked interrupted.
  await markInterruptedRuns(getStore(connection));
  const following = followingStore(settings, connection, INTERACTIVE_TIMEOUTS);
  const app = createApp({
    store: following.store,
    settings,
    auditSpoolDir: homePaths(settings.home).auditSpool,
  });
  const server: Server = await new Promise((resolvePromise) => {
    const s = app.listen(settings.serverPort, settings.serverHost, () => resolvePromise(s));
  });
  const url = `http://${settings.serverHost}:${settings.serverPort}/`;
  return {
    url,
    connection,
    close: async () => {
      const started = Date.now();
      const closed = new Promise<void>((r) => server.close(() => r()));
      server.closeIdleConnections();
      await atMost(closed, DRAIN_MS);
      server.closeAllConnections();
      await atMost(app.services.audit.flush(), STEP_MS);
      app.services.audit.stop();
      await atMost(closeAllStores(), STEP_MS);
      if (startedHere) {
        // Neo4j goes on shutting down cleanly after SIGTERM even if we stop waiting for it.
        const left = SHUTDOWN_MS - (Date.now() - started) - 500;
        await atMost(stopInstance(settings), Math.max(left, 0));
      }
    },
  };
}
