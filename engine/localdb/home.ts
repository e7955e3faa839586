// The layout of a managed instance's home folder and the records kept in it (ports, pid, password).
import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface InstanceRecord {
  pid: number;
  boltPort: number;
  httpPort: number;
  version: string;
  startedAt: string;
}

export function homePaths(home: string) {
  return {
    home,
    conf: join(home, 'conf'),
    confFile: join(home, 'conf', 'neo4j.conf'),
    data: join(home, 'data'),
    logs: join(home, 'logs'),
    consoleLog: join(home, 'logs', 'console.log'),
    run: join(home, 'run'),
    import: join(home, 'import'),
    record: join(home, 'run', 'instance.json'),
    // Survives stop (unlike instance.json), so a restart keeps the ports clients were given.
    ports: join(home, 'run', 'ports.json'),
    auditSpool: join(home, 'audit-spool'),
    password: join(home, 'password'),
    authFile: join(home, 'data', 'dbms', 'auth.ini'),
  };
}

export type HomePaths = ReturnType<typeof homePaths>;

export function ensureHomeFolders(paths: HomePaths): void {
  for (const dir of [paths.conf, paths.data, paths.logs, paths.run, paths.import])
    mkdirSync(dir, { recursive: true });
}

export function readRecord(paths: HomePaths): InstanceRecord | undefined {
  if (!existsSync(paths.record)) return undefined;
  try {
    return JSON.parse(readFileSync(paths.record, 'utf8')) as InstanceRecord;
  } catch {
    return undefined;
  }
}

export function writeRecord(paths: HomePaths, record: InstanceRecord): void {
  writeFileSync(paths.record, `${JSON.stringify(record, null, 2)}\n`);
}

export function clearRecord(paths: HomePaths): void {
  rmSync(paths.record, { force: true });
}

/** The ports chosen at the first start, reused by every later start while they are free. */
export interface PortsRecord {
  boltPort: number;
  httpPort: number;
}

export function readPorts(paths: HomePaths): PortsRecord | undefined {
  try {
    const ports = JSON.parse(readFileSync(paths.ports, 'utf8')) as Partial<PortsRecord>;
    return Number.isInteger(ports.boltPort) && Number.isInteger(ports.httpPort)
      ? (ports as PortsRecord)
      : undefined;
  } catch {
    return undefined;
  }
}

export function writePorts(paths: HomePaths, ports: PortsRecord): void {
  writeFileSync(paths.ports, `${JSON.stringify(ports, null, 2)}\n`);
}

/** The instance's password: generated once, stored readable by the owner only. */
export function readOrCreatePassword(paths: HomePaths): { password: string; created: boolean } {
  if (existsSync(paths.password))
    return { password: readFileSync(paths.password, 'utf8').trim(), created: false };
  // A leading '-' would be read as an option by `neo4j-admin dbms set-initial-password`.
  const password = `q${randomBytes(18).toString('base64url')}`;
  writeFileSync(paths.password, `${password}\n`, { mode: 0o600 });
  chmodSync(paths.password, 0o600);
  return { password, created: true };
}

export function readPassword(paths: HomePaths): string | undefined {
  return existsSync(paths.password) ? readFileSync(paths.password, 'utf8').trim() : undefined;
}

/** True while `pid` is a live Neo4j server process (guards against a recycled pid on Linux). */
export function isNeo4jProcess(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  const cmdline = `/proc/${pid}/cmdline`;
  if (!existsSync(cmdline)) return true;
  try {
    return readFileSync(cmdline, 'utf8').includes('CommunityEntryPoint');
  } catch {
    return false;
  }
}
