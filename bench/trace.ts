// Fund-tracing benchmark: graphology over a projected scale-N demo graph against the equivalent Cypher in Neo4j.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { edgesOfTypeCypher } from '../engine/analysis/store/cypher.ts';
import { projectWhole } from '../engine/analysis/store/projection.ts';
import { traceFunds } from '../engine/analysis/trace.ts';
import { DATA_DIR, generateDemo } from '../engine/demo/index.ts';
import { Rng } from '../engine/demo/rng.ts';
import { startInstance, stopInstance } from '../engine/localdb/instance.ts';
import { readSettings } from '../engine/settings.ts';
import { resetGraph } from '../engine/store/admin.ts';
import { closeAllStores, getStore, type Store } from '../engine/store/gateway.ts';
import { ingestFiles } from '../ingest/load/run.ts';
import { compareCommunities } from './trace/communities.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const DAY = 86_400;

const { values } = parseArgs({
  options: {
    scale: { type: 'string', default: '100' },
    starts: { type: 'string', default: '100' },
    'window-days': { type: 'string', default: '30' },
    hops: { type: 'string', default: '3' },
    home: { type: 'string', default: join(ROOT, '.qingfeng-bench') },
  },
});
const scale = Number(values.scale);
const starts = Number(values.starts);
const windowDays = Number(values['window-days']);
const hops = Number(values.hops);

const log = (message: string) => process.stderr.write(`[bench:trace] ${message}\n`);
const seconds = (from: number) => (performance.now() - from) / 1000;

/** The demo county of this scale, generated once and then reused. */
async function ensureDemoFiles(folder: string): Promise<string> {
  const truth = join(folder, 'truth.json');
  if (existsSync(truth) && JSON.parse(readFileSync(truth, 'utf8')).scale === scale)
    return join(folder, DATA_DIR);
  log(`generating the scale-${scale} demo county into ${folder}`);
  const started = performance.now();
  const summary = await generateDemo({ out: folder, scale, overwrite: true });
  log(`generated ${summary.transfers} transfers in ${seconds(started).toFixed(1)} s`);
  return summary.dataDir;
}

/** Loads the files unless the graph already holds this county (same number of transfers as last time). */
async function ensureLoaded(store: Store, data: string, marker: string): Promise<number | null> {
  const [row] = await store.read<{ n: number }>('MATCH ()-[r:TRANSFER]->() RETURN count(r) AS n');
  if (existsSync(marker) && Number(readFileSync(marker, 'utf8')) === row?.n && row.n > 0) return null;
  log('loading the county (first run only)…');
  await resetGraph(store);
  const started = performance.now();
  await ingestFiles(store, [data], { outDir: join(ROOT, 'bench/results/ingest-runs') });
  const took = seconds(started);
  const [after] = await store.read<{ n: number }>('MATCH ()-[r:TRANSFER]->() RETURN count(r) AS n');
  writeFileSync(marker, String(after?.n ?? 0));
  return took;
}

const quantile = (xs: number[], q: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))] ?? Number.NaN;
};

const TRACE_CYPHER = `MATCH p = (a:Account {accountNo: $account})-[:TRANSFER*1..${hops}]->()
WITH relationships(p) AS rs, nodes(p) AS ns
WHERE all(i IN range(0, size(rs) - 2) WHERE rs[i].time < rs[i + 1].time)
  AND duration.inSeconds(rs[0].time, last(rs).time).seconds <= $window
  AND all(i IN range(0, size(ns) - 2) WHERE NOT ns[i] IN ns[i + 1..])
RETURN [r IN rs | elementId(r)] AS ids`;

