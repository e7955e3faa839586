// Neo4j going away and coming back, on an instance of this file's own: the API recovers by itself, follows a
// moved port, and `qingfeng serve` stops within 10 s during an outage, its unstored audit entries replayed later.
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createConnection, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApi, TEST_PASSWORD, type TestApi } from '../../test/setup/api.ts';
import { CLI, cleanEnv } from '../../test/setup/cli.ts';
import { homePaths } from '../localdb/home.ts';
import { startInstance, stopInstance } from '../localdb/instance.ts';
import { freePort } from '../localdb/ports.ts';
import { readSettings, type Settings } from '../settings.ts';
import { type ConnectionInfo, followingStore, resolveConnection } from '../store/connection.ts';
import { closeAllStores, INTERACTIVE_TIMEOUTS, Store } from '../store/gateway.ts';
import { SHUTDOWN_MS } from './serve.ts';

const home = mkdtempSync(join(tmpdir(), 'qf-outage-'));
const env = cleanEnv({ QINGFENG_HOME: home, QINGFENG_DEMO_SCALE: '0' });
const settings: Settings = readSettings(env);
let api: TestApi;
let first: ConnectionInfo;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
// Each test starts Neo4j again at least once: a minute or two on a busy two-core machine.
const SLOW = 600_000;

beforeAll(async () => {
  first = (await startInstance(settings)).connection;
  api = await startApi({ store: followingStore(settings, first, INTERACTIVE_TIMEOUTS).store });
}, SLOW);

afterAll(async () => {
  await api?.close();
  await stopInstance(settings, 20);
  rmSync(home, { recursive: true, force: true });
}, SLOW);

/** `qingfeng serve` on this file's home, resolved once it listens. */
async function serveChild(): Promise<{ child: ChildProcess; base: string }> {
  const port = await freePort();
  const child = spawn(process.execPath, [CLI, 'serve'], {
    env: { ...env, QINGFENG_PORT: String(port) },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let log = '';
  await new Promise<void>((resolvePromise, reject) => {
    child.stderr?.on('data', (chunk) => {
      log += chunk;
      if (log.includes(`:${port}/`)) resolvePromise();
    });
    child.once('exit', (code) => reject(new Error(`serve exited ${code}: ${log}`)));
  });
  return { child, base: `http://127.0.0.1:${port}/api` };
}

async function login(base: string): Promise<string> {
  const res = await fetch(`${base}/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    // `admin` as startApi seeded it (serve makes no first logins in a database that has users).
    body: JSON.stringify({ username: 'admin', password: TEST_PASSWORD }),
  });
  expect(res.status).toBe(200);
  return ((await res.json()) as { token: string }).token;
}

async function auditedCall(base: string, token: string): Promise<Response> {
  return fetch(`${base}/audit?action=outage.probe`, { headers: { authorization: `Bearer ${token}` } });
}

describe('Neo4j restarts under a running API', () => {
  it(
    'answers 503 with Retry-After while Neo4j is down, and 200 again once it is back, without a restart',
    async () => {
      expect((await api.call('get', '/clues', { token: 'analyst' })).status).toBe(200);
      await stopInstance(settings, 20);
      const down = await api.call('get', '/clues', { token: 'analyst' });
      expect(down.status).toBe(503);
      expect(down.body.error.id).toBe('store.unavailable');
      expect(down.headers.get('retry-after')).toBe('5');
      const again = await startInstance(settings);
      // The same port as before the outage, so the driver's address is still right.
      expect(again.connection.uri).toBe(first.uri);
      const back = await api.call('get', '/clues', { token: 'analyst' });
      expect(back.status).toBe(200);
    },
    SLOW,
  );

  it(
    'follows the instance to a new port when its old one was taken meanwhile',
    async () => {
      await stopInstance(settings, 20);
      const oldPort = Number(new URL(first.uri.replace('bolt:', 'http:')).port);
      // Hangs up on whoever connects (the old driver does, until it follows): close() then has nothing to wait for.
      const squatter = createServer((socket) => socket.destroy());
      await new Promise<void>((r) => squatter.listen(oldPort, '127.0.0.1', () => r()));
      try {
        const moved = await startInstance(settings);
        expect(moved.connection.uri).not.toBe(first.uri);
        await sleep(1100);
        const res = await api.call('get', '/clues', { token: 'analyst' });
        expect(res.status).toBe(200);
        expect(resolveConnection(settings).uri).toBe(moved.connection.uri);
      } finally {
        await new Promise((r) => squatter.close(r));
      }
    },
    SLOW,
  );
});

describe('qingfeng serve during an outage', () => {
  it(
    'exits within 10 s of SIGTERM despite a hanging request, keeping unstored audit entries in the spool',
    async () => {
      const { child, base } = await serveChild();
      const token = await login(base);
      await stopInstance(settings, 20);
      const failed = await auditedCall(base, token);
      expect(failed.status).toBe(503);
      const spool = homePaths(home).auditSpool;
      const spooled = readdirSync(spool).flatMap((f) =>
        readFileSync(join(spool, f), 'utf8')
          .trim()
          .split('\n')
          .map((l) => JSON.parse(l)),
      );
      expect(spooled).toContainEqual(expect.objectContaining({ action: 'audit.list', status: 503 }));
      // A request that never completes: its socket would keep a plain server.close() waiting for ever.
      const hanging = createConnection({ port: Number(new URL(base).port), host: '127.0.0.1' });
      hanging.on('error', () => {});
      hanging.write('GET /api/health HTTP/1.1\r\nHost: x\r\n');
      const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
      const t0 = Date.now();
      child.kill('SIGTERM');
      await exited;
      expect(Date.now() - t0).toBeLessThan(SHUTDOWN_MS);
      hanging.destroy();
      expect(readdirSync(spool).length).toBeGreaterThan(0);
    },
    SLOW,
  );

  it(
    'stores what the spool kept at the next start',
    async () => {
      await startInstance(settings);
      const { child } = await serveChild();
      const store = new Store(resolveConnection(settings), INTERACTIVE_TIMEOUTS);
      try {
        const spool = homePaths(home).auditSpool;
        const left = () => (existsSync(spool) ? readdirSync(spool) : []);
        let stored = 0;
        // The replay runs in the background of the new server's start: poll until it is done.
        for (let i = 0; i < 40 && (stored === 0 || left().length); i += 1) {
          await sleep(250);
          const [row] = await store.read<{ n: number }>(
            "MATCH (a:AuditEntry {action: 'audit.list', status: 503, outcome: 'failed'}) RETURN count(a) AS n",
          );
          stored = row?.n ?? 0;
        }
        expect(stored).toBe(1);
        expect(left()).toEqual([]);
      } finally {
        await store.close();
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        await exited;
        await closeAllStores();
      }
    },
    SLOW,
  );
});
