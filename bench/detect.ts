// Detection benchmark: all models over the demo county (default scale 100) — time per model, plans, precision/recall.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { generateDemo, type Truth } from '../engine/demo/index.ts';
import { evaluate, scoreTable } from '../engine/detect/evaluate.ts';
import { runModels } from '../engine/detect/run.ts';
import { DEFAULT_MODEL_IDS, type RunResult } from '../engine/detect/types.ts';
import { startInstance, stopInstance } from '../engine/localdb/instance.ts';
import { readSettings } from '../engine/settings.ts';
import { resetGraph } from '../engine/store/admin.ts';
import { Store } from '../engine/store/gateway.ts';
import { ingestFiles } from '../ingest/load/run.ts';
import { planQueries, planTable, RecordingStore } from './detect/plans.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const RESULTS = join(ROOT, 'bench', 'results');

const USAGE = `npm run bench:detect -- [options]

  --scale N        demo county scale (env BENCH_SCALE; default 100 ≈ 1M transfers)
  --seed N         demo seed (default 1)
  --models a,b     models to run (default: the twelve of the default set)
  --runs N         measured runs of all models (default 2: the first on a cold cache, then warm)
  --plans MODE     profile | explain | none: plan every model query afterwards (default profile)
  --fresh          re-ingest even when the store already holds this county
  --keep-running   leave the benchmark Neo4j running at the end
  --home DIR       the benchmark's Neo4j home (default .qingfeng-bench/detect)
  -h, --help       this text

Neo4j memory: QINGFENG_NEO4J_HEAP (default 3g), QINGFENG_NEO4J_PAGECACHE (default 2g).`;

