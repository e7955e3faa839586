// Finds Java and Maven for the managed Neo4j and explains, in both languages, what to do when they are missing.
import { spawnSync } from 'node:child_process';
import { EnvironmentError } from '../errors.ts';
import { t } from '../i18n.ts';

export interface JavaInfo {
  command: string;
  major: number;
}

/** `java` from JAVA_HOME if set, else from PATH; throws EnvironmentError `java.missing` / `java.tooOld`. */
export function findJava(env: NodeJS.ProcessEnv = process.env): JavaInfo {
  const command = env.JAVA_HOME ? `${env.JAVA_HOME}/bin/java` : 'java';
  const probe = spawnSync(command, ['-version'], { encoding: 'utf8', env });
  if (probe.error || probe.status !== 0) {
    throw new EnvironmentError('java.missing', t('java.missing', {}, 'both'), { cause: probe.error });
  }
  const text = `${probe.stderr}${probe.stdout}`;
  const match = /version "(\d+)(?:\.(\d+))?/.exec(text);
  const first = Number(match?.[1] ?? 0);
  // Java 8 and older report "1.8"; 9+ report the major first.
  const major = first === 1 ? Number(match?.[2] ?? 0) : first;
  if (major < 17) {
    throw new EnvironmentError(
      'java.tooOld',
      t('java.tooOld', { version: match?.[0] ?? text.split('\n')[0] }, 'both'),
    );
  }
  return { command, major };
}

/** `mvn` from PATH; throws EnvironmentError `maven.missing`. */
export function findMaven(env: NodeJS.ProcessEnv = process.env): string {
  const probe = spawnSync('mvn', ['-v'], { encoding: 'utf8', env });
  if (probe.error || probe.status !== 0) {
    throw new EnvironmentError('maven.missing', t('maven.missing', {}, 'both'), { cause: probe.error });
  }
  return 'mvn';
}
