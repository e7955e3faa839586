// Decides which Neo4j a process talks to: NEO4J_URI when set, else the managed instance recorded under QINGFENG_HOME.
// A long-running API follows that instance when it comes back elsewhere.
import { EnvironmentError } from '../errors.ts';
import { t } from '../i18n.ts';
import { homePaths, isNeo4jProcess, readPassword, readRecord } from '../localdb/home.ts';
import type { Settings } from '../settings.ts';
import { getStore, type Store, type StoreTimeouts } from './gateway.ts';

export interface ConnectionInfo {
  uri: string;
  user: string;
  password: string;
  database: string;
  managed: boolean;
}

export function managedConnection(settings: Settings, boltPort: number, password: string): ConnectionInfo {
  return {
    uri: `bolt://127.0.0.1:${boltPort}`,
    user: 'neo4j',
    password,
    database: settings.database,
    managed: true,
  };
}

/** Throws EnvironmentError `db.notRunning` when no server is configured or recorded. */
export function resolveConnection(settings: Settings): ConnectionInfo {
  if (settings.external) return { ...settings.external, database: settings.database, managed: false };
  const paths = homePaths(settings.home);
  const record = readRecord(paths);
  const password = readPassword(paths);
  if (!record || !password || !isNeo4jProcess(record.pid)) {
    throw new EnvironmentError('db.notRunning', t('db.notRunning', { home: settings.home }, 'both'));
  }
  return managedConnection(settings, record.boltPort, password);
}

/** How often (at most) the instance record is read again: a request must not pay a file read each time. */
const RECHECK_MS = 1000;

/**
 * Returns the store a request should use. Neo4j coming back on the same address needs nothing: the driver opens
 * fresh connections by itself. A managed instance that came back elsewhere (its old port was taken) is found by
 * re-reading `run/instance.json`, and a driver for the new address is made. An external server (NEO4J_URI)
 * keeps its address.
 */
export function followingStore(
  settings: Settings,
  initial: ConnectionInfo,
  timeouts: StoreTimeouts,
): { store: () => Store; connection: () => ConnectionInfo } {
  let connection = initial;
  let checkedAt = Date.now();
  const paths = homePaths(settings.home);
  const recheck = () => {
    if (!connection.managed || Date.now() - checkedAt < RECHECK_MS) return;
    checkedAt = Date.now();
    const record = readRecord(paths);
    if (!record || `bolt://127.0.0.1:${record.boltPort}` === connection.uri) return;
    connection = managedConnection(settings, record.boltPort, readPassword(paths) ?? connection.password);
  };
  return {
    store: () => {
      recheck();
      return getStore(connection, timeouts);
    },
    connection: () => connection,
  };
}
