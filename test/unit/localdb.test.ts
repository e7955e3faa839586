// Pieces of the managed Neo4j that need no server: config rendering, toolchain checks, ports, i18n.
import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import { EnvironmentError } from '../../engine/errors.ts';
import { bilingual, t } from '../../engine/i18n.ts';
import { jvmArgs, renderConf } from '../../engine/localdb/conf.ts';
import { homePaths } from '../../engine/localdb/home.ts';
import { freePort, isPortFree } from '../../engine/localdb/ports.ts';
import { findJava } from '../../engine/localdb/toolchain.ts';

describe('managed Neo4j pieces', () => {
  it('renders a loopback-only config with our ports, folders and no telemetry', () => {
    const conf = renderConf(homePaths('/srv/qf'), { boltPort: 17687, httpPort: 17474, pageCache: '64m' });
    expect(conf).toContain('server.bolt.listen_address=127.0.0.1:17687');
    expect(conf).toContain('server.http.listen_address=127.0.0.1:17474');
    expect(conf).toContain('server.directories.data=/srv/qf/data');
    expect(conf).toContain('dbms.security.auth_enabled=true');
    expect(conf).toContain('dbms.usage_report.enabled=false');
    expect(jvmArgs('1g')).toEqual(expect.arrayContaining(['-Xms1g', '-Xmx1g']));
  });

  it('explains a missing Java with a typed error', () => {
    const error = (() => {
      try {
        findJava({ JAVA_HOME: '/nonexistent/jdk', PATH: '/nonexistent' });
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(EnvironmentError);
    expect((error as EnvironmentError).id).toBe('java.missing');
  });

  it("finds this machine's Java 17+", () => {
    expect(findJava().major).toBeGreaterThanOrEqual(17);
  });

  it('tells a taken port from a free one', async () => {
    const port = await freePort();
    expect(await isPortFree(port)).toBe(true);
    const server = createServer();
    await new Promise<void>((r) => server.listen(port, '127.0.0.1', () => r()));
    expect(await isPortFree(port)).toBe(false);
    await new Promise<void>((r) => server.close(() => r()));
  });

  it('fills messages in Chinese, English and both', () => {
    expect(t('port.inUse', { port: 1, variable: 'X' })).toContain('端口 1');
    expect(t('port.inUse', { port: 1, variable: 'X' }, 'en')).toContain('Port 1');
    expect(bilingual('db.stopped')).toEqual({ zh: 'Neo4j 已停止。', en: 'Neo4j has stopped.' });
  });
});