function options() {
  const { values } = parseArgs({
    args: process.argv.slice(2),
    options: {
      scale: { type: 'string' },
      seed: { type: 'string' },
      models: { type: 'string' },
      runs: { type: 'string' },
      plans: { type: 'string' },
      fresh: { type: 'boolean' },
      'keep-running': { type: 'boolean' },
      home: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    process.exit(0);
  }
  const plans = values.plans ?? 'profile';
  if (!['profile', 'explain', 'none'].includes(plans)) throw new Error(`--plans: ${plans}?`);
  return {
    scale: Number(values.scale ?? process.env.BENCH_SCALE ?? 100),
    seed: Number(values.seed ?? 1),
    models: values.models ? values.models.split(',') : [...DEFAULT_MODEL_IDS],
    runs: Number(values.runs ?? 2),
    plans: plans as 'profile' | 'explain' | 'none',
    fresh: values.fresh === true,
    keepRunning: values['keep-running'] === true,
    home: resolve(ROOT, values.home ?? '.qingfeng-bench/detect'),
  };
}

const log = (message: string) => process.stderr.write(`[bench:detect] ${message}\n`);
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

/** The county's files (generated once per scale and seed, under bench/results/). */
async function county(
  scale: number,
  seed: number,
): Promise<{ dataDir: string; truth: Truth; generateMs?: number }> {
  const dir = join(RESULTS, 'detect-data', `scale-${scale}-seed-${seed}`);
  const truthFile = join(dir, 'truth.json');
  if (!existsSync(truthFile)) {
    log(`generating the demo county (scale ${scale}, seed ${seed}) into ${dir}`);
    const t0 = performance.now();
    await generateDemo({ out: dir, scale, seed, overwrite: true });
    return {
      dataDir: join(dir, 'data'),
      truth: JSON.parse(readFileSync(truthFile, 'utf8')),
      generateMs: performance.now() - t0,
    };
  }
  return { dataDir: join(dir, 'data'), truth: JSON.parse(readFileSync(truthFile, 'utf8')) };
}

async function main(): Promise<void> {
  const o = options();
  mkdirSync(RESULTS, { recursive: true });
  const settings = readSettings({
    ...process.env,
    NEO4J_URI: undefined,
    QINGFENG_HOME: o.home,
    QINGFENG_NEO4J_HEAP: process.env.QINGFENG_NEO4J_HEAP || '3g',
    QINGFENG_NEO4J_PAGECACHE: process.env.QINGFENG_NEO4J_PAGECACHE || '2g',
  });
  const { dataDir, truth, generateMs } = await county(o.scale, o.seed);
  log(
    `starting Neo4j in ${settings.home} (heap ${settings.neo4jHeap}, page cache ${settings.neo4jPageCache})`,
  );
  const started = await startInstance(settings, log);
  const store = new Store(started.connection);
  const marker = join(settings.home, 'detect-loaded.json');
  const wanted = JSON.stringify({ scale: o.scale, seed: o.seed });
  let ingestMs: number | undefined;
  try {
    if (o.fresh || !existsSync(marker) || readFileSync(marker, 'utf8') !== wanted) {
      log('emptying the store and ingesting the county (qingfeng ingest)');
      await resetGraph(store);
      const t0 = performance.now();
      await ingestFiles(store, [dataDir], { outDir: join(RESULTS, 'ingest-runs') });
      ingestMs = performance.now() - t0;
      writeFileSync(marker, wanted);
      log(`ingested in ${seconds(ingestMs)}`);
    } else log('the store already holds this county (--fresh to reload)');
    const [counts] = await store.read<{ transfers: number; people: number }>(
      'MATCH ()-[t:TRANSFER]->() WITH count(t) AS transfers MATCH (p:Person) RETURN transfers, count(p) AS people',
    );
    log(`${counts?.transfers} transfers, ${counts?.people} persons`);

    const runs: RunResult[] = [];
    for (let i = 0; i < o.runs; i += 1) {
      log(`run ${i + 1}/${o.runs}: ${o.models.length} models as of ${truth.asOf}`);
      const result = await runModels(store, { models: o.models, asOf: truth.asOf, user: 'bench' });
      runs.push(result);
      for (const m of result.models)
        log(`  ${m.model.padEnd(26)} ${String(m.clues).padStart(5)} clues ${String(m.ms).padStart(7)} ms`);
      log(
        `  shared ${JSON.stringify(result.shared)}; save ${result.saveMs} ms; total ${seconds(result.totalMs)}`,
      );
    }
    const last = runs[runs.length - 1]!;
    const scores = evaluate(last.clues, truth, o.models);
    process.stdout.write(
      `\nPrecision and recall at scale ${o.scale} (seed ${o.seed})\n${scoreTable(scores)}\n`,
    );

    let plans: Awaited<ReturnType<typeof planQueries>> = [];
    if (o.plans !== 'none') {
      const recorder = new RecordingStore(store);
      for (const model of o.models) {
        recorder.model = model;
        await runModels(recorder, { models: [model], asOf: truth.asOf, save: false });
      }
      log(`${o.plans === 'profile' ? 'profiling' : 'explaining'} ${recorder.queries.size} queries`);
      plans = await planQueries(started.connection, recorder.queries.values(), o.plans);
      process.stdout.write(`\nQuery plans (${o.plans})\n${planTable(plans)}\n`);
    }
    const stamp = new Date().toISOString().replace(/[-:]/g, '').slice(0, 15);
    const file = join(RESULTS, `detect-${stamp}.json`);
    writeFileSync(
      file,
      `${JSON.stringify(
        {
          scale: o.scale,
          seed: o.seed,
          machine: { cpus: cpus().length, memoryGiB: Math.round(totalmem() / 2 ** 30) },
          neo4j: { heap: settings.neo4jHeap, pageCache: settings.neo4jPageCache },
          counts,
          generateMs,
          ingestMs,
          runs: runs.map((r) => ({
            totalMs: r.totalMs,
            saveMs: r.saveMs,
            shared: r.shared,
            models: r.models,
          })),
          scores: scores.map(({ falseClues, ...s }) => ({ ...s, falseClues: falseClues.length })),
          plans,
        },
        null,
        2,
      )}\n`,
    );
    log(`results in ${file}`);
  } finally {
    await store.close();
    if (!o.keepRunning) await stopInstance(settings);
  }
}

await main();
