// API load benchmark: search, expand and a template run over HTTP (50 clients, 30 s each) against the same engine calls made directly.
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdirSync, openSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { freePort } from '../engine/localdb/ports.ts';
import { readSettings } from '../engine/settings.ts';
import { resolveConnection } from '../engine/store/connection.ts';
import { closeAllStores, getStore, INTERACTIVE_TIMEOUTS } from '../engine/store/gateway.ts';
import { directLoad, type LoadFigures } from './api/direct.ts';
import { type Sample, sampleTargets } from './api/targets.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const { values } = parseArgs({
  options: {
    scale: { type: 'string', default: '10' },
    connections: { type: 'string', default: '50' },
    seconds: { type: 'string', default: '30' },
    home: { type: 'string', default: join(ROOT, '.qingfeng-bench/api') },
    /** Comma-separated scenario names (search, expand, clues, template…); all by default. */
    only: { type: 'string', default: '' },
  },
});
const scale = Number(values.scale);
const connections = Number(values.connections);
const seconds = Number(values.seconds);
const PASSWORD = 'bench-password-1';
const log = (message: string) => process.stderr.write(`[bench:api] ${message}\n`);

/** `qingfeng serve` as `npm start` runs it, in its own process so the load generator does not share its event loop. */
async function startServer(env: NodeJS.ProcessEnv, base: string): Promise<ChildProcess> {
  mkdirSync(env.QINGFENG_HOME!, { recursive: true });
  const out = openSync(join(env.QINGFENG_HOME!, 'serve.log'), 'w');
  const child = spawn(process.execPath, [join(ROOT, 'bin/qingfeng.mjs'), 'serve'], {
    env,
    stdio: ['ignore', out, out],
  });
  const deadline = Date.now() + 40 * 60_000; // a first scale-10 start generates and ingests the county
  while (Date.now() < deadline) {
    if (child.exitCode !== null)
      throw new Error(`serve exited (${child.exitCode}); see ${env.QINGFENG_HOME}/serve.log`);
    const ok = await fetch(`${base}/api/health`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return child;
    await new Promise((r) => setTimeout(r, 2000));
  }
  throw new Error('serve did not come up');
}

async function login(base: string): Promise<string> {
  const res = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'demo', password: PASSWORD }),
  });
  if (!res.ok) throw new Error(`login failed: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { token: string }).token;
}

/** 50 clients for the duration; each request draws the next sample in turn. */
function overHttp(base: string, token: string, sample: Sample): Promise<LoadFigures> {
  let i = 0;
  return new Promise((resolvePromise, reject) => {
    autocannon(
      {
        url: base,
        connections,
        duration: seconds,
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        requests: [
          {
            setupRequest: (req) => {
              const next = sample.http(i++);
              return { ...req, method: next.method, path: next.path, body: next.body };
            },
          },
        ],
      },
      (error, result) => {
        if (error) return reject(error);
        const total = result.requests.total;
        resolvePromise({
          requests: total,
          perSecond: result.requests.average,
          p50: result.latency.p50,
          p99: result.latency.p99,
          errors: result.errors + result.timeouts + result.non2xx,
        });
      },
    );
  });
}

async function main(): Promise<void> {
  const home = resolve(values.home!);
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const env = {
    ...process.env,
    QINGFENG_HOME: home,
    QINGFENG_PORT: String(port),
    QINGFENG_DEMO_SCALE: String(scale),
    QINGFENG_DEMO_PASSWORD: PASSWORD,
    QINGFENG_NEO4J_HEAP: process.env.QINGFENG_NEO4J_HEAP ?? '2g',
    QINGFENG_NEO4J_PAGECACHE: process.env.QINGFENG_NEO4J_PAGECACHE ?? '1g',
  };
  log(`starting qingfeng serve (scale ${scale}) in ${home}…`);
  const server = await startServer(env, base);
  try {
    const token = await login(base);
    const store = getStore(resolveConnection(readSettings(env)), INTERACTIVE_TIMEOUTS);
    const only = values.only ? values.only.split(',') : [];
    const samples = (await sampleTargets(store)).filter(
      (s) => only.length === 0 || only.some((name) => s.name.startsWith(name)),
    );
    const results: Record<string, { http: LoadFigures; direct: LoadFigures }> = {};
    for (const sample of samples) {
      log(`${sample.name}: ${connections} clients × ${seconds} s over HTTP…`);
      const http = await overHttp(base, token, sample);
      log(`${sample.name}: the same calls made directly, ${connections} at a time × ${seconds} s…`);
      const direct = await directLoad(store, sample, connections, seconds);
      results[sample.name] = { http, direct };
    }
    const rows = Object.entries(results).map(([name, r]) => ({
      scenario: name,
      'HTTP p50 ms': r.http.p50,
      'HTTP p99 ms': r.http.p99,
      'HTTP req/s': Math.round(r.http.perSecond),
      'HTTP errors': r.http.errors,
      'direct p50 ms': Number(r.direct.p50.toFixed(1)),
      'direct p99 ms': Number(r.direct.p99.toFixed(1)),
      'direct calls/s': Math.round(r.direct.perSecond),
      'p99 ratio': Number((r.http.p99 / r.direct.p99).toFixed(2)),
    }));
    console.table(rows);
    const out = join(ROOT, 'bench/results');
    mkdirSync(out, { recursive: true });
    writeFileSync(
      join(out, 'api.json'),
      JSON.stringify({ scale, connections, seconds, at: new Date().toISOString(), results }, null, 2),
    );
    log(`written ${join(out, 'api.json')}`);
  } finally {
    await closeAllStores();
    server.kill('SIGTERM');
    await new Promise((r) => server.once('exit', r));
  }
}

await main();
