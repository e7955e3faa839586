// What `npm start` does on an empty database: generate the demo county, ingest it, run the analyses that exist.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ingestFiles } from '../../ingest/load/run.ts';
import type { Settings } from '../settings.ts';
import type { Store } from '../store/gateway.ts';
import { DATA_DIR, type DemoSummary, generateDemo } from './index.ts';

/** A step run after the demo is loaded (detection, analysis); registered by the areas that provide them. */
export type DemoStep = (store: Store, say: (message: string) => void) => Promise<void>;

export interface DemoState {
  /** True when this call generated and loaded the county; false when the database already held data. */
  loaded: boolean;
  folder: string;
  summary?: DemoSummary;
  /** Row outcomes over every file: rows = loaded + merged + quarantined + skipped (totals, footers, notes). */
  rows?: { loaded: number; merged: number; quarantined: number; skipped: number };
}

/** Where the demo county of this home lives. */
export function demoFolder(settings: Settings): string {
  return join(settings.home, 'demo');
}

/** True when the database holds no ingested data yet (no ingest run has ever completed into it). */
export async function isEmptyDatabase(store: Store): Promise<boolean> {
  const [row] = await store.read<{ n: number }>(
    'MATCH (n) WHERE n:IngestRun OR n:Person OR n:Account OR n:Company RETURN count(n) > 0 AS n LIMIT 1',
  );
  return !row?.n;
}

/**
 * Loads the demo county when the database is empty and the demo is on (QINGFENG_DEMO_SCALE > 0). The files are
 * generated once into `home/demo` (reused when a previous start got that far), then ingested; `steps` follow.
 */
export async function ensureDemo(
  store: Store,
  settings: Settings,
  say: (message: string) => void,
  steps: DemoStep[] = [],
): Promise<DemoState> {
  const folder = demoFolder(settings);
  if (settings.demoScale <= 0 || !(await isEmptyDatabase(store))) return { loaded: false, folder };
  const truthFile = join(folder, 'truth.json');
  let summary: DemoSummary | undefined;
  const reusable =
    existsSync(truthFile) &&
    (JSON.parse(readFileSync(truthFile, 'utf8')) as { scale?: number }).scale === settings.demoScale;
  if (!reusable) {
    say(
      `正在生成演示县数据（规模 ${settings.demoScale}）… / Generating the demo county (scale ${settings.demoScale})…`,
    );
    summary = await generateDemo({ out: folder, scale: settings.demoScale, overwrite: true });
    say(
      `已生成：${summary.people} 人、${summary.companies} 家企业、${summary.transfers} 笔转账 / generated: ${summary.people} people, ${summary.companies} companies, ${summary.transfers} transfers`,
    );
  }
  say('正在导入演示数据… / Ingesting the demo data…');
  const result = await ingestFiles(store, [join(folder, DATA_DIR)], {
    outDir: join(settings.home, 'ingest-runs'),
  });
  const rows = { loaded: 0, merged: 0, quarantined: 0, skipped: 0 };
  for (const f of result.files) {
    rows.loaded += f.loaded;
    rows.merged += f.merged;
    rows.quarantined += f.quarantined;
    rows.skipped += f.skipped;
  }
  say(
    `导入完成：载入 ${rows.loaded} 行，合并 ${rows.merged} 行，隔离 ${rows.quarantined} 行（见 ${result.quarantineFile}），跳过合计/页脚等非数据行 ${rows.skipped} 行 / ingested: ${rows.loaded} loaded, ${rows.merged} merged, ${rows.quarantined} quarantined, ${rows.skipped} non-data rows skipped`,
  );
  for (const step of steps) await step(store, say);
  return { loaded: true, folder, ...(summary ? { summary } : {}), rows };
}
