// Start, stop, inspect and reset a managed Neo4j Community instance living under QINGFENG_HOME.
import { spawn, spawnSync } from 'node:child_process';
import { closeSync, existsSync, openSync, readFileSync, writeFileSync } from 'node:fs';
import { EnvironmentError } from '../errors.ts';
import { t } from '../i18n.ts';
import { applySchema } from '../schema/constraints.ts';
import type { Settings } from '../settings.ts';
import { type ConnectionInfo, managedConnection } from '../store/connection.ts';
import { Store } from '../store/gateway.ts';
import { jvmArgs, renderConf } from './conf.ts';
import {
  clearRecord,
  ensureHomeFolders,
  type HomePaths,
  homePaths,
  type InstanceRecord,
  isNeo4jProcess,
  readOrCreatePassword,
  readPorts,
  readRecord,
  writePorts,
  writeRecord,
} from './home.ts';
import { freePort, isListening, isPortFree } from './ports.ts';
import { ensureNeo4jJars } from './provision.ts';
import { findJava } from './toolchain.ts';

export type InstanceState = 'running' | 'stopped' | 'crashed' | 'external';

export interface InstanceStatus {
  state: InstanceState;
  home: string;
  uri?: string;
  pid?: number;
  boltPort?: number;
  httpPort?: number;
  version?: string;
  boltReachable?: boolean;
}

