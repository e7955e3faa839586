// Renders neo4j.conf for a managed instance: loopback only, our ports, our folders, no telemetry.
import type { HomePaths } from './home.ts';

export interface ConfOptions {
  boltPort: number;
  httpPort: number;
  pageCache: string;
  /** JVM heap (Neo4j size syntax); the transaction memory limits are sized from it. Default 1g. */
  heap?: string;
}

/** Megabytes in a Neo4j size such as `512m` or `2g` (what the settings validator accepts). */
export function sizeInMb(size: string): number {
  const match = /^(\d+)([kmg])$/i.exec(size.trim());
  if (!match) return 1024;
  const n = Number(match[1]);
  const unit = match[2]!.toLowerCase();
  return unit === 'g' ? n * 1024 : unit === 'm' ? n : Math.max(1, Math.floor(n / 1024));
}

/**
 * Memory limits that let Neo4j kill a memory-bomb query (a huge sort, collect or string) with
 * `Neo.TransientError.General.TransactionMemoryLimit` instead of running the JVM out of heap: one transaction
 * may use a quarter of the heap, all of them together half (the rest is Neo4j's own working memory).
 */
export function transactionMemory(heap = '1g'): { perTransaction: string; total: string } {
  const mb = sizeInMb(heap);
  return {
    perTransaction: `${Math.max(64, Math.floor(mb / 4))}m`,
    total: `${Math.max(128, Math.floor(mb / 2))}m`,
  };
}

export function renderConf(paths: HomePaths, options: ConfOptions): string {
  const memory = transactionMemory(options.heap);
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
    `db.memory.transaction.max=${memory.perTransaction}`,
    `dbms.memory.transaction.total.max=${memory.total}`,
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
