// Schemathesis over /api/openapi.json: own Neo4j and server, a small data set, an admin token; non-zero on any finding.
import { spawn } from 'node:child_process';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import { createUser } from '../../engine/auth/users.ts';
import { runModels } from '../../engine/detect/run.ts';
import { startInstance, stopInstance } from '../../engine/localdb/instance.ts';
import { createApp } from '../../engine/server/app.ts';
import { readSettings } from '../../engine/settings.ts';
import { resetGraph } from '../../engine/store/admin.ts';
import { closeAllStores, getStore } from '../../engine/store/gateway.ts';
import { contractorFixture } from '../fixtures/detect/companies.ts';
import { AS_OF } from '../fixtures/detect/welfare.ts';

const SCHEMATHESIS = resolve(process.env.SCHEMATHESIS_BIN ?? '.venv-schemathesis/bin/schemathesis');
const PASSWORD = 'fuzz-password-1';
const say = (message: string) => process.stderr.write(`[schemathesis] ${message}\n`);

/**
 * Operations left out, each for a reason that fuzzing cannot work around:
 * - POST /api/auth/logout ends the very session the run authenticates with.
 * - PATCH /api/users/{username} may disable or demote the fuzzing admin (it ends the user's sessions).
 */
const EXCLUDED = [
  ['--exclude-operation-id', 'postAuthLogout'],
  ['--exclude-operation-id', 'patchUsersUsername'],
].flat();

/** Calls the API as the fuzzing admin; throws on an error answer (the set-up must work). */
async function api<T>(base: string, token: string, method: string, path: string, body?: unknown): Promise<T> {
  const res = await fetch(`${base}/api${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

/**
 * Identifiers that exist, for the path and query parameters schemathesis.toml binds (as QF_FUZZ_* variables):
 * without them every case, clue and entity route would only ever answer 404.
 */
async function knownIds(base: string, token: string): Promise<Record<string, string>> {
  type Clue = { clueId: string; subjects: { type: string; key: string }[] };
  const { clues } = await api<{ clues: Clue[] }>(base, token, 'GET', '/clues?sort=amount');
  const clue = clues[0];
  if (!clue) throw new Error('the fixture raised no clue');
  const opened = await api<{ case: { caseId: string }; subjects: { id: string }[] }>(
    base,
    token,
    'POST',
    '/cases',
    { fromClue: clue.clueId },
  );
  const caseId = opened.case.caseId;
  const { note } = await api<{ note: { noteId: string } }>(base, token, 'POST', `/cases/${caseId}/notes`, {
    text: 'fuzz',
  });
  const { view } = await api<{ view: { viewId: string } }>(base, token, 'POST', `/cases/${caseId}/views`, {
    name: 'fuzz',
    state: { nodes: [] },
  });
  const ref = (type: string) => {
    const subject = clue.subjects.find((s) => s.type === type) ?? clue.subjects[0]!;
    return `${subject.type}:${subject.key}`;
  };
  return {
    QF_FUZZ_CASE: caseId,
    QF_FUZZ_CLUE: clue.clueId,
    QF_FUZZ_NOTE: note.noteId,
    QF_FUZZ_VIEW: view.viewId,
    QF_FUZZ_SUBJECT: opened.subjects[0]?.id ?? ref('Person'),
    QF_FUZZ_PERSON: ref('Person'),
    QF_FUZZ_COMPANY: ref('Company'),
  };
}

async function main(): Promise<number> {
  // Own home (and so its own Neo4j with free ports), apart from the integration tests' instance.
  const settings = readSettings({
    ...process.env,
    QINGFENG_HOME: process.env.QINGFENG_SCHEMATHESIS_HOME ?? resolve('.qingfeng-test-schemathesis'),
    QINGFENG_BOLT_PORT: '',
    QINGFENG_HTTP_PORT: '',
    QINGFENG_NEO4J_HEAP: '512m',
    QINGFENG_NEO4J_PAGECACHE: '128m',
  });
  const started = await startInstance(settings, say);
  let server: Server | undefined;
  try {
    const store = () => getStore(started.connection);
    await resetGraph(store());
    // A small graph with clues, so entity, clue and case routes have something to find.
    const fixture = contractorFixture();
    await fixture.graph.write(store());
    await runModels(store(), { models: ['cadre_related_contractor'], asOf: AS_OF, user: 'fuzz' });
    await createUser(store(), { username: 'fuzz-admin', password: PASSWORD, role: 'admin', clearance: true });
    const app = createApp({ store, settings });
    server = await new Promise<Server>((done) => {
      const s = app.listen(0, '127.0.0.1', () => done(s));
    });
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const login = await fetch(`${base}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'fuzz-admin', password: PASSWORD }),
    });
    const { token } = (await login.json()) as { token: string };
    if (!token) throw new Error(`login failed: ${login.status}`);
    const env = { ...process.env, ...(await knownIds(base, token)) };
    const args = [
      '--config-file',
      resolve('test/schemathesis/schemathesis.toml'),
      'run',
      `${base}/api/openapi.json`,
      '--url',
      base,
      '--checks',
      'all',
      '--seed',
      process.env.SCHEMATHESIS_SEED ?? '20261207',
      '--max-examples',
      process.env.SCHEMATHESIS_EXAMPLES ?? '25',
      '--workers',
      '1',
      '--phases',
      'examples,coverage,fuzzing',
      '--no-shrink',
      '--request-timeout',
      '60',
      // A slow answer is not what this run looks for (two shared cores); the benches measure time.
      '--max-response-time',
      '60',
      '-H',
      `Authorization: Bearer ${token}`,
      ...EXCLUDED,
      ...process.argv.slice(2),
    ];
    say(`${SCHEMATHESIS} ${args.join(' ').replace(token, '…')}`);
    return await new Promise<number>((done, fail) => {
      const child = spawn(SCHEMATHESIS, args, { stdio: 'inherit', env });
      child.on('error', fail);
      child.on('exit', (code) => done(code ?? 1));
    });
  } finally {
    await new Promise<void>((done) => (server ? server.close(() => done()) : done()));
    server?.closeAllConnections();
    await closeAllStores();
    if (!started.reused) await stopInstance(settings);
  }
}

main().then(
  (code) => process.exit(code),
  (error) => {
    say(error instanceof Error ? (error.stack ?? error.message) : String(error));
    process.exit(1);
  },
);
