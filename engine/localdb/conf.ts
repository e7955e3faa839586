// Renders neo4j.conf for a managed instance: loopback only, our ports, our folders, no telemetry.
import type { HomePaths } from './home.ts';

export interface ConfOptions {
  boltPort: number;
  httpPort: number;
  pageCache: string;
}

export function renderConf(paths: HomePaths, options: ConfOptions): string {
  const lines = [
    '# Written by qingfeng db start; edits are overwritten at the next start.',
    `server.default_listen_address=127.0.0.1`,
    `server.bolt.listen_address=127.0.0.1:${options.boltPort}`,
    `server.bolt.advertised_address=127.0.0.1:${options.boltPort}`,
    `server.http.listen_address=127.0.0.1:${options.httpPort}`,
    `server.http.advertised_address=127.0.0.1:${options.httpPort}`,
    'server.https.enabled=false',
    `server.directories.data=${paths.data}`,
    `server.directories.logs=${paths.logs}`,
    `server.directories.run=${paths.run}`,
    `server.directories.import=${paths.import}`,
    `server.memory.pagecache.size=${options.pageCache}`,
    'dbms.security.auth_enabled=true',
    'dbms.security.allow_csv_import_from_file_urls=true',
    'dbms.usage_report.enabled=false',
    // Analysts' ad-hoc queries must not hold the server forever.
    'db.transaction.timeout=10m',
    'db.logs.query.enabled=OFF',
    '',
  ];
  return lines.join('\n');
}

/** JVM flags the Neo4j launcher script would pass; we start the JVM ourselves. */
export function jvmArgs(heap: string): string[] {
  return [
    `-Xms${heap}`,
    `-Xmx${heap}`,
    '-XX:+UseG1GC',
    '-XX:-OmitStackTraceInFastThrow',
    '-XX:+UnlockExperimentalVMOptions',
    '-XX:+TrustFinalNonStaticFields',
    '-XX:+DisableExplicitGC',
    '-Djdk.nio.maxCachedBufferSize=1024',
    '-Dio.netty.tryReflectionSetAccessible=true',
    '-Dlog4j2.disable.jmx=true',
    '-Dfile.encoding=UTF-8',
    '--add-opens=java.base/java.nio=ALL-UNNAMED',
    '--add-opens=java.base/java.io=ALL-UNNAMED',
    '--add-opens=java.base/sun.nio.ch=ALL-UNNAMED',
    '--add-opens=java.base/java.lang=ALL-UNNAMED',
  ];
}
