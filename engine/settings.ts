// Settings triad: the interface, the defaults, a validator, and the one place that reads the environment.
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
  /** Largest total upload accepted by the ingest route. */
  uploadLimitMb: number;
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
  lang: 'zh',
  demoScale: 1,
  demoPassword: undefined,
  sessionIdleMinutes: 120,
  sessionMaxHours: 12,
  loginMaxFailures: 5,
  loginWindowMinutes: 15,
  queryTimeoutSeconds: 30,
  queryRowLimit: 5000,
  uploadLimitMb: 512,
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
    ['QINGFENG_UPLOAD_LIMIT_MB', settings.uploadLimitMb, 100_000],
  ] as const) {
    if (!Number.isInteger(value) || value < 1 || value > max)
      throw invalid(name, `must be an integer 1-${max}`);
  }
  return settings;
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
    lang: (env.QINGFENG_LANG as Settings['lang']) || d.lang,
    demoScale: env.QINGFENG_DEMO_SCALE?.trim() ? Number(env.QINGFENG_DEMO_SCALE) : d.demoScale,
    demoPassword: env.QINGFENG_DEMO_PASSWORD || d.demoPassword,
    sessionIdleMinutes: optionalInt(env.QINGFENG_SESSION_IDLE_MINUTES) ?? d.sessionIdleMinutes,
    sessionMaxHours: optionalInt(env.QINGFENG_SESSION_MAX_HOURS) ?? d.sessionMaxHours,
    loginMaxFailures: optionalInt(env.QINGFENG_LOGIN_MAX_FAILURES) ?? d.loginMaxFailures,
    loginWindowMinutes: optionalInt(env.QINGFENG_LOGIN_WINDOW_MINUTES) ?? d.loginWindowMinutes,
    queryTimeoutSeconds: optionalInt(env.QINGFENG_QUERY_TIMEOUT_SECONDS) ?? d.queryTimeoutSeconds,
    queryRowLimit: optionalInt(env.QINGFENG_QUERY_ROW_LIMIT) ?? d.queryRowLimit,
    uploadLimitMb: optionalInt(env.QINGFENG_UPLOAD_LIMIT_MB) ?? d.uploadLimitMb,
  });
}
