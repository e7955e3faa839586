// Settings triad: the interface, the defaults, a validator, and the one place that reads the environment.
import { isIP } from 'node:net';
import { homedir } from 'node:os';
import { resolve } from 'node:path';
import { InvalidInputError } from './errors.ts';
import { type Lang, t } from './i18n.ts';

export interface ExternalNeo4j {
  uri: string;
  user: string;
  password: string;
}

export interface Settings {
  /** Where a managed instance keeps config, data, logs, password and pid. */
  home: string;
  /** Where Neo4j jars are cached across instances and runs. */
  cacheDir: string;
  /** Fixed Bolt / HTTP ports for the managed Neo4j; undefined picks free ones. */
  boltPort: number | undefined;
  httpPort: number | undefined;
  neo4jVersion: string;
  /** JVM heap and page cache of the managed Neo4j (Neo4j size syntax: 512m, 2g). */
  neo4jHeap: string;
  neo4jPageCache: string;
  /** Seconds to wait for a starting Neo4j to answer on Bolt. */
  startTimeoutSeconds: number;
  /** Set when NEO4J_URI points at a server we must use and never manage. */
  external: ExternalNeo4j | undefined;
  database: string;
  /** The HTTP server of `qingfeng serve`. */
  serverHost: string;
  serverPort: number;
  /**
   * Proxies whose X-Forwarded-For / X-Forwarded-Proto are believed (addresses, CIDRs, or express's names
   * `loopback`, `linklocal`, `uniquelocal`); empty: those headers are ignored and the peer address counts.
   */
  trustProxy: string[];
  /** The origin browsers reach the viewer at (`https://qingfeng.example`), when a proxy rewrites the Host. */
  publicOrigin: string | undefined;
  lang: Exclude<Lang, 'both'>;
  /** Scale of the demo county `serve` loads into an empty database; 0 turns the demo off. */
  demoScale: number;
  /** Password of the demo logins `serve` creates with the demo county; random (and printed) when unset. */
  demoPassword: string | undefined;
  /** API sessions: an unused session expires after the idle time, any session after the maximum. */
  sessionIdleMinutes: number;
  sessionMaxHours: number;
  /** Login rate limit: this many failures per user name or address within the window lock it out. */
  loginMaxFailures: number;
  loginWindowMinutes: number;
  /** Templates and ad-hoc Cypher: transaction timeout and the most rows returned. */
  queryTimeoutSeconds: number;
  queryRowLimit: number;
  /** Templates and ad-hoc Cypher run on their own Neo4j connections: how many, and how long to wait for one. */
  queryPoolSize: number;
  queryWaitSeconds: number;
  /** Most megabytes of rows (as JSON) in one query answer; past it the query is stopped (`query.tooLarge`). */
  queryAnswerMb: number;
  /** Largest total upload accepted by the ingest route. */
  uploadLimitMb: number;
  /** Per-file limits past which ingest refuses a file as a bomb, and the plausible range of event dates. */
  ingestLimits: IngestLimits;
}

export const DEFAULT_SETTINGS: Settings = {
  home: resolve('.qingfeng'),
  cacheDir: resolve(homedir(), '.cache', 'qingfeng'),
  boltPort: undefined,
  httpPort: undefined,
  neo4jVersion: '5.26.30',
  neo4jHeap: '1g',
  neo4jPageCache: '512m',
  startTimeoutSeconds: 180,
  external: undefined,
  database: 'neo4j',
  serverHost: '127.0.0.1',
  serverPort: 7900,
  trustProxy: [],
  publicOrigin: undefined,
  lang: 'zh',
  demoScale: 1,
  demoPassword: undefined,
  sessionIdleMinutes: 120,
  sessionMaxHours: 12,
  loginMaxFailures: 5,
  loginWindowMinutes: 15,
  queryTimeoutSeconds: 30,
  queryRowLimit: 5000,
  queryPoolSize: 4,
  queryWaitSeconds: 2,
  queryAnswerMb: 32,
  uploadLimitMb: 512,
  ingestLimits: {
    maxColumns: 2000,
    maxCellChars: 32 * 1024,
    maxRows: 5_000_000,
    maxSheetMb: 512,
    maxLineKb: 8 * 1024,
    earliestDate: '1949-01-01',
    latestDaysAhead: 366,
  },
};

