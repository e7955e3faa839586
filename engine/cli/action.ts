// Shared CLI plumbing: settings, the store, printing, and turning engine errors into a clear exit.
import { userInfo } from 'node:os';
import { type AuditInput, AuditLog } from '../audit/log.ts';
import { InvalidInputError, isEngineError } from '../errors.ts';
import { t } from '../i18n.ts';
import { homePaths } from '../localdb/home.ts';
import { readSettings, type Settings } from '../settings.ts';
import { resolveConnection } from '../store/connection.ts';
import { closeAllStores, getStore, type Store } from '../store/gateway.ts';

export interface CliContext {
  settings: Settings;
  /** Opens (once) the store this command should talk to. */
  store: () => Store;
  say: (message: string) => void;
  json: (value: unknown) => void;
  /** Writes an audit entry at once, as the operating-system user (`cli:<name>`): the CLI changes data too. */
  audit: (entry: Omit<AuditInput, 'user' | 'role'>) => Promise<void>;
}

function makeContext(): CliContext {
  const settings = readSettings();
  let store: Store | undefined;
  const base: Omit<CliContext, 'audit'> = {
    settings,
    store: () => {
      store ??= getStore(resolveConnection(settings));
      return store;
    },
    say: (message) => process.stderr.write(`${message}\n`),
    json: (value) => process.stdout.write(`${JSON.stringify(value, null, 2)}\n`),
  };
  // Spooled: a change recorded while Neo4j is down is stored by the next process that audits. Orphans are
  // adopted only when this command audits, so `db start` or `db status` never wait on a store.
  const log = new AuditLog(() => context.store(), {
    spoolDir: homePaths(settings.home).auditSpool,
    adoptAtStart: false,
  });
  const context: CliContext = {
    ...base,
    audit: async (entry) => {
      log.adoptOrphans();
      log.record({ ...entry, user: `cli:${userInfo().username}`, role: 'cli' });
      await log.flush();
    },
  };
  return context;
}

/** Wraps a command body: engine errors print `[id] message` and exit 1 (2 for bad input); stores are closed. */
export function action<A extends unknown[]>(body: (ctx: CliContext, ...args: A) => Promise<void>) {
  return async (...args: A): Promise<void> => {
    try {
      await body(makeContext(), ...args);
    } catch (error) {
      if (isEngineError(error)) {
        process.stderr.write(`错误 Error [${error.id}]: ${error.message}\n`);
        process.exitCode = error.status === 400 ? 2 : 1;
      } else {
        const detail = error instanceof Error ? (error.stack ?? error.message) : String(error);
        process.stderr.write(`${t('error.unexpected', { detail }, 'both')}\n`);
        process.exitCode = 1;
      }
    } finally {
      await closeAllStores();
    }
  };
}

/** `cli.badOption`: an option's value is unusable (exit 2). */
export function badOption(name: string, value: string): InvalidInputError {
  return new InvalidInputError(
    'cli.badOption',
    `选项 ${name} 的值无效：${value} / Invalid value for ${name}: ${value}`,
    {
      details: { option: name, value },
    },
  );
}

/**
 * A numeric option: undefined stays undefined; anything not a finite number, or outside the bounds, is refused.
 * `grouped` accepts thousands separators (`10,000`), as amounts are often written.
 */
export function numberOption(
  name: string,
  value: string | undefined,
  bounds: { integer?: boolean; min?: number; above?: number; grouped?: boolean } = {},
): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(bounds.grouped ? value.replaceAll(',', '') : value);
  if (
    !Number.isFinite(n) ||
    (bounds.integer && !Number.isInteger(n)) ||
    (bounds.min !== undefined && n < bounds.min) ||
    (bounds.above !== undefined && n <= bounds.above)
  )
    throw badOption(name, value);
  return n;
}
