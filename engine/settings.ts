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
  });
}