function invalid(name: string, reason: string): InvalidInputError {
  return new InvalidInputError('settings.invalid', t('settings.invalid', { name, reason }, 'both'), {
    details: { name },
  });
}

function checkPort(name: string, port: number | undefined): void {
  if (port === undefined) return;
  if (!Number.isInteger(port) || port < 1 || port > 65535) throw invalid(name, 'port must be 1-65535');
}

/** Throws InvalidInputError naming the first bad setting. */
export function validateSettings(settings: Settings): Settings {
  checkPort('QINGFENG_BOLT_PORT', settings.boltPort);
  checkPort('QINGFENG_HTTP_PORT', settings.httpPort);
  checkPort('QINGFENG_PORT', settings.serverPort);
  if (settings.boltPort !== undefined && settings.boltPort === settings.httpPort) {
    throw invalid('QINGFENG_HTTP_PORT', 'must differ from QINGFENG_BOLT_PORT');
  }
  if (!/^5\.\d+\.\d+$/.test(settings.neo4jVersion)) throw invalid('QINGFENG_NEO4J_VERSION', 'expected 5.x.y');
  for (const [name, value] of [
    ['QINGFENG_NEO4J_HEAP', settings.neo4jHeap],
    ['QINGFENG_NEO4J_PAGECACHE', settings.neo4jPageCache],
  ] as const) {
    if (!/^\d+[kmg]$/i.test(value)) throw invalid(name, 'expected a size such as 512m or 2g');
  }
  if (!(settings.startTimeoutSeconds > 0)) throw invalid('QINGFENG_NEO4J_START_TIMEOUT', 'must be > 0');
  if (settings.external && !/^(neo4j|bolt)(\+s|\+ssc)?:\/\//.test(settings.external.uri)) {
    throw invalid('NEO4J_URI', 'expected neo4j://, neo4j+s://, bolt:// or bolt+s://');
  }
  if (settings.lang !== 'zh' && settings.lang !== 'en') throw invalid('QINGFENG_LANG', 'zh or en');
  if (!(settings.demoScale >= 0 && settings.demoScale <= 100))
    throw invalid('QINGFENG_DEMO_SCALE', 'must be 0-100');
  if (settings.demoPassword !== undefined && settings.demoPassword.length < 8)
    throw invalid('QINGFENG_DEMO_PASSWORD', 'at least 8 characters');
  for (const [name, value, max] of [
    ['QINGFENG_SESSION_IDLE_MINUTES', settings.sessionIdleMinutes, 7 * 24 * 60],
    ['QINGFENG_SESSION_MAX_HOURS', settings.sessionMaxHours, 7 * 24],
    ['QINGFENG_LOGIN_MAX_FAILURES', settings.loginMaxFailures, 1000],
    ['QINGFENG_LOGIN_WINDOW_MINUTES', settings.loginWindowMinutes, 24 * 60],
    ['QINGFENG_QUERY_TIMEOUT_SECONDS', settings.queryTimeoutSeconds, 3600],
    ['QINGFENG_QUERY_ROW_LIMIT', settings.queryRowLimit, 1_000_000],
    ['QINGFENG_QUERY_POOL_SIZE', settings.queryPoolSize, 100],
    ['QINGFENG_QUERY_WAIT_SECONDS', settings.queryWaitSeconds, 60],
    ['QINGFENG_QUERY_ANSWER_MB', settings.queryAnswerMb, 1024],
    ['QINGFENG_UPLOAD_LIMIT_MB', settings.uploadLimitMb, 100_000],
  ] as const) {
    if (!Number.isInteger(value) || value < 1 || value > max)
      throw invalid(name, `must be an integer 1-${max}`);
  }
  validateIngestLimits(settings.ingestLimits);
  validateHttpSettings(settings);
  return settings;
}