async function main(): Promise<void> {
  const settings = readSettings({
    ...process.env,
    QINGFENG_HOME: resolve(values.home!),
    QINGFENG_NEO4J_HEAP: process.env.QINGFENG_NEO4J_HEAP ?? '2g',
    QINGFENG_NEO4J_PAGECACHE: process.env.QINGFENG_NEO4J_PAGECACHE ?? '1g',
  });
  const started = await startInstance(settings, log);
  const store = getStore(started.connection);
  try {
    const data = await ensureDemoFiles(join(settings.home, `demo-${scale}`));
    const ingestSeconds = await ensureLoaded(store, data, join(settings.home, `demo-${scale}.loaded`));

    // Projection into graphology, then (warm) the driver's decoding of the same rows alone.
    let t = performance.now();
    const graph = await projectWhole(store, { types: ['TRANSFER'] });
    const projectSeconds = seconds(t);
    t = performance.now();
    const decoded = await store.stream(
      edgesOfTypeCypher('TRANSFER', 'Account', 'Account'),
      { from: null, to: null, minAmount: null },
      () => {},
      { plain: false },
    );
    const decodeSeconds = seconds(t);
    log(
      `projection: ${graph.size} transfers, ${graph.order} accounts in ${projectSeconds.toFixed(1)} s (decoding alone ${decodeSeconds.toFixed(1)} s)`,
    );

    log('communities on the transfer graph: Qingfeng (CSR) vs python-igraph…');
    const communities = await compareCommunities(graph, join(ROOT, 'bench/results'));

    const senders = graph.filterNodes((node) => graph.outDegree(node) > 0).sort();
    // Seeded, so every run draws the same start accounts.
    const draw = new Rng(20261128, 'trace-starts');
    const picks = Array.from({ length: starts }, () => draw.pick(senders));
    const ours: number[] = [];
    const theirs: number[] = [];
    let identical = 0;
    let chains = 0;
    for (const id of picks) {
      const account = graph.getNodeAttribute(id, 'key');
      t = performance.now();
      const traced = traceFunds(graph, id, { maxHops: hops, windowMs: windowDays * DAY * 1000 });
      ours.push(performance.now() - t);
      t = performance.now();
      const rows = await store.read<{ ids: string[] }>(TRACE_CYPHER, { account, window: windowDays * DAY });
      theirs.push(performance.now() - t);
      const a = new Set(traced.chains.map((c) => c.edges.join('>')));
      const b = new Set(rows.map((r) => r.ids.join('>')));
      chains += a.size;
      if (a.size === b.size && [...a].every((k) => b.has(k))) identical += 1;
    }
    const result = {
      scale,
      transfers: graph.size,
      accounts: graph.order,
      ingestSeconds,
      projection: {
        seconds: projectSeconds,
        rowsPerSecond: graph.size / projectSeconds,
        decodeSeconds,
        decodedRows: decoded,
      },
      communities,
      trace: {
        starts,
        hops,
        windowDays,
        chains,
        identical,
        graphology: { p50: quantile(ours, 0.5), p99: quantile(ours, 0.99) },
        cypher: { p50: quantile(theirs, 0.5), p99: quantile(theirs, 0.99) },
      },
    };
    const ratio = result.trace.graphology.p50 / result.trace.cypher.p50;
    process.stdout.write(
      [
        '',
        `Fund tracing, ${hops} hops within ${windowDays} days, ${starts} start accounts, scale ${scale} (${graph.size} transfers)`,
        '',
        `                  graphology      Cypher`,
        `p50 (ms)         ${result.trace.graphology.p50.toFixed(2).padStart(10)}  ${result.trace.cypher.p50.toFixed(2).padStart(10)}`,
        `p99 (ms)         ${result.trace.graphology.p99.toFixed(2).padStart(10)}  ${result.trace.cypher.p99.toFixed(2).padStart(10)}`,
        `identical results: ${identical}/${starts} (${chains} chains)`,
        communities.igraph
          ? `communities (${communities.nodes} accounts, ${communities.edges} transfers): Qingfeng ${communities.qingfeng.seconds.toFixed(2)} s, Q ${communities.qingfeng.modularity.toFixed(4)}, ${communities.qingfeng.count} communities; igraph ${communities.igraph.seconds.toFixed(2)} s, Q ${communities.igraph.modularity.toFixed(4)}, ${communities.igraph.count} communities; ${communities.ratio!.toFixed(2)}×`
          : 'communities: python-igraph not installed (apt-get install -y python3-igraph), Qingfeng alone reported',
        `projection: ${Math.round(result.projection.rowsPerSecond)} transfers/s into graphology (decoding alone ${decodeSeconds.toFixed(1)} s of ${projectSeconds.toFixed(1)} s)`,
        '',
        `${identical === starts ? 'PASS' : 'FAIL'}  identical results`,
        `${ratio <= 1 ? 'PASS' : 'FAIL'}  GOAL graphology p50 ≤ Cypher p50 (${ratio.toFixed(3)}×)`,
        '',
      ].join('\n'),
    );
    const dir = join(ROOT, 'bench/results');
    mkdirSync(dir, { recursive: true });
    const file = join(dir, `trace-${new Date().toISOString().replace(/[:.]/g, '').slice(0, 15)}.json`);
    writeFileSync(file, `${JSON.stringify(result, null, 2)}\n`);
    process.stdout.write(`results: ${file}\n`);
    if (identical !== starts || ratio > 1) process.exitCode = 1;
  } finally {
    await closeAllStores();
    if (!started.reused) await stopInstance(settings);
  }
}

await main();
