// What every route can reach: the store, settings, sessions, the login limiter and the audit log, made once per app.
import { AuditLog } from '../audit/log.ts';
import { LoginLimiter } from '../auth/rateLimit.ts';
import { SessionStore } from '../auth/sessions.ts';
import { sessionEpoch } from '../auth/users.ts';
import { DEFAULT_SETTINGS, type Settings } from '../settings.ts';
import type { Store } from '../store/gateway.ts';

export interface AppDeps {
  /** The store to use for this request; throws StoreError/EnvironmentError when none is reachable. */
  store: () => Store;
  /** Defaults to DEFAULT_SETTINGS (tests pass their own). */
  settings?: Settings;
  /** Where audit entries wait on disk until stored (`serve` gives the home's); unset: memory only. */
  auditSpoolDir?: string;
}

export interface ApiServices {
  store: () => Store;
  settings: Settings;
  sessions: SessionStore;
  limiter: LoginLimiter;
  audit: AuditLog;
  /** Resources hang their own long-lived state here (ingest jobs, template library), keyed by resource. */
  shared: Map<string, unknown>;
}

export function createServices(deps: AppDeps): ApiServices {
  const settings = deps.settings ?? DEFAULT_SETTINGS;
  return {
    store: deps.store,
    settings,
    sessions: new SessionStore({
      idleMs: settings.sessionIdleMinutes * 60_000,
      absoluteMs: settings.sessionMaxHours * 3_600_000,
      epochOf: async (username) => sessionEpoch(deps.store(), username),
    }),
    limiter: new LoginLimiter({
      maxFailures: settings.loginMaxFailures,
      windowMs: settings.loginWindowMinutes * 60_000,
    }),
    audit: new AuditLog(deps.store, { spoolDir: deps.auditSpoolDir }),
    shared: new Map(),
  };
}

/** One instance of a resource's state per app, made on first use. */
export function sharedState<T>(services: ApiServices, key: string, make: () => T): T {
  let value = services.shared.get(key) as T | undefined;
  if (value === undefined) {
    value = make();
    services.shared.set(key, value);
  }
  return value;
}
