// `qingfeng db …` and `stats` end to end: a second managed instance in its own home, beside the test server.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, symlinkSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isNeo4jProcess } from '../../engine/localdb/home.ts';
import { cleanEnv, runCli } from '../setup/cli.ts';
import { testConnection, testServerEnv } from '../setup/store.ts';

const root = mkdtempSync(join(tmpdir(), 'qf-db-'));
const homeA = join(root, 'a');
const env = cleanEnv({ QINGFENG_HOME: homeA });
let pid = 0;
let boltPort = 0;

beforeAll(async () => {
  const result = await runCli(['db', 'start', '--json'], env);
  expect(result.code, result.stderr).toBe(0);
  const started = JSON.parse(result.stdout);
  pid = started.pid;
  boltPort = started.boltPort;
});

afterAll(async () => {
  await runCli(['db', 'stop'], env);
  rmSync(root, { recursive: true, force: true });
});

describe('qingfeng db', () => {
  it('starts a second instance on free ports, beside the test server, with a private password file', async () => {
    expect(pid).toBeGreaterThan(0);
    expect(`bolt://127.0.0.1:${boltPort}`).not.toBe(testConnection().uri);
    expect(statSync(join(homeA, 'password')).mode & 0o777).toBe(0o600);
    const status = await runCli(['db', 'status', '--json'], env);
    expect(JSON.parse(status.stdout)).toMatchObject({ state: 'running', pid, boltPort, boltReachable: true });
  });

  it('reuses a running instance on a second start', async () => {
    const again = await runCli(['db', 'start', '--json'], env);
    expect(again.code).toBe(0);
    expect(JSON.parse(again.stdout)).toMatchObject({ reused: true, pid, boltPort });
  });

  it('stats --json talks to the instance of its home and has the documented shape', async () => {
    const result = await runCli(['stats', '--json'], env);
    expect(result.code, result.stderr).toBe(0);
    const stats = JSON.parse(result.stdout);
    expect(Object.keys(stats).sort()).toEqual(['ingestRuns', 'nodes', 'relationships']);
    expect(stats.nodes.Person).toBe(0);
    expect(stats.ingestRuns).toEqual({ running: 0, finished: 0, failed: 0, interrupted: 0 });
  });

  it('reset --yes deletes all graph data, and refuses without --yes', async () => {
    const refused = await runCli(['db', 'reset'], env);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('[db.reset.needsYes]');
    // Put data into instance A through NEO4J_URI-less stats' sibling: the home's own password.
    const password = readFileSync(join(homeA, 'password'), 'utf8').trim();
    const { Store } = await import('../../engine/store/gateway.ts');
    const store = new Store({
      uri: `bolt://127.0.0.1:${boltPort}`,
      user: 'neo4j',
      password,
      database: 'neo4j',
      managed: true,
    });
    await store.write(
      "UNWIND range(1, 30) AS i CREATE (:Person {idNumber: 'P' + i})-[:HAS_PHONE]->(:Phone {number: 'N' + i})",
    );
    await store.close();
    const before = JSON.parse((await runCli(['stats', '--json'], env)).stdout);
    expect(before.nodes.Person).toBe(30);
    expect(before.relationships.HAS_PHONE).toBe(30);
    const reset = await runCli(['db', 'reset', '--yes'], env);
    expect(reset.code, reset.stderr).toBe(0);
    const after = JSON.parse((await runCli(['stats', '--json'], env)).stdout);
    expect(after.nodes.Person).toBe(0);
    expect(after.relationships.HAS_PHONE ?? 0).toBe(0);
  });

  it('refuses a port that is in use, with a clear error and non-zero exit', async () => {
    const result = await runCli(
      ['db', 'start'],
      cleanEnv({ QINGFENG_HOME: join(root, 'busy'), QINGFENG_BOLT_PORT: String(boltPort) }),
    );
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('[port.inUse]');
    expect(result.stderr).toContain(String(boltPort));
  });

  it('explains a missing Java and a missing Maven', async () => {
    // A PATH holding only node (and java for the Maven case).
    const bin = join(root, 'bin');
    mkdirSync(bin);
    symlinkSync(process.execPath, join(bin, 'node'));
    const noJava = await runCli(
      ['db', 'start'],
      cleanEnv({ QINGFENG_HOME: join(root, 'nojava'), PATH: bin, JAVA_HOME: '' }),
    );
    expect(noJava.code).toBe(1);
    expect(noJava.stderr).toContain('[java.missing]');
    const javaBin = join(root, 'javabin');
    mkdirSync(javaBin);
    symlinkSync(process.execPath, join(javaBin, 'node'));
    const { execFileSync } = await import('node:child_process');
    const java = execFileSync('sh', ['-c', 'readlink -f "$(command -v java)"'], { encoding: 'utf8' }).trim();
    symlinkSync(java, join(javaBin, 'java'));
    const noMaven = await runCli(
      ['db', 'start'],
      cleanEnv({
        QINGFENG_HOME: join(root, 'nomvn'),
        QINGFENG_CACHE: join(root, 'empty-cache'),
        PATH: javaBin,
        JAVA_HOME: '',
      }),
    );
    expect(noMaven.code).toBe(1);
    expect(noMaven.stderr).toContain('[maven.missing]');
  });

  it('with NEO4J_URI set, uses that server and never starts one', async () => {
    const external = { ...testServerEnv(), QINGFENG_HOME: join(root, 'never') };
    const start = await runCli(['db', 'start'], external);
    expect(start.code).toBe(1);
    expect(start.stderr).toContain('[server.external]');
    const stats = await runCli(['stats', '--json'], external);
    expect(stats.code, stats.stderr).toBe(0);
    expect(JSON.parse(stats.stdout)).toHaveProperty('nodes');
  });

  it('reports a crashed instance and restarts it on the next start', async () => {
    process.kill(pid, 'SIGKILL');
    await new Promise((r) => setTimeout(r, 1000));
    const status = await runCli(['db', 'status', '--json'], env);
    expect(status.code).toBe(3);
    expect(JSON.parse(status.stdout).state).toBe('crashed');
    const restarted = await runCli(['db', 'start', '--json'], env);
    expect(restarted.code, restarted.stderr).toBe(0);
    const record = JSON.parse(restarted.stdout);
    expect(record.reused).toBe(false);
    expect(record.pid).not.toBe(pid);
    // The same ports as before: a running API finds Neo4j where it was.
    expect(record.boltPort).toBe(boltPort);
    expect(JSON.parse(readFileSync(join(homeA, 'run', 'ports.json'), 'utf8'))).toMatchObject({ boltPort });
    pid = record.pid;
  });

  it('stops cleanly', async () => {
    const stop = await runCli(['db', 'stop'], env);
    expect(stop.code).toBe(0);
    const status = await runCli(['db', 'status', '--json'], env);
    expect(JSON.parse(status.stdout).state).toBe('stopped');
    // The JVM may linger as a zombie of its exited parent; what matters is that no server runs.
    expect(isNeo4jProcess(pid)).toBe(false);
    // The ports outlive the stop.
    expect(JSON.parse(readFileSync(join(homeA, 'run', 'ports.json'), 'utf8'))).toMatchObject({ boltPort });
  });

  it('starts on another port, saying so, only when its old port is taken', async () => {
    const squatter = createServer();
    await new Promise<void>((r) => squatter.listen(boltPort, '127.0.0.1', () => r()));
    try {
      const moved = await runCli(['db', 'start', '--json'], env);
      expect(moved.code, moved.stderr).toBe(0);
      const record = JSON.parse(moved.stdout);
      expect(record.boltPort).not.toBe(boltPort);
      expect(moved.stderr).toContain(String(boltPort));
      expect(moved.stderr).toContain(String(record.boltPort));
      expect(JSON.parse(readFileSync(join(homeA, 'run', 'ports.json'), 'utf8')).boltPort).toBe(
        record.boltPort,
      );
    } finally {
      await new Promise((r) => squatter.close(r));
      await runCli(['db', 'stop'], env);
    }
  });
});
