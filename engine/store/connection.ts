// Decides which Neo4j a process talks to: NEO4J_URI when set, else the managed instance recorded under QINGFENG_HOME.
import { EnvironmentError } from '../errors.ts';
import { t } from '../i18n.ts';
import { homePaths, isNeo4jProcess, readPassword, readRecord } from '../localdb/home.ts';
import type { Settings } from '../settings.ts';

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
