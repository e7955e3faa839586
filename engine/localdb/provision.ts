// Resolves the Neo4j Community server jars from Maven Central into a shared cache, once per version.
import { spawn } from 'node:child_process';
import {
  closeSync,
  existsSync,
  mkdirSync,
  openSync,
  readdirSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { EnvironmentError } from '../errors.ts';
import { t } from '../i18n.ts';
import { findMaven } from './toolchain.ts';

/** The two artifacts that make a Community server: the bootstrap and the database. */
function pomFor(version: string): string {
  return `<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>qingfeng.local</groupId>
  <artifactId>neo4j-runtime</artifactId>
  <version>${version}</version>
  <packaging>pom</packaging>
  <dependencies>
    <dependency><groupId>org.neo4j.app</groupId><artifactId>neo4j-server</artifactId><version>${version}</version></dependency>
    <dependency><groupId>org.neo4j</groupId><artifactId>neo4j</artifactId><version>${version}</version></dependency>
  </dependencies>
</project>
`;
}

export function libDirFor(cacheDir: string, version: string): string {
  return join(cacheDir, `neo4j-${version}`, 'lib');
}

function runMaven(args: string[], cwd: string, logFile: string): Promise<number> {
  const fd = openSync(logFile, 'w');
  return new Promise((resolvePromise, reject) => {
    const child = spawn(findMaven(), args, { cwd, stdio: ['ignore', fd, fd] });
    child.on('error', reject);
    child.on('exit', (code) => {
      closeSync(fd);
      resolvePromise(code ?? 1);
    });
  });
}

/**
 * Returns the folder of jars for `version`, fetching them with Maven on first use.
 * The copy lands in a temporary folder renamed into place, so an interrupted fetch never leaves a half cache.
 */
export async function ensureNeo4jJars(
  cacheDir: string,
  version: string,
  onFetch: (message: string) => void = () => {},
): Promise<string> {
  const lib = libDirFor(cacheDir, version);
  if (existsSync(lib) && readdirSync(lib).some((name) => name.startsWith('neo4j-server-'))) return lib;
  const base = join(cacheDir, `neo4j-${version}`);
  mkdirSync(base, { recursive: true });
  onFetch(t('db.provisioning', { version, cache: base }, 'both'));
  writeFileSync(join(base, 'pom.xml'), pomFor(version));
  const staging = join(base, `lib.partial-${process.pid}`);
  rmSync(staging, { recursive: true, force: true });
  const logFile = join(base, 'maven.log');
  const code = await runMaven(
    ['-B', '-q', 'dependency:copy-dependencies', `-DoutputDirectory=${staging}`, '-DincludeScope=runtime'],
    base,
    logFile,
  );
  if (code !== 0) {
    rmSync(staging, { recursive: true, force: true });
    throw new EnvironmentError('maven.failed', t('maven.failed', { version, code, log: logFile }, 'both'));
  }
  try {
    renameSync(staging, lib);
  } catch (error) {
    // Another process finished the same fetch first; its copy is as good as ours.
    rmSync(staging, { recursive: true, force: true });
    if (!existsSync(lib)) throw error;
  }
  return lib;
}