export interface StartResult {
  reused: boolean;
  connection: ConnectionInfo;
  record: InstanceRecord;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function logTail(file: string, lines = 15): string {
  if (!existsSync(file)) return '';
  return readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
}

export async function instanceStatus(settings: Settings): Promise<InstanceStatus> {
  if (settings.external) return { state: 'external', home: settings.home, uri: settings.external.uri };
  const paths = homePaths(settings.home);
  const record = readRecord(paths);
  if (!record) return { state: 'stopped', home: settings.home };
  const alive = isNeo4jProcess(record.pid);
  return {
    state: alive ? 'running' : 'crashed',
    home: settings.home,
    uri: `bolt://127.0.0.1:${record.boltPort}`,
    pid: record.pid,
    boltPort: record.boltPort,
    httpPort: record.httpPort,
    version: record.version,
    boltReachable: alive ? await isListening(record.boltPort) : false,
  };
}

/**
 * A port set by the environment must be free (else an error); otherwise the port this home used before is taken
 * again when free, so a restarted Neo4j is where running clients (the API) expect it; failing that, a free one.
 */
async function choosePort(
  wanted: number | undefined,
  previous: number | undefined,
  variable: string,
  avoid: number[],
  say: (message: string) => void,
): Promise<number> {
  if (wanted !== undefined) {
    if (!(await isPortFree(wanted))) {
      throw new EnvironmentError('port.inUse', t('port.inUse', { port: wanted, variable }, 'both'), {
        details: { port: wanted },
      });
    }
    return wanted;
  }
  if (previous !== undefined && !avoid.includes(previous)) {
    if (await isPortFree(previous)) return previous;
  }
  for (;;) {
    const port = await freePort();
    if (avoid.includes(port)) continue;
    if (previous !== undefined) say(t('port.moved', { previous, port, variable }, 'both'));
    return port;
  }
}

/** Writes auth.ini before the first start, so the server never runs with the default password. */
function setInitialPassword(java: string, lib: string, paths: HomePaths, password: string): void {
  if (existsSync(paths.authFile)) return;
  const result = spawnSync(
    java,
    ['-cp', `${lib}/*`, 'org.neo4j.cli.AdminTool', 'dbms', 'set-initial-password', password],
    { encoding: 'utf8', env: { ...process.env, NEO4J_HOME: paths.home, NEO4J_CONF: paths.conf } },
  );
  if (result.status !== 0) {
    throw new EnvironmentError(
      'server.crashed',
      t('server.crashed', { log: 'neo4j-admin', tail: result.stderr }, 'both'),
    );
  }
}

async function waitForBolt(
  settings: Settings,
  connection: ConnectionInfo,
  boltPort: number,
  paths: HomePaths,
  exited: () => number | null | undefined,
): Promise<void> {
  const deadline = Date.now() + settings.startTimeoutSeconds * 1000;
  while (Date.now() < deadline) {
    if (exited() !== undefined) {
      throw new EnvironmentError(
        'server.crashed',
        t('server.crashed', { log: paths.consoleLog, tail: logTail(paths.consoleLog) }, 'both'),
      );
    }
    if (await isListening(boltPort)) {
      const store = new Store(connection);
      try {
        await store.verify();
        return;
      } catch {
        // Bolt is bound but the database is still starting; try again.
      } finally {
        await store.close();
      }
    }
    await sleep(500);
  }
  throw new EnvironmentError(
    'server.timeout',
    t('server.timeout', { seconds: settings.startTimeoutSeconds, log: paths.consoleLog }, 'both'),
  );
}

/**
 * Starts (or reuses) the managed instance: jars from the cache, config, ports, initial password,
 * then waits until Bolt accepts our login and applies the schema's constraints and indexes.
 */
export async function startInstance(
  settings: Settings,
  say: (message: string) => void = () => {},
): Promise<StartResult> {
  if (settings.external) {
    throw new EnvironmentError(
      'server.external',
      t('server.external', { uri: settings.external.uri }, 'both'),
    );
  }
  const paths = homePaths(settings.home);
  ensureHomeFolders(paths);
  const { password } = readOrCreatePassword(paths);
  const existing = readRecord(paths);
  if (existing && isNeo4jProcess(existing.pid)) {
    const connection = managedConnection(settings, existing.boltPort, password);
    await waitForBolt(settings, connection, existing.boltPort, paths, () =>
      isNeo4jProcess(existing.pid) ? undefined : 1,
    );
    return { reused: true, connection, record: existing };
  }
  clearRecord(paths);
  const java = findJava();
  const lib = await ensureNeo4jJars(settings.cacheDir, settings.neo4jVersion, say);
  const previous = readPorts(paths);
  const boltPort = await choosePort(settings.boltPort, previous?.boltPort, 'QINGFENG_BOLT_PORT', [], say);
  const httpPort = await choosePort(
    settings.httpPort,
    previous?.httpPort,
    'QINGFENG_HTTP_PORT',
    [boltPort],
    say,
  );
  writePorts(paths, { boltPort, httpPort });
  writeFileSync(
    paths.confFile,
    renderConf(paths, { boltPort, httpPort, pageCache: settings.neo4jPageCache, heap: settings.neo4jHeap }),
  );
  setInitialPassword(java.command, lib, paths, password);

  const log = openSync(paths.consoleLog, 'a');
  const child = spawn(
    java.command,
    [
      ...jvmArgs(settings.neo4jHeap),
      '-cp',
      `${lib}/*`,
      'org.neo4j.server.CommunityEntryPoint',
      `--home-dir=${paths.home}`,
      `--config-dir=${paths.conf}`,
    ],
    {
      detached: true,
      stdio: ['ignore', log, log],
      env: { ...process.env, NEO4J_HOME: paths.home, NEO4J_CONF: paths.conf },
    },
  );
  closeSync(log);
  let exitCode: number | null | undefined;
  child.on('exit', (code) => {
    exitCode = code;
  });
  if (child.pid === undefined) throw new EnvironmentError('java.missing', t('java.missing', {}, 'both'));
  const record: InstanceRecord = {
    pid: child.pid,
    boltPort,
    httpPort,
    version: settings.neo4jVersion,
    startedAt: new Date().toISOString(),
  };
  writeRecord(paths, record);
  const connection = managedConnection(settings, boltPort, password);
  try {
    await waitForBolt(settings, connection, boltPort, paths, () => exitCode);
  } catch (error) {
    if (exitCode === undefined) child.kill('SIGKILL');
    clearRecord(paths);
    throw error;
  }
  child.unref();
  const store = new Store(connection);
  try {
    await applySchema(store);
  } finally {
    await store.close();
  }
  return { reused: false, connection, record };
}

/** Stops the instance cleanly (SIGTERM, then SIGKILL after `graceSeconds`). Returns false if it was not running. */
export async function stopInstance(settings: Settings, graceSeconds = 60): Promise<boolean> {
  const paths = homePaths(settings.home);
  const record = readRecord(paths);
  if (!record) return false;
  if (!isNeo4jProcess(record.pid)) {
    clearRecord(paths);
    return false;
  }
  process.kill(record.pid, 'SIGTERM');
  const deadline = Date.now() + graceSeconds * 1000;
  while (isNeo4jProcess(record.pid) && Date.now() < deadline) await sleep(250);
  if (isNeo4jProcess(record.pid)) process.kill(record.pid, 'SIGKILL');
  while (isNeo4jProcess(record.pid)) await sleep(100);
  clearRecord(paths);
  return true;
}
