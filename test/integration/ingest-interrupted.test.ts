// An ingest killed with SIGKILL leaves its IngestRun open; the next run (or `qingfeng stats`) marks it interrupted.
import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '../../engine/store/gateway.ts';
import { ingestFiles } from '../../ingest/load/run.ts';
import { markInterruptedRuns } from '../../ingest/load/runs.ts';
import { makeIdNumber } from '../../ingest/normalise/idnumber.ts';
import { CLI, runCli } from '../setup/cli.ts';
import { cleanGraph, testServerEnv } from '../setup/store.ts';

const dir = mkdtempSync(join(tmpdir(), 'qf-interrupted-'));
let store: Store;

interface RunRow {
  runId: string;
  status: string | null;
  pid: number | null;
  host: string | null;
  finished: boolean;
}

async function runs(): Promise<RunRow[]> {
  return store.read<RunRow>(
    `MATCH (r:IngestRun) RETURN r.runId AS runId, r.status AS status, r.pid AS pid, r.host AS host,
            r.finishedAt IS NOT NULL AS finished ORDER BY r.startedAt`,
  );
}

function deathList(path: string, rows: number): void {
  const lines = ['姓名,身份证号,死亡日期'];
  for (let i = 0; i < rows; i++)
    lines.push(
      `某人${i},${makeIdNumber('330102', '19400101', String(i % 1000).padStart(3, '0'))},2021-01-02`,
    );
  writeFileSync(path, `${lines.join('\n')}\n`);
}

beforeAll(async () => {
  store = await cleanGraph();
});

describe('interrupted ingest runs', () => {
  it('marks a run killed half-way as interrupted at the next run, and stats says so', async () => {
    const big = join(dir, 'deaths-big.csv');
    deathList(big, 60_000);
    const child = spawn(
      process.execPath,
      [CLI, 'ingest', big, '--batch-size', '500', '--out', join(dir, 'runs')],
      {
        env: testServerEnv(),
        stdio: 'ignore',
      },
    );
    let open: RunRow | undefined;
    for (let i = 0; i < 600 && !open; i++) {
      await new Promise((r) => setTimeout(r, 100));
      open = (await runs()).find((r) => r.pid === child.pid && !r.finished);
    }
    child.kill('SIGKILL');
    await new Promise((r) => child.once('exit', r));
    expect(open).toMatchObject({ status: 'running', finished: false });
    expect(open!.host).toBeTruthy();

    const small = join(dir, 'deaths-small.csv');
    deathList(small, 3);
    const next = await ingestFiles(store, [small], { outDir: join(dir, 'runs') });
    const after = await runs();
    expect(after.find((r) => r.runId === open!.runId)).toMatchObject({
      status: 'interrupted',
      finished: true,
    });
    expect(after.find((r) => r.runId === next.runId)).toMatchObject({ status: 'finished', finished: true });

    const stats = await runCli(['stats', '--json'], testServerEnv());
    expect(stats.code, stats.stderr).toBe(0);
    expect(JSON.parse(stats.stdout).ingestRuns).toEqual({
      running: 0,
      finished: 1,
      failed: 0,
      interrupted: 1,
    });
  }, 300_000);

  it('leaves a live run alone, and marks a run whose heartbeat stopped, on any host', async () => {
    await store.write(
      `CREATE (:IngestRun {runId: 'run-live', startedAt: datetime(), heartbeatAt: datetime(),
                          host: 'elsewhere', pid: 1, status: 'running'})
       CREATE (:IngestRun {runId: 'run-silent', startedAt: datetime() - duration('PT2H'),
                          heartbeatAt: datetime() - duration('PT1H'), host: 'elsewhere', pid: 1, status: 'running'})`,
    );
    expect(await markInterruptedRuns(store)).toEqual(['run-silent']);
    const all = await runs();
    expect(all.find((r) => r.runId === 'run-live')).toMatchObject({ status: 'running', finished: false });
    expect(all.find((r) => r.runId === 'run-silent')).toMatchObject({
      status: 'interrupted',
      finished: true,
    });
  }, 300_000);
});