const PROXY_NAMES = new Set(['loopback', 'linklocal', 'uniquelocal']);

/** QINGFENG_TRUST_PROXY entries are addresses, CIDRs or express's names; the public origin is a bare origin. */
function validateHttpSettings(settings: Settings): void {
  for (const entry of settings.trustProxy) {
    const [address = '', prefix, ...rest] = entry.split('/');
    const family = isIP(address);
    const bits = family === 6 ? 128 : 32;
    const prefixOk = prefix === undefined || (/^\d{1,3}$/.test(prefix) && Number(prefix) <= bits);
    if (!PROXY_NAMES.has(entry) && !(family && prefixOk && !rest.length))
      throw invalid(
        'QINGFENG_TRUST_PROXY',
        `not an address, CIDR or loopback/linklocal/uniquelocal: ${entry}`,
      );
  }
  const origin = settings.publicOrigin;
  if (
    origin !== undefined &&
    (!/^https?:\/\//.test(origin) || !URL.canParse(origin) || new URL(origin).origin !== origin)
  )
    throw invalid('QINGFENG_PUBLIC_ORIGIN', 'expected an origin such as https://qingfeng.example');
}

function optionalInt(value: string | undefined): number | undefined {
  if (value === undefined || value.trim() === '') return undefined;
  return Number(value);
}

/** The only reader of environment variables. */
export function readSettings(env: NodeJS.ProcessEnv = process.env): Settings {
  const d = DEFAULT_SETTINGS;
  const uri = env.NEO4J_URI?.trim();
  return validateSettings({
    home: env.QINGFENG_HOME ? resolve(env.QINGFENG_HOME) : d.home,
    cacheDir: env.QINGFENG_CACHE ? resolve(env.QINGFENG_CACHE) : d.cacheDir,
    boltPort: optionalInt(env.QINGFENG_BOLT_PORT),
    httpPort: optionalInt(env.QINGFENG_HTTP_PORT),
    neo4jVersion: env.QINGFENG_NEO4J_VERSION || d.neo4jVersion,
    neo4jHeap: env.QINGFENG_NEO4J_HEAP || d.neo4jHeap,
    neo4jPageCache: env.QINGFENG_NEO4J_PAGECACHE || d.neo4jPageCache,
    startTimeoutSeconds: optionalInt(env.QINGFENG_NEO4J_START_TIMEOUT) ?? d.startTimeoutSeconds,
    external: uri ? { uri, user: env.NEO4J_USER || 'neo4j', password: env.NEO4J_PASSWORD ?? '' } : undefined,
    database: env.NEO4J_DATABASE || d.database,
    serverHost: env.QINGFENG_HOST || d.serverHost,
    serverPort: optionalInt(env.QINGFENG_PORT ?? env.PORT) ?? d.serverPort,
    trustProxy: (env.QINGFENG_TRUST_PROXY ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean),
    publicOrigin: env.QINGFENG_PUBLIC_ORIGIN?.trim().replace(/\/$/, '') || d.publicOrigin,
    lang: (env.QINGFENG_LANG as Settings['lang']) || d.lang,
    demoScale: env.QINGFENG_DEMO_SCALE?.trim() ? Number(env.QINGFENG_DEMO_SCALE) : d.demoScale,
    demoPassword: env.QINGFENG_DEMO_PASSWORD || d.demoPassword,
    sessionIdleMinutes: optionalInt(env.QINGFENG_SESSION_IDLE_MINUTES) ?? d.sessionIdleMinutes,
    sessionMaxHours: optionalInt(env.QINGFENG_SESSION_MAX_HOURS) ?? d.sessionMaxHours,
    loginMaxFailures: optionalInt(env.QINGFENG_LOGIN_MAX_FAILURES) ?? d.loginMaxFailures,
    loginWindowMinutes: optionalInt(env.QINGFENG_LOGIN_WINDOW_MINUTES) ?? d.loginWindowMinutes,
    queryTimeoutSeconds: optionalInt(env.QINGFENG_QUERY_TIMEOUT_SECONDS) ?? d.queryTimeoutSeconds,
    queryRowLimit: optionalInt(env.QINGFENG_QUERY_ROW_LIMIT) ?? d.queryRowLimit,
    queryPoolSize: optionalInt(env.QINGFENG_QUERY_POOL_SIZE) ?? d.queryPoolSize,
    queryWaitSeconds: optionalInt(env.QINGFENG_QUERY_WAIT_SECONDS) ?? d.queryWaitSeconds,
    queryAnswerMb: optionalInt(env.QINGFENG_QUERY_ANSWER_MB) ?? d.queryAnswerMb,
    uploadLimitMb: optionalInt(env.QINGFENG_UPLOAD_LIMIT_MB) ?? d.uploadLimitMb,
    ingestLimits: readIngestLimits(env, d.ingestLimits),
  });
}

/** Ingest's bad-file limits (see Settings.ingestLimits); each breach refuses one file with the limit named. */
export interface IngestLimits {
  /** Most columns in a row (CSV record, XLSX row). */
  maxColumns: number;
  /** Longest cell, in characters. */
  maxCellChars: number;
  /** Most rows in a CSV file or XLSX sheet. */
  maxRows: number;
  /** Largest uncompressed sheet (or shared-strings part) of an XLSX, read from the zip's central directory. */
  maxSheetMb: number;
  /** Longest CSV record, in KiB of text. */
  maxLineKb: number;
  /** Event dates (transactions, payments, deaths) before this day (YYYY-MM-DD) are warned. */
  earliestDate: string;
  /** Event dates more than this many days after today are warned. */
  latestDaysAhead: number;
}

function validateIngestLimits(limits: IngestLimits): void {
  for (const [name, value, max] of [
    ['QINGFENG_INGEST_MAX_COLUMNS', limits.maxColumns, 100_000],
    ['QINGFENG_INGEST_MAX_CELL_CHARS', limits.maxCellChars, 64 * 1024 * 1024],
    ['QINGFENG_INGEST_MAX_ROWS', limits.maxRows, 1_000_000_000],
    ['QINGFENG_INGEST_MAX_SHEET_MB', limits.maxSheetMb, 4096],
    ['QINGFENG_INGEST_MAX_LINE_KB', limits.maxLineKb, 512 * 1024],
    ['QINGFENG_INGEST_LATEST_DAYS_AHEAD', limits.latestDaysAhead, 100 * 366],
  ] as const) {
    if (!Number.isInteger(value) || value < 1 || value > max)
      throw invalid(name, `must be an integer 1-${max}`);
  }
  if (!/^\d{4}-\d{2}-\d{2}$/.test(limits.earliestDate) || Number.isNaN(Date.parse(limits.earliestDate)))
    throw invalid('QINGFENG_INGEST_EARLIEST_DATE', 'expected a date YYYY-MM-DD');
}

function readIngestLimits(env: NodeJS.ProcessEnv, d: IngestLimits): IngestLimits {
  return {
    maxColumns: optionalInt(env.QINGFENG_INGEST_MAX_COLUMNS) ?? d.maxColumns,
    maxCellChars: optionalInt(env.QINGFENG_INGEST_MAX_CELL_CHARS) ?? d.maxCellChars,
    maxRows: optionalInt(env.QINGFENG_INGEST_MAX_ROWS) ?? d.maxRows,
    maxSheetMb: optionalInt(env.QINGFENG_INGEST_MAX_SHEET_MB) ?? d.maxSheetMb,
    maxLineKb: optionalInt(env.QINGFENG_INGEST_MAX_LINE_KB) ?? d.maxLineKb,
    earliestDate: env.QINGFENG_INGEST_EARLIEST_DATE?.trim() || d.earliestDate,
    latestDaysAhead: optionalInt(env.QINGFENG_INGEST_LATEST_DAYS_AHEAD) ?? d.latestDaysAhead,
  };
}
