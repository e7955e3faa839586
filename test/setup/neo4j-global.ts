// Global setup of the integration project: one dedicated test Neo4j (own home and ports), stopped at the end.
import { resolve } from 'node:path';
import type { TestProject } from 'vitest/node';
import { startInstance, stopInstance } from '../../engine/localdb/instance.ts';
import { readSettings } from '../../engine/settings.ts';
import type { ConnectionInfo } from '../../engine/store/connection.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    neo4j: ConnectionInfo;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  if (process.env.NEO4J_URI) {
    // A server given from outside (CI service, developer's own): use it, manage nothing.
    const external = readSettings();
    project.provide('neo4j', { ...external.external!, database: external.database, managed: false });
    return async () => {};
  }
  const settings = readSettings({
    ...process.env,
    QINGFENG_HOME: process.env.QINGFENG_TEST_HOME ?? resolve('.qingfeng-test'),
    QINGFENG_BOLT_PORT: process.env.QINGFENG_TEST_BOLT_PORT ?? '',
    QINGFENG_HTTP_PORT: process.env.QINGFENG_TEST_HTTP_PORT ?? '',
    QINGFENG_NEO4J_HEAP: process.env.QINGFENG_TEST_NEO4J_HEAP ?? '1g',
    QINGFENG_NEO4J_PAGECACHE: '256m',
  });
  const started = await startInstance(settings, (message) => process.stderr.write(`${message}\n`));
  project.provide('neo4j', started.connection);
  return async () => {
    if (!started.reused) await stopInstance(settings);
  };
}
