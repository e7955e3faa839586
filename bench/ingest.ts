// Ingest benchmark: Qingfeng's bank-statement ingest against Neo4j's own LOAD CSV, on one managed Neo4j.
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import {
  createWriteStream,
  existsSync,
  mkdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { cpus, freemem, platform, release, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { homePaths, isNeo4jProcess, readRecord } from '../engine/localdb/home.ts';
import { startInstance, stopInstance } from '../engine/localdb/instance.ts';
import { readSettings, type Settings } from '../engine/settings.ts';
import { resetGraph } from '../engine/store/admin.ts';
import { Store } from '../engine/store/gateway.ts';
import { mulberry32 } from './rng.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const MIB = 1024 * 1024;
/** Bump when the generator's output changes, so a cached CSV of an older shape is never reused. */
const GENERATOR_VERSION = 1;
const HEADERS = [
  '本方账号',
  '本方户名',
  '交易日期',
  '交易时间',
  '交易金额',
  '借贷标志',
  '余额',
  '对方账号',
  '对方户名',
  '摘要',
  '交易流水号',
];

// ---------------------------------------------------------------------------------------------- options

interface BenchOptions {
  rows: number;
  accounts: number;
  hubs: number;
  seed: number;
  batchSize: number;
  home: string;
  only: 'both' | 'qingfeng' | 'loadcsv';
  warmup: number;
  cpuProf: boolean;
  fresh: boolean;
}

const USAGE = `npm run bench:ingest -- [options]

  --rows N          bank-statement rows to generate and load (env BENCH_ROWS; default 1000000)
  --accounts N      distinct accounts (default 20000)
  --hubs N          hub accounts that take a large share of all transfers (default 10)
  --seed N          generator seed (default 20240101)
  --batch-size N    rows per transaction for both loaders (default 5000)
  --home DIR        the benchmark's Neo4j home (env BENCH_HOME; default .qingfeng-bench)
  --only WHICH      qingfeng | loadcsv | both (default both)
  --warmup N        rows of an unmeasured warm-up load by both loaders first, so neither pays for the JVM's
                    JIT and Cypher planning alone (default 20000; 0 to skip)
  --keep-data       do not wipe the database files before starting (default: fresh store each run)
  --cpu-prof        write a V8 CPU profile of the Qingfeng child to bench/results/profiles/
  -h, --help        this text

Neo4j memory: QINGFENG_NEO4J_HEAP (default 2g), QINGFENG_NEO4J_PAGECACHE (default 1g).`;

function positiveInt(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined || value === '') return fallback;
  const n = Number(value.replaceAll('_', '').replaceAll(',', ''));
  if (!Number.isInteger(n) || n < 1) throw new Error(`${name} must be a positive integer, got ${value}`);
  return n;
}

function parseOptions(argv: string[]): BenchOptions {
  const { values } = parseArgs({
    args: argv,
    options: {
      rows: { type: 'string' },
      accounts: { type: 'string' },
      hubs: { type: 'string' },
      seed: { type: 'string' },
      'batch-size': { type: 'string' },
      home: { type: 'string' },
      only: { type: 'string' },
      warmup: { type: 'string' },
      'keep-data': { type: 'boolean' },
      'cpu-prof': { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    process.exit(0);
  }
  const only = values.only ?? 'both';
  if (only !== 'both' && only !== 'qingfeng' && only !== 'loadcsv') throw new Error(`--only: ${only}?`);
  const options: BenchOptions = {
    rows: positiveInt('--rows', values.rows ?? process.env.BENCH_ROWS, 1_000_000),
    accounts: positiveInt('--accounts', values.accounts, 20_000),
    hubs: positiveInt('--hubs', values.hubs, 10),
    seed: positiveInt('--seed', values.seed, 20240101),
    batchSize: positiveInt('--batch-size', values['batch-size'], 5000),
    home: resolve(ROOT, values.home ?? process.env.BENCH_HOME ?? '.qingfeng-bench'),
    only,
    warmup: values.warmup === '0' ? 0 : positiveInt('--warmup', values.warmup, 20_000),
    cpuProf: values['cpu-prof'] === true,
    fresh: values['keep-data'] !== true,
  };
  if (options.hubs >= options.accounts / 2) throw new Error('--hubs must be well below --accounts');
  return options;
}

// -------------------------------------------------------------------------------------------- generator

const SURNAMES =
  '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈';
const GIVEN = '伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英华玉萍红建国志文辉鹏飞宇浩然晨曦思雨梓涵';
const CITIES = ['北京', '上海', '广州', '深圳', '杭州', '成都', '武汉', '南京', '西安', '长沙'];
const TRADES = [
  '网络科技',
  '商贸',
  '建设工程',
  '农业发展',
  '物流',
  '医药',
  '置业',
  '信息技术',
  '餐饮管理',
  '劳务派遣',
];
const MEMOS = ['转账', '网银转账', '手机银行', '工资', '代发', '消费', '还款', '退款', '往来款', '理财赎回'];
const DIRECTIONS = ['借', '贷'];

interface Accounts {
  numbers: string[];
  names: string[];
}

function makeAccounts(count: number, hubs: number, random: () => number): Accounts {
  const numbers: string[] = [];
  const names: string[] = [];
  const pick = (s: string) => s.charAt(Math.floor(random() * s.length));
  for (let i = 0; i < count; i += 1) {
    // 19 digits; the index keeps them unique, the random middle keeps them from looking sequential.
    numbers.push(`6217${String(100 + Math.floor(random() * 900))}${String(i).padStart(12, '0')}`);
    if (i < hubs) {
      const city = CITIES[i % CITIES.length] ?? '';
      const trade = TRADES[Math.floor(random() * TRADES.length)] ?? '';
      names.push(`${city}${trade}有限公司`);
    } else {
      names.push(`${pick(SURNAMES)}${pick(GIVEN)}${random() < 0.6 ? pick(GIVEN) : ''}`);
    }
  }
  return { numbers, names };
}

/** 2024 is a leap year: 366 calendar days. */
function yearOfDays(): string[] {
  const days: string[] = [];
  for (let d = 0; d < 366; d += 1) days.push(new Date(Date.UTC(2024, 0, 1 + d)).toISOString().slice(0, 10));
  return days;
}

const two = (n: number) => String(n).padStart(2, '0');

/**
 * Writes `rows` bank-statement rows, one row per transfer (only one side of each transfer is in the file), so
 * Qingfeng's two-sided deduplication merges nothing and both loaders create exactly `rows` relationships.
 * Endpoints are skewed: `hubs` accounts take ~15% of all endpoint draws, the rest follow a power law.
 */
async function generateCsv(path: string, options: BenchOptions): Promise<{ seconds: number; bytes: number }> {
  const started = performance.now();
  const random = mulberry32(options.seed);
  const { numbers, names } = makeAccounts(options.accounts, options.hubs, random);
  const days = yearOfDays();
  const tail = options.accounts - options.hubs;
  const account = (): number =>
    random() < 0.15 ? Math.floor(random() * options.hubs) : options.hubs + Math.floor(tail * random() ** 2);
  const partial = `${path}.partial`;
  const out = createWriteStream(partial, { encoding: 'utf8' });
  const failed = new Promise<never>((_, reject) => out.once('error', reject));
  const write = async (chunk: string) => {
    if (!out.write(chunk)) await Promise.race([once(out, 'drain'), failed]);
  };
  await write(`${HEADERS.join(',')}\n`);
  let lines: string[] = [];
  for (let i = 0; i < options.rows; i += 1) {
    const own = account();
    let cp = account();
    while (cp === own) cp = account();
    const secs = Math.floor(random() * 86_400);
    const time = `${two(Math.floor(secs / 3600))}:${two(Math.floor(secs / 60) % 60)}:${two(secs % 60)}`;
    const amount = Math.max(1, Math.exp(random() * Math.log(200_000))).toFixed(2);
    lines.push(
      [
        numbers[own],
        names[own],
        days[Math.floor(random() * days.length)],
        time,
        amount,
        DIRECTIONS[random() < 0.5 ? 0 : 1],
        (random() * 1_000_000).toFixed(2),
        numbers[cp],
        names[cp],
        MEMOS[Math.floor(random() * MEMOS.length)],
        `BS${String(i + 1).padStart(12, '0')}`,
      ].join(','),
    );
    if (lines.length === 5000) {
      await write(`${lines.join('\n')}\n`);
      lines = [];
    }
  }
  if (lines.length) await write(`${lines.join('\n')}\n`);
  out.end();
  await Promise.race([once(out, 'finish'), failed]);
  renameSync(partial, path);
  return { seconds: (performance.now() - started) / 1000, bytes: statSync(path).size };
}

/** The CSV for these options in Neo4j's import folder: generated once, reused while the options are the same. */
async function ensureCsv(
  importDir: string,
  options: BenchOptions,
): Promise<{ csv: string; fileName: string; generated?: { seconds: number; bytes: number } }> {
  const { rows, accounts, hubs, seed } = options;
  const fileName = `bank-v${GENERATOR_VERSION}-${rows}r-${accounts}a-${hubs}h-s${seed}.csv`;
  const csv = join(importDir, fileName);
  if (existsSync(csv)) {
    log(`reusing ${csv}`);
    return { csv, fileName };
  }
  log(`generating ${int(rows)} rows → ${csv}`);
  const generated = await generateCsv(csv, options);
  log(`generated ${int(generated.bytes / MIB)} MiB in ${generated.seconds.toFixed(1)} s`);
  return { csv, fileName, generated };
}

// ------------------------------------------------------------------------------------------ measurement

/** Polls a process's resident set (VmRSS, kB in /proc) and keeps the peak; Linux only, 0 elsewhere. */
function rssPoller(pid: number, everyMs = 250): { stop: () => number } {
  let peak = 0;
  const sample = () => {
    try {
      const match = /VmRSS:\s+(\d+)\s+kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
      if (match) peak = Math.max(peak, Number(match[1]) * 1024);
    } catch {
      // Not Linux, or the process is gone.
    }
  };
  sample();
  const timer = setInterval(sample, everyMs);
  return {
    stop: () => {
      clearInterval(timer);
      sample();
      return peak;
    },
  };
}

interface Counts {
  transfers: number;
  accounts: number;
}

async function graphCounts(store: Store): Promise<Counts> {
  const [t] = await store.read<{ n: number }>('MATCH ()-[r:TRANSFER]->() RETURN count(r) AS n');
  const [a] = await store.read<{ n: number }>('MATCH (n:Account) RETURN count(n) AS n');
  return { transfers: t?.n ?? 0, accounts: a?.n ?? 0 };
}

/** Empties the graph: relationships first in small transactions (hubs carry ~100k each), then resetGraph. */
async function emptyGraph(store: Store): Promise<number> {
  const started = performance.now();
  await store.autoCommit('MATCH ()-[r]->() CALL { WITH r DELETE r } IN TRANSACTIONS OF 10000 ROWS');
  await resetGraph(store);
  return (performance.now() - started) / 1000;
}

interface RunResult {
  loader: 'qingfeng' | 'loadcsv';
  rows: number;
  seconds: number;
  rowsPerSecond: number;
  /** Peak RSS of the loading client process (Qingfeng); null for LOAD CSV, which runs inside the server. */
  clientPeakRssBytes: number | null;
  /** Peak RSS of the Neo4j JVM polled during the run (cumulative: the JVM rarely gives memory back). */
  serverPeakRssBytes: number;
  counts: Counts;
  loaded?: number;
  merged?: number;
  quarantined?: number;
  warnings?: number;
  resetSeconds: number;
}

const MAXRSS_TAG = 'QINGFENG_BENCH_MAXRSS_KB=';
/**
 * Preloaded into the child with `--import`: prints the process's peak RSS (getrusage ru_maxrss, kB on Linux)
 * as it exits. It covers the whole process lifetime, which in that child is the ingest and nothing else.
 */
const MAXRSS_HOOK = `data:text/javascript,${encodeURIComponent(
  `process.on('exit', () => process.stderr.write('\\n${MAXRSS_TAG}' + process.resourceUsage().maxRSS + '\\n'));`,
)}`;

let activeChild: ChildProcess | undefined;

interface IngestJson {
  files: {
    rows: number;
    loaded: number;
    merged: number;
    quarantined: number;
    warnings: number;
    refused?: unknown;
  }[];
}

async function runQingfeng(
  store: Store,
  csv: string,
  options: BenchOptions,
  serverPid: number,
  outDir: string,
): Promise<RunResult> {
  const resetSeconds = await emptyGraph(store);
  const { uri, user, password, database } = store.connection;
  const nodeArgs = ['--import', MAXRSS_HOOK];
  if (options.cpuProf)
    nodeArgs.push('--cpu-prof', `--cpu-prof-dir=${join(ROOT, 'bench', 'results', 'profiles')}`);
  const args = [
    ...nodeArgs,
    join(ROOT, 'bin', 'qingfeng.mjs'),
    'ingest',
    csv,
    '--json',
    '--out',
    outDir,
    '--batch-size',
    String(options.batchSize),
  ];
  const server = rssPoller(serverPid);
  const started = performance.now();
  const child = spawn(process.execPath, args, {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      ...process.env,
      NEO4J_URI: uri,
      NEO4J_USER: user,
      NEO4J_PASSWORD: password,
      NEO4J_DATABASE: database,
    },
  });
  activeChild = child;
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (s: string) => {
    stdout += s;
  });
  child.stderr.setEncoding('utf8').on('data', (s: string) => {
    stderr += s;
  });
  const [code] = (await once(child, 'close')) as [number | null];
  const seconds = (performance.now() - started) / 1000;
  activeChild = undefined;
  const serverPeak = server.stop();
  if (code !== 0) throw new Error(`qingfeng ingest exited with ${code}\n${stderr.slice(-4000)}`);
  const rssLine = stderr.split('\n').find((line) => line.startsWith(MAXRSS_TAG));
  const maxRssKb = Number(rssLine?.slice(MAXRSS_TAG.length));
  const summary = JSON.parse(stdout) as IngestJson;
  const sum = (key: 'rows' | 'loaded' | 'merged' | 'quarantined' | 'warnings') =>
    summary.files.reduce((total, f) => total + f[key], 0);
  if (summary.files.some((f) => f.refused)) throw new Error(`qingfeng refused the file: ${stdout}`);
  return {
    loader: 'qingfeng',
    rows: sum('rows'),
    seconds,
    rowsPerSecond: sum('rows') / seconds,
    clientPeakRssBytes: Number.isFinite(maxRssKb) ? maxRssKb * 1024 : null,
    serverPeakRssBytes: serverPeak,
    counts: await graphCounts(store),
    loaded: sum('loaded'),
    merged: sum('merged'),
    quarantined: sum('quarantined'),
    warnings: sum('warnings'),
    resetSeconds,
  };
}

/**
 * The baseline: what a Neo4j user would write by hand for the same graph — both accounts MERGEd by number,
 * one TRANSFER per row MERGEd on a key (the bank's serial), direction from 借贷标志, amount and time set.
 */
function loadCsvCypher(fileName: string, batchSize: number): string {
  return `LOAD CSV WITH HEADERS FROM 'file:///${encodeURIComponent(fileName)}' AS row
CALL {
  WITH row
  MERGE (own:Account {accountNo: row.\`本方账号\`})
    ON CREATE SET own.holderName = row.\`本方户名\`
  MERGE (cp:Account {accountNo: row.\`对方账号\`})
    ON CREATE SET cp.holderName = row.\`对方户名\`
  WITH row, own, cp, row.\`借贷标志\` = '借' AS out
  WITH row, CASE WHEN out THEN own ELSE cp END AS a, CASE WHEN out THEN cp ELSE own END AS b
  MERGE (a)-[t:TRANSFER {txKey: row.\`交易流水号\`}]->(b)
    ON CREATE SET t.amount = toFloat(row.\`交易金额\`),
      t.time = localdatetime(row.\`交易日期\` + 'T' + row.\`交易时间\`),
      t.serial = row.\`交易流水号\`,
      t.memo = row.\`摘要\`
} IN TRANSACTIONS OF ${batchSize} ROWS`;
}

async function runLoadCsv(
  store: Store,
  fileName: string,
  options: BenchOptions,
  serverPid: number,
): Promise<RunResult> {
  const resetSeconds = await emptyGraph(store);
  const server = rssPoller(serverPid);
  const started = performance.now();
  await store.autoCommit(loadCsvCypher(fileName, options.batchSize));
  const seconds = (performance.now() - started) / 1000;
  const serverPeak = server.stop();
  return {
    loader: 'loadcsv',
    rows: options.rows,
    seconds,
    rowsPerSecond: options.rows / seconds,
    clientPeakRssBytes: null,
    serverPeakRssBytes: serverPeak,
    counts: await graphCounts(store),
    resetSeconds,
  };
}

// ------------------------------------------------------------------------------------------------ report

const int = (n: number) => Math.round(n).toLocaleString('en-US');
const mib = (bytes: number | null) => (bytes === null ? 'n/a' : int(bytes / MIB));

function table(results: RunResult[]): string {
  const q = results.find((r) => r.loader === 'qingfeng');
  const l = results.find((r) => r.loader === 'loadcsv');
  const cell = (r: RunResult | undefined, f: (r: RunResult) => string) => (r ? f(r) : '-');
  const rows: [string, string, string][] = [
    ['', 'Qingfeng', 'LOAD CSV'],
    ['rows', cell(q, (r) => int(r.rows)), cell(l, (r) => int(r.rows))],
    ['seconds', cell(q, (r) => r.seconds.toFixed(1)), cell(l, (r) => r.seconds.toFixed(1))],
    ['rows/s', cell(q, (r) => int(r.rowsPerSecond)), cell(l, (r) => int(r.rowsPerSecond))],
    [
      'peak memory, client (MiB)',
      cell(q, (r) => mib(r.clientPeakRssBytes)),
      cell(l, () => 'n/a (in server)'),
    ],
    [
      'peak RSS, Neo4j JVM (MiB)',
      cell(q, (r) => mib(r.serverPeakRssBytes)),
      cell(l, (r) => mib(r.serverPeakRssBytes)),
    ],
    [
      'TRANSFER relationships',
      cell(q, (r) => int(r.counts.transfers)),
      cell(l, (r) => int(r.counts.transfers)),
    ],
    ['Account nodes', cell(q, (r) => int(r.counts.accounts)), cell(l, (r) => int(r.counts.accounts))],
    ['quarantined rows', cell(q, (r) => int(r.quarantined ?? 0)), cell(l, () => '-')],
  ];
  const widths = [0, 1, 2].map((i) => Math.max(...rows.map((r) => r[i]?.length ?? 0)));
  return rows
    .map(
      ([a, b, c]) =>
        `${a.padEnd(widths[0] ?? 0)}  ${b.padStart(widths[1] ?? 0)}  ${c.padStart(widths[2] ?? 0)}`,
    )
    .join('\n');
}

interface Check {
  name: string;
  pass: boolean;
  detail: string;
}

function checks(results: RunResult[], rows: number): Check[] {
  const out: Check[] = [];
  const q = results.find((r) => r.loader === 'qingfeng');
  const l = results.find((r) => r.loader === 'loadcsv');
  for (const r of results) {
    const expected = rows - (r.quarantined ?? 0);
    out.push({
      name: `${r.loader === 'qingfeng' ? 'Qingfeng' : 'LOAD CSV'} created one TRANSFER per row`,
      pass: r.counts.transfers === expected && (r.quarantined ?? 0) === 0,
      detail: `${int(r.counts.transfers)} relationships, expected ${int(expected)}, quarantined ${int(r.quarantined ?? 0)}`,
    });
  }
  if (q && l) {
    out.push({
      name: 'same Account count',
      pass: q.counts.accounts === l.counts.accounts,
      detail: `${int(q.counts.accounts)} vs ${int(l.counts.accounts)}`,
    });
    const ratio = q.rowsPerSecond / l.rowsPerSecond;
    out.push({ name: 'GOAL rate ≥ 0.5× LOAD CSV', pass: ratio >= 0.5, detail: `${ratio.toFixed(2)}×` });
  }
  if (q) {
    const peak = q.clientPeakRssBytes ?? Number.POSITIVE_INFINITY;
    out.push({
      name: 'GOAL peak memory < 1 GiB',
      pass: peak < 1024 * MIB,
      detail: `${mib(q.clientPeakRssBytes)} MiB`,
    });
  }
  return out;
}

// ------------------------------------------------------------------------------------------------- main

function log(message: string): void {
  process.stderr.write(`[bench] ${message}\n`);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/**
 * Takes the home's benchmark lock (refusing while another live benchmark holds it), stops an instance left
 * running by an interrupted run, then wipes the database files. The lock goes when this process exits.
 */
async function prepareHome(settings: Settings, fresh: boolean): Promise<void> {
  const paths = homePaths(settings.home);
  mkdirSync(paths.run, { recursive: true });
  const lock = join(paths.run, 'bench.lock');
  const holder = existsSync(lock) ? Number(readFileSync(lock, 'utf8').trim()) : 0;
  if (holder && holder !== process.pid && isAlive(holder)) {
    throw new Error(`another benchmark (pid ${holder}) is using ${settings.home}; wait, or pass --home`);
  }
  writeFileSync(lock, `${process.pid}\n`);
  process.on('exit', () => rmSync(lock, { force: true }));
  const record = readRecord(paths);
  if (record && isNeo4jProcess(record.pid)) {
    log(`stopping a benchmark Neo4j left running (pid ${record.pid})`);
    await stopInstance(settings);
  }
  // data/ holds the databases, transactions and auth.ini; the password file and import/ (cached CSVs) stay.
  if (fresh) rmSync(paths.data, { recursive: true, force: true });
}

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2));
  // The benchmark always manages its own server: a NEO4J_URI in the caller's environment must not redirect it.
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NEO4J_URI: undefined,
    QINGFENG_HOME: options.home,
    QINGFENG_NEO4J_HEAP: process.env.QINGFENG_NEO4J_HEAP || '2g',
    QINGFENG_NEO4J_PAGECACHE: process.env.QINGFENG_NEO4J_PAGECACHE || '1g',
  };
  const settings = readSettings(env);
  const paths = homePaths(settings.home);
  const resultsDir = join(ROOT, 'bench', 'results');
  mkdirSync(resultsDir, { recursive: true });

  await prepareHome(settings, options.fresh);
  mkdirSync(paths.import, { recursive: true });
  const { csv, fileName, generated } = await ensureCsv(paths.import, options);
  // The warm-up file has its own seed, so the measured load never finds its rows already in the graph.
  const warmup = options.warmup
    ? await ensureCsv(paths.import, {
        ...options,
        rows: options.warmup,
        seed: options.seed + 1,
        cpuProf: false,
      })
    : undefined;

  let stopping: Promise<unknown> | undefined;
  const cleanup = () => {
    activeChild?.kill('SIGTERM');
    stopping ??= stopInstance(settings).catch(() => false);
    return stopping;
  };
  const onSignal = (signal: NodeJS.Signals) => {
    log(`${signal}: stopping the benchmark Neo4j`);
    void cleanup().then(() => process.exit(130));
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);

  log(
    `starting Neo4j in ${settings.home} (heap ${settings.neo4jHeap}, page cache ${settings.neo4jPageCache})`,
  );
  const started = await startInstance(settings, log);
  const store = new Store(started.connection);
  const results: RunResult[] = [];
  let neo4jVersion = 'unknown';
  try {
    neo4jVersion = (await store.verify()).version;
    log(`Neo4j ${neo4jVersion} on ${started.connection.uri}, pid ${started.record.pid}`);
    const outDir = join(resultsDir, 'ingest-runs');
    if (warmup) {
      const warm = { ...options, rows: options.warmup, cpuProf: false };
      log(`warm-up: ${int(options.warmup)} rows through both loaders (not measured)`);
      if (options.only !== 'loadcsv') await runQingfeng(store, warmup.csv, warm, started.record.pid, outDir);
      if (options.only !== 'qingfeng') await runLoadCsv(store, warmup.fileName, warm, started.record.pid);
    }
    if (options.only !== 'loadcsv') {
      log(`Qingfeng: qingfeng ingest ${fileName} --batch-size ${options.batchSize} (child process)`);
      const r = await runQingfeng(store, csv, options, started.record.pid, outDir);
      log(
        `Qingfeng: ${r.seconds.toFixed(1)} s, ${int(r.rowsPerSecond)} rows/s, ${mib(r.clientPeakRssBytes)} MiB peak`,
      );
      results.push(r);
    }
    if (options.only !== 'qingfeng') {
      log(`LOAD CSV: IN TRANSACTIONS OF ${options.batchSize} ROWS`);
      const r = await runLoadCsv(store, fileName, options, started.record.pid);
      log(`LOAD CSV: ${r.seconds.toFixed(1)} s, ${int(r.rowsPerSecond)} rows/s`);
      results.push(r);
    }
  } finally {
    await store.close();
    log('stopping Neo4j');
    await cleanup();
  }

  const verdicts = checks(results, options.rows);
  const q = results.find((r) => r.loader === 'qingfeng');
  const l = results.find((r) => r.loader === 'loadcsv');
  const ratio = q && l ? q.rowsPerSecond / l.rowsPerSecond : null;
  const lines = [
    '',
    `Ingest benchmark — ${int(options.rows)} bank rows, ${int(options.accounts)} accounts (${options.hubs} hubs), batch ${options.batchSize}`,
    '',
    table(results),
    '',
    ratio === null ? '' : `ratio (Qingfeng rows/s ÷ LOAD CSV rows/s): ${ratio.toFixed(2)}×`,
    ...verdicts.map((c) => `${c.pass ? 'PASS' : 'FAIL'}  ${c.name} (${c.detail})`),
  ];
  const stamp = new Date().toISOString().replace(/[-:]/g, '').replace(/\..*/, '');
  const jsonFile = join(resultsDir, `ingest-${stamp}.json`);
  const cpuModel = cpus()[0]?.model ?? 'unknown';
  const record = {
    benchmark: 'ingest',
    at: new Date().toISOString(),
    options: { ...options, home: settings.home },
    csv: { file: csv, bytes: statSync(csv).size, generatedSeconds: generated?.seconds ?? null },
    machine: {
      cpus: cpus().length,
      cpuModel,
      totalMemoryBytes: totalmem(),
      freeMemoryBytes: freemem(),
      platform: platform(),
      release: release(),
      node: process.version,
      neo4j: neo4jVersion,
      neo4jHeap: settings.neo4jHeap,
      neo4jPageCache: settings.neo4jPageCache,
    },
    peakMemoryMethod:
      'Qingfeng runs as `node --import <hook> bin/qingfeng.mjs ingest FILE --json`; the hook prints ' +
      'process.resourceUsage().maxRSS (getrusage ru_maxrss) at exit. Neo4j RSS is polled from /proc every 250 ms.',
    results,
    ratio,
    checks: verdicts,
  };
  writeFileSync(jsonFile, `${JSON.stringify(record, null, 2)}\n`);
  process.stdout.write(`${lines.join('\n')}\n\nresults: ${jsonFile}\n`);
  if (verdicts.some((c) => !c.pass)) process.exitCode = 1;
}

main().catch((error: unknown) => {
  process.stderr.write(
    `[bench] failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exitCode = 1;
});
