// `qingfeng ingest` as a user runs it: JSON summary, a refused file, and an ingest killed half-way then run again.
import { spawn } from 'node:child_process';
import { createWriteStream, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '../../engine/store/gateway.ts';
import { ingestFiles } from '../../ingest/load/run.ts';
import { makeIdNumber } from '../../ingest/normalise/idnumber.ts';
import { CLI, runCli } from '../setup/cli.ts';
import { cleanGraph, testServerEnv } from '../setup/store.ts';

const dir = mkdtempSync(join(tmpdir(), 'qf-cli-ingest-'));
let store: Store;

/** Writes a statement of `rows` distinct transfers between 500 accounts (one side only). */
async function writeStatement(path: string, rows: number): Promise<void> {
  const out = createWriteStream(path);
  out.write('本方账号,本方户名,交易日期,交易时间,交易金额,借贷标志,对方账号,对方户名\n');
  for (let i = 0; i < rows; i++) {
    const own = 6200000000000000 + (i % 500);
    const other = 6300000000000000 + ((i * 7) % 500);
    const day = String(1 + (i % 28)).padStart(2, '0');
    const line = `${own},户${i % 500},2023-03-${day},${String(i % 24).padStart(2, '0')}:00:00,${100 + i},借,${other},对方${i % 500}\n`;
    if (!out.write(line)) await new Promise<void>((r) => out.once('drain', () => r()));
  }
  await new Promise<void>((r) => out.end(() => r()));
}

beforeAll(async () => {
  store = await cleanGraph();
});

describe('qingfeng ingest', () => {
  it('prints the documented JSON summary and exits 1 when a file is refused', async () => {
    writeFileSync(
      join(dir, 'deaths.csv'),
      '姓名,身份证号,死亡日期\n张三,11010519491231002X,2021-01-02\n张三,123,2021-01-02\n',
    );
    writeFileSync(join(dir, 'mystery.csv'), 'foo,bar\n1,2\n');
    const result = await runCli(
      ['ingest', join(dir, 'deaths.csv'), join(dir, 'mystery.csv'), '--json', '--out', join(dir, 'runs')],
      testServerEnv(),
    );
    expect(result.code).toBe(1);
    const summary = JSON.parse(result.stdout);
    expect(summary.runId).toMatch(/^run-/);
    expect(summary.quarantineFile).toContain(summary.runId);
    const [deaths, mystery] = summary.files;
    expect(deaths).toMatchObject({ kind: 'death', rows: 2, loaded: 1, merged: 0, quarantined: 1 });
    expect(mystery.refused.id).toBe('ingest.unmapped');
    expect(mystery.refused.message).toContain('foo');
  });

  it('refuses an unknown --kind with exit 2 and a stable id', async () => {
    const result = await runCli(['ingest', join(dir, 'deaths.csv'), '--kind', 'lottery'], testServerEnv());
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('[ingest.kind]');
  });

  it('refuses a file that turns unreadable part-way, keeping and counting the rows read before', async () => {
    await cleanGraph();
    const lines = ['姓名,身份证号,死亡日期'];
    for (let i = 0; i < 3000; i++)
      lines.push(
        `某人${i},${makeIdNumber('330102', '19400101', String(i % 1000).padStart(3, '0'))},2021-01-02`,
      );
    const head = Buffer.from(`${lines.join('\n')}\n`, 'utf8');
    const file = join(dir, 'deaths-broken.csv');
    writeFileSync(file, Buffer.concat([head, Buffer.from([0xff, 0xfe, 0x0a])]));
    const result = await ingestFiles(store, [file], { outDir: join(dir, 'runs') });
    const f = result.files[0]!;
    expect(f.refused?.id).toBe('read.encoding');
    expect(f.rows).toBeGreaterThan(0);
    expect(f.loaded + f.merged + f.quarantined).toBe(f.rows);
    const [n] = await store.read<{ n: number }>(
      'MATCH (p:Person) WHERE p.deathDate IS NOT NULL RETURN count(p) AS n',
    );
    expect(n!.n).toBe(f.loaded);
  });

  it('completes without duplicates after being killed half-way', async () => {
    await cleanGraph();
    const rows = 40_000;
    const file = join(dir, 'big.csv');
    await writeStatement(file, rows);
    const child = spawn(
      process.execPath,
      [CLI, 'ingest', file, '--batch-size', '2000', '--out', join(dir, 'runs')],
      {
        env: testServerEnv(),
        stdio: 'ignore',
      },
    );
    // Kill once some batches are committed but not all.
    let written = 0;
    for (let i = 0; i < 600 && written < 4000; i++) {
      await new Promise((r) => setTimeout(r, 100));
      written = (await store.read<{ n: number }>('MATCH ()-[t:TRANSFER]->() RETURN count(t) AS n'))[0]!.n;
    }
    child.kill('SIGKILL');
    await new Promise((r) => child.once('exit', r));
    const partial = (await store.read<{ n: number }>('MATCH ()-[t:TRANSFER]->() RETURN count(t) AS n'))[0]!.n;
    expect(partial).toBeGreaterThan(0);
    expect(partial).toBeLessThan(rows);

    const rerun = await ingestFiles(store, [file], { outDir: join(dir, 'runs'), batchSize: 5000 });
    const f = rerun.files[0]!;
    expect(f.rows).toBe(rows);
    expect(f.quarantined).toBe(0);
    expect(f.merged).toBe(partial);
    expect(f.loaded).toBe(rows - partial);
    const [after] = await store.read<{ n: number; keys: number }>(
      'MATCH ()-[t:TRANSFER]->() RETURN count(t) AS n, count(DISTINCT t.txKey) AS keys',
    );
    expect(after).toEqual({ n: rows, keys: rows });
  }, 600_000);
});
