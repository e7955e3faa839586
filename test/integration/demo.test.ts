// The demo county end to end: generated, ingested with exactly the planted bad rows quarantined, truth in the graph.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, sep } from 'node:path';
import { parse } from 'csv-parse/sync';
import { beforeAll, describe, expect, it } from 'vitest';
import { ensureDemo, isEmptyDatabase } from '../../engine/demo/bootstrap.ts';
import { type DemoSummary, generateDemo, type Subject, type Truth } from '../../engine/demo/index.ts';
import { readSettings } from '../../engine/settings.ts';
import type { Store } from '../../engine/store/gateway.ts';
import { type IngestResult, ingestFiles } from '../../ingest/load/run.ts';
import { runCli } from '../setup/cli.ts';
import { cleanGraph, testServerEnv } from '../setup/store.ts';

const KEY_OF: Record<string, string> = {
  Person: 'idNumber',
  Company: 'creditCode',
  Account: 'accountNo',
  Village: 'villageKey',
  PersonMention: 'idNumberRaw',
};

let store: Store;

describe('demo county, scale 1', () => {
  const out = mkdtempSync(join(tmpdir(), 'qf-demo-int-'));
  let truth: Truth;
  let summary: DemoSummary;
  let result: IngestResult;
  let dataDir: string;

  beforeAll(async () => {
    store = await cleanGraph();
    summary = await generateDemo({ out, scale: 1, seed: 7 });
    dataDir = summary.dataDir;
    truth = JSON.parse(readFileSync(join(out, 'truth.json'), 'utf8')) as Truth;
    result = await ingestFiles(store, [dataDir], { outDir: join(out, 'runs') });
  }, 600_000);

  it('ingests every file, and quarantines exactly the rows planted as malformed', () => {
    expect(result.files.filter((f) => f.refused)).toEqual([]);
    const rows = parse(readFileSync(result.quarantineFile, 'utf8'), { bom: true, columns: true }) as Record<
      string,
      string
    >[];
    const quarantined = rows
      .filter((r) => r['处理 disposition'] === 'quarantined')
      .map((r) => `${relative(dataDir, r['文件 file']!)}:${r['行号 row']}`);
    expect(new Set(quarantined)).toEqual(new Set(truth.malformed.map((m) => `${m.file}:${m.row}`)));
    const total = result.files.reduce((n, f) => n + f.quarantined, 0);
    expect(total).toBe(truth.malformed.length);
  });

  it('reads every data row the generator wrote and skips only totals, footers, notes and repeated headers', () => {
    const written = new Map(summary.files.map((f) => [`${f.path}|${f.sheet ?? ''}`, f.rows]));
    const skipped = result.files.reduce((n, f) => n + f.skipped, 0);
    for (const f of result.files) {
      expect(f.rows, f.path).toBe(f.loaded + f.merged + f.quarantined + f.skipped);
      const key = `${relative(dataDir, f.path).split(sep).join('/')}|${f.sheet ?? ''}`;
      expect(f.rows - f.skipped, key).toBe(written.get(key));
    }
    expect(result.files.length).toBe(summary.files.length);
    // Statement totals and print footers, ledger month totals, roster notes, bulk answers' count lines.
    expect(skipped).toBeGreaterThan(100);
  });

  it('puts every subject of every planted scheme and decoy into the graph', async () => {
    const subjects = new Map<string, Subject>();
    for (const item of [...truth.schemes, ...truth.decoys])
      for (const s of item.subjects) subjects.set(`${s.type}:${s.key}`, s);
    const missing: string[] = [];
    for (const [id, s] of subjects) {
      const prop = KEY_OF[s.type];
      expect(prop, `subject type ${s.type}`).toBeDefined();
      const rows = await store.read(`MATCH (n:${s.type} {${prop}: $key}) RETURN 1 AS one LIMIT 1`, {
        key: s.key,
      });
      if (!rows.length) missing.push(id);
    }
    expect(missing).toEqual([]);
    expect(subjects.size).toBeGreaterThan(50);
  });

  it('ties village collectives to their accounts through the ledger', async () => {
    const [row] = await store.read<{ villages: number; tied: number }>(
      `MATCH (v:Village) WITH count(v) AS villages
       MATCH (v:Village)-[:OWNS_ACCOUNT]->(:Account) RETURN villages, count(DISTINCT v) AS tied`,
    );
    expect(row!.villages).toBeGreaterThan(0);
    expect(row!.tied).toBe(row!.villages);
  });
});

describe('npm start on an empty database', () => {
  beforeAll(async () => {
    store = await cleanGraph();
  });

  it('loads the demo county once, and reuses what is there the next time', async () => {
    const home = mkdtempSync(join(tmpdir(), 'qf-demo-home-'));
    const settings = { ...readSettings(), home, demoScale: 0.3 };
    const messages: string[] = [];
    expect(await isEmptyDatabase(store)).toBe(true);
    const first = await ensureDemo(store, settings, (m) => messages.push(m));
    expect(first.loaded).toBe(true);
    expect(first.rows!.loaded).toBeGreaterThan(1000);
    expect(first.rows!.skipped).toBeGreaterThan(0);
    expect(await isEmptyDatabase(store)).toBe(false);
    const second = await ensureDemo(store, settings, (m) => messages.push(m));
    expect(second.loaded).toBe(false);
    const off = await ensureDemo(await cleanGraph(), { ...settings, demoScale: 0 }, () => {});
    expect(off.loaded).toBe(false);
  }, 300_000);
});

describe('qingfeng demo generate', () => {
  it('writes a county and prints a JSON summary; refuses a non-empty folder with exit 2', async () => {
    const out = mkdtempSync(join(tmpdir(), 'qf-demo-cli-'));
    const made = await runCli(
      ['demo', 'generate', '--out', out, '--scale', '0.2', '--seed', '3', '--json'],
      testServerEnv(),
    );
    expect(made.code).toBe(0);
    const summary = JSON.parse(made.stdout) as { people: number; files: unknown[] };
    expect(summary.people).toBeGreaterThan(100);
    expect(summary.files.length).toBeGreaterThan(5);
    const again = await runCli(['demo', 'generate', '--out', out], testServerEnv());
    expect(again.code).toBe(2);
    expect(again.stderr).toContain('[demo.out]');
  }, 120_000);
});
