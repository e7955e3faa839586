// Audit entries recorded while Neo4j is down survive a SIGKILL: the next process replays the spool, once.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { AuditLog } from '../../engine/audit/log.ts';
import type { Store } from '../../engine/store/gateway.ts';
import { testStore } from '../setup/store.ts';

const CHILD = resolve('test/setup/audit-spool-child.ts');
const MARKER = `spool.test.${process.pid}`;
let store: Store;

/** Runs the child until it has recorded (and failed to store) `count` entries, then kills it with SIGKILL. */
async function auditThenCrash(spoolDir: string, count: number): Promise<void> {
  const child = spawn(process.execPath, ['--import', 'tsx', CHILD, spoolDir, String(count), MARKER], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const said = await new Promise<string>((resolvePromise, reject) => {
    let out = '';
    child.stdout.on('data', (chunk) => {
      out += chunk;
      if (out.includes('\n')) resolvePromise(out);
    });
    child.once('exit', (code) => reject(new Error(`child exited ${code} before recording`)));
  });
  expect(said.trim()).toBe(`recorded ${count}`);
  child.kill('SIGKILL');
  await new Promise((r) => child.once('exit', r));
}

async function stored(): Promise<string[]> {
  const rows = await store.read<{ target: string }>(
    'MATCH (a:AuditEntry {action: $action}) RETURN a.target AS target ORDER BY target',
    { action: MARKER },
  );
  return rows.map((r) => r.target);
}

beforeAll(async () => {
  store = testStore();
  await store.write('MATCH (a:AuditEntry {action: $action}) DELETE a', { action: MARKER });
});

describe('audit spool', () => {
  it('keeps entries of a killed process on disk and stores them at the next start, exactly once', async () => {
    const spoolDir = mkdtempSync(join(tmpdir(), 'qf-spool-'));
    await auditThenCrash(spoolDir, 3);
    const [file] = readdirSync(spoolDir);
    expect(file).toMatch(/\.jsonl$/);
    const lines = readFileSync(join(spoolDir, file!), 'utf8').trim().split('\n');
    expect(lines.map((l) => JSON.parse(l).target)).toEqual(['t0', 't1', 't2']);
    expect(await stored()).toEqual([]);

    // The next start: a log on the same spool adopts the dead process's file and stores it.
    const next = new AuditLog(testStore, { spoolDir });
    expect(next.backlog).toBe(3);
    await next.flush();
    expect(await stored()).toEqual(['t0', 't1', 't2']);
    expect(next.backlog).toBe(0);
    expect(readdirSync(spoolDir)).toEqual([]);

    // The same file again (a crash between storing and clearing the spool): replayed, and nothing is added.
    writeFileSync(join(spoolDir, file!), `${lines.join('\n')}\n`);
    const again = new AuditLog(testStore, { spoolDir });
    expect(again.backlog).toBe(3);
    await again.flush();
    expect(await stored()).toEqual(['t0', 't1', 't2']);
  });

  it('clears its own spool once entries are stored, and leaves none on disk for a healthy store', async () => {
    const spoolDir = mkdtempSync(join(tmpdir(), 'qf-spool-'));
    const log = new AuditLog(testStore, { spoolDir });
    const entry = log.record({ user: 'outage', role: 'admin', action: MARKER, target: 'live' });
    expect(existsSync(join(spoolDir, readdirSync(spoolDir)[0]!))).toBe(true);
    await log.flush();
    expect(readdirSync(spoolDir)).toEqual([]);
    const [row] = await store.read<{ n: number }>(
      'MATCH (a:AuditEntry {auditId: $id}) RETURN count(a) AS n',
      {
        id: entry.auditId,
      },
    );
    expect(row!.n).toBe(1);
  });
});
