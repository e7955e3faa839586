// AMLSim benchmark: the 20K cycle and fan-in runs, cycle and fan-in detectors scored per account against isFraud.
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { accountScores } from '../../engine/detect/evaluate.ts';
import { runModels } from '../../engine/detect/run.ts';
import { startInstance, stopInstance } from '../../engine/localdb/instance.ts';
import { readSettings } from '../../engine/settings.ts';
import { resetGraph } from '../../engine/store/admin.ts';
import { Store } from '../../engine/store/gateway.ts';
import { ingestFiles } from '../../ingest/load/run.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const DATA = resolve(ROOT, '../shared/data/amlsim');
const RUNS = ['20K_cycle200', '20K_fanin200'];
const AS_OF = '2020-12-31';

/** Detector variants: the model as shipped, and parameters suited to AMLSim's scale (amounts 2–600, 150 day steps). */
export const VARIANTS: { name: string; model: string; params: Record<string, unknown> }[] = [
  { name: 'circular_transfers (defaults)', model: 'circular_transfers', params: {} },
  {
    name: 'circular_transfers (any amount, 150-day window)',
    model: 'circular_transfers',
    params: { minAmount: 0, windowDays: 150 },
  },
  {
    name: 'circular_transfers (any amount, 30-day window)',
    model: 'circular_transfers',
    params: { minAmount: 0 },
  },
  {
    name: 'circular_transfers (any amount, 150 days, equal amounts ±0.1%)',
    model: 'circular_transfers',
    params: { minAmount: 0, windowDays: 150, tolerance: 0.001 },
  },
  { name: 'fan_in (defaults: 3 senders, same-day repeats, 30 days)', model: 'fan_in', params: {} },
  { name: 'fan_in (2 senders, 150 days)', model: 'fan_in', params: { minSenders: 2, windowDays: 150 } },
  { name: 'fan_in (1 sender, 150 days)', model: 'fan_in', params: { minSenders: 1, windowDays: 150 } },
  {
    name: 'fan_in plain (5 senders in 7 days, any transfer)',
    model: 'fan_in',
    params: { minRepeat: 1, minSenders: 5, windowDays: 7 },
  },
];

/** Accounts labelled isFraud = 1 in the run's nodes.csv, as the profile keys them (`AML-<id>`). */
function positives(run: string): Set<string> {
  const lines = readFileSync(join(DATA, run, 'nodes.csv'), 'utf8')
    .trim()
    .split(/\r?\n/)
    .slice(1);
  return new Set(
    lines
      .map((l) => l.split(','))
      .filter((c) => c[1] === '1')
      .map((c) => `AML-${c[0]}`),
  );
}

const log = (m: string) => process.stderr.write(`[bench:amlsim] ${m}\n`);

async function main(): Promise<void> {
  const settings = readSettings({
    ...process.env,
    NEO4J_URI: undefined,
    QINGFENG_HOME: resolve(ROOT, '.qingfeng-bench/amlsim'),
    QINGFENG_NEO4J_HEAP: process.env.QINGFENG_NEO4J_HEAP || '2g',
    QINGFENG_NEO4J_PAGECACHE: process.env.QINGFENG_NEO4J_PAGECACHE || '1g',
  });
  const started = await startInstance(settings, log);
  const store = new Store(started.connection);
  const results: Record<string, unknown>[] = [];
  try {
    for (const run of RUNS) {
      log(`${run}: emptying the store and ingesting transactions.csv and nodes.csv`);
      await resetGraph(store);
      const t0 = performance.now();
      await ingestFiles(store, [join(DATA, run, 'transactions.csv'), join(DATA, run, 'nodes.csv')], {
        outDir: join(ROOT, 'bench', 'results', 'ingest-runs'),
      });
      log(`${run}: ingested in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
      const fraud = positives(run);
      for (const v of VARIANTS) {
        const result = await runModels(store, {
          models: [v.model],
          asOf: AS_OF,
          params: { [v.model]: v.params },
          save: false,
        });
        const score = accountScores(result.clues, v.model, fraud);
        const row = { run, variant: v.name, clues: result.clues.length, ms: result.models[0]?.ms, ...score };
        results.push(row);
        log(
          `${run} ${v.name}: ${score.flagged} accounts flagged, precision ${(score.precision * 100).toFixed(1)}%, recall ${(score.recall * 100).toFixed(1)}% (${result.clues.length} clues, ${row.ms} ms)`,
        );
      }
    }
    const stamp = new Date().toISOString().replace(/[-:]/g, '').slice(0, 15);
    const file = join(ROOT, 'bench', 'results', `detect-amlsim-${stamp}.json`);
    writeFileSync(file, `${JSON.stringify(results, null, 2)}\n`);
    log(`results in ${file}`);
  } finally {
    await store.close();
    await stopInstance(settings);
  }
}

await main();
