// Test helpers for the HTTP API: the real app on a loopback port over the test Neo4j, users of every role, fetch.
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Role } from '../../engine/auth/roles.ts';
import { ROLES } from '../../engine/auth/roles.ts';
import { createUser } from '../../engine/auth/users.ts';
import { createApp, type QingfengApp } from '../../engine/server/app.ts';
import { DEFAULT_SETTINGS, type Settings } from '../../engine/settings.ts';
import type { Store } from '../../engine/store/gateway.ts';
import { testStore } from './store.ts';

export const TEST_PASSWORD = 'test-password-1';

// biome-ignore lint/suspicious/noExplicitAny: tests read answers field by field
export interface ApiAnswer<T = any> {
  status: number;
  body: T;
  headers: Headers;
}

export interface TestApi {
  base: string;
  app: QingfengApp;
  /** A session token per role, for users named after their role (`admin`, `analyst`, …). */
  tokens: Record<Role, string>;
  // biome-ignore lint/suspicious/noExplicitAny: tests read answers field by field
  call: <T = any>(
    method: string,
    path: string,
    options?: {
      token?: string | Role;
      body?: unknown;
      query?: Record<string, string | number | boolean>;
      /** Extra request headers (a cookie, Origin, X-Forwarded-For…). */
      headers?: Record<string, string>;
    },
  ) => Promise<ApiAnswer<T>>;
  close: () => Promise<void>;
}

/** Users named after each role, with TEST_PASSWORD. The graph must have been cleaned first. */
export async function seedUsers(store: Store): Promise<void> {
  for (const role of ROLES) await createUser(store, { username: role, password: TEST_PASSWORD, role });
}

export async function startApi(
  options: { settings?: Partial<Settings>; store?: () => Store; seed?: boolean } = {},
): Promise<TestApi> {
  const store = options.store ?? testStore;
  if (options.seed !== false) await seedUsers(store());
  const app = createApp({ store, settings: { ...DEFAULT_SETTINGS, ...options.settings } });
  const server: Server = await new Promise((resolvePromise) => {
    const s = app.listen(0, '127.0.0.1', () => resolvePromise(s));
  });
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const tokens = {} as Record<Role, string>;
  const call: TestApi['call'] = async (method, path, opts = {}) => {
    const url = new URL(`/api${path}`, base);
    for (const [k, v] of Object.entries(opts.query ?? {})) url.searchParams.set(k, String(v));
    const token =
      opts.token && (ROLES as readonly string[]).includes(opts.token)
        ? tokens[opts.token as Role]
        : opts.token;
    const headers: Record<string, string> = { ...opts.headers };
    if (token) headers.authorization = `Bearer ${token}`;
    if (opts.body !== undefined) headers['content-type'] = 'application/json';
    const res = await fetch(url, {
      method: method.toUpperCase(),
      headers,
      body: opts.body === undefined ? undefined : JSON.stringify(opts.body),
    });
    const text = await res.text();
    let body: unknown = text;
    try {
      body = text ? JSON.parse(text) : undefined;
    } catch {
      // Not JSON: keep the text.
    }
    return { status: res.status, body: body as never, headers: res.headers };
  };
  if (options.seed !== false) {
    for (const role of ROLES) {
      const res = await call<{ token: string }>('post', '/auth/login', {
        body: { username: role, password: TEST_PASSWORD },
      });
      if (res.status !== 200)
        throw new Error(`login ${role} failed: ${res.status} ${JSON.stringify(res.body)}`);
      tokens[role] = res.body.token;
    }
  }
  return {
    base,
    app,
    tokens,
    call,
    close: async () => {
      await app.services.audit.flush();
      await new Promise<void>((r) => server.close(() => r()));
      server.closeAllConnections();
    },
  };
}
