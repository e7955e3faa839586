// Proxy headers: X-Forwarded-For is believed only from a proxy named in QINGFENG_TRUST_PROXY (rate limit, audit).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApi, type TestApi } from '../../../test/setup/api.ts';
import { cleanGraph, testStore } from '../../../test/setup/store.ts';
import { readSettings } from '../../settings.ts';

let direct: TestApi;
let proxied: TestApi;

beforeAll(async () => {
  await cleanGraph();
  direct = await startApi({ seed: false });
  // The test client connects from 127.0.0.1: here it plays the proxy.
  proxied = await startApi({ seed: false, settings: { trustProxy: ['127.0.0.1'] } });
});

afterAll(async () => {
  await direct?.close();
  await proxied?.close();
});

/** One failed login per user name, each from a different claimed address, like the red team's probe. */
async function rotatingProbe(api: TestApi, tag: string): Promise<number[]> {
  const statuses: number[] = [];
  for (let i = 0; i < 40; i += 1) {
    const res = await api.call('post', '/auth/login', {
      body: { username: `${tag}-${i}`, password: 'wrong-password' },
      headers: { 'x-forwarded-for': `203.0.113.${i + 1}`, forwarded: `for=198.51.100.${i + 1}` },
    });
    statuses.push(res.status);
  }
  return statuses;
}

async function loginAudit(api: TestApi, tag: string): Promise<string[]> {
  await api.app.services.audit.flush();
  const rows = await testStore().read<{ ip: string }>(
    `MATCH (a:AuditEntry {action: 'auth.login'}) WHERE a.user STARTS WITH $tag RETURN a.ip AS ip`,
    { tag: `${tag}-` },
  );
  return rows.map((r) => r.ip);
}

describe('X-Forwarded-For without a trusted proxy', () => {
  it('is ignored: 40 names from one peer with a rotating header hit the per-address limit (429)', async () => {
    const statuses = await rotatingProbe(direct, 'direct');
    // Five failures per name times four per address: the 21st attempt from the one real address is refused.
    expect(statuses.slice(0, 20).every((s) => s === 401)).toBe(true);
    expect(statuses.slice(20).every((s) => s === 429)).toBe(true);
  });

  it('is not what the audit records: it stores the real peer address', async () => {
    const ips = await loginAudit(direct, 'direct');
    expect(ips).toHaveLength(40);
    expect(new Set(ips.map((ip) => ip.replace(/^::ffff:/, '')))).toEqual(new Set(['127.0.0.1']));
  });
});

describe('X-Forwarded-For from a proxy named in QINGFENG_TRUST_PROXY', () => {
  it('is honoured: each claimed client address has its own count, and the audit stores it', async () => {
    const statuses = await rotatingProbe(proxied, 'proxied');
    expect(statuses.every((s) => s === 401)).toBe(true);
    const ips = await loginAudit(proxied, 'proxied');
    expect(new Set(ips)).toEqual(new Set(Array.from({ length: 40 }, (_, i) => `203.0.113.${i + 1}`)));
  });
});

describe('QINGFENG_TRUST_PROXY and QINGFENG_PUBLIC_ORIGIN', () => {
  it('read addresses, CIDRs and names, and refuse anything else with settings.invalid', () => {
    const settings = readSettings({
      QINGFENG_TRUST_PROXY: '10.0.0.5, 192.168.0.0/16,loopback,::1',
      QINGFENG_PUBLIC_ORIGIN: 'https://qingfeng.example/',
    });
    expect(settings.trustProxy).toEqual(['10.0.0.5', '192.168.0.0/16', 'loopback', '::1']);
    expect(settings.publicOrigin).toBe('https://qingfeng.example');
    expect(readSettings({}).trustProxy).toEqual([]);
    for (const bad of ['*', 'true', '10.0.0.0/33', 'proxy.example']) {
      expect(() => readSettings({ QINGFENG_TRUST_PROXY: bad })).toThrow(
        expect.objectContaining({ id: 'settings.invalid' }),
      );
    }
    expect(() => readSettings({ QINGFENG_PUBLIC_ORIGIN: 'https://x.example/app' })).toThrow(
      expect.objectContaining({ id: 'settings.invalid' }),
    );
  });
});
