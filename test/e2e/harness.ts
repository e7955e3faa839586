// End-to-end harness: build the viewer, serve the real app over the test Neo4j, drive Debian's Chromium.
import { mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { build } from 'vite';
import { generateDemo, type Truth } from '../../engine/demo/index.ts';
import { runModels } from '../../engine/detect/run.ts';
import { createApp, type QingfengApp } from '../../engine/server/app.ts';
import { DEFAULT_SETTINGS, type Settings } from '../../engine/settings.ts';
import { ingestFiles } from '../../ingest/load/run.ts';
import { seedUsers, TEST_PASSWORD } from '../setup/api.ts';
import { cleanGraph, testStore } from '../setup/store.ts';

export const OUTPUT_DIR = resolve('test/e2e/output');
export const CHROMIUM = process.env.QINGFENG_CHROMIUM ?? '/usr/bin/chromium';

/** Builds viz/ into viz/dist exactly as `npm run build:viz` does (quietly). */
export async function buildViewer(): Promise<void> {
  await build({ configFile: resolve('viz/vite.config.ts'), logLevel: 'warn' });
}

/** An empty graph, then the demo county (scale 1) ingested and the supervision models run; users per role. */
export async function loadDemoCounty(scale = 1): Promise<Truth> {
  const store = await cleanGraph();
  const out = mkdtempSync(join(tmpdir(), 'qf-e2e-demo-'));
  const summary = await generateDemo({ out, scale, seed: 11 });
  await ingestFiles(store, [summary.dataDir], { outDir: join(out, 'runs') });
  await runModels(store, {});
  await seedUsers(store);
  return JSON.parse(readFileSync(join(out, 'truth.json'), 'utf8')) as Truth;
}

export interface RunningApp {
  base: string;
  app: QingfengApp;
  close: () => Promise<void>;
}

/** The real app (API + viewer at /) on a loopback port; `settings` overrides the defaults (e.g. its own home). */
export async function startApp(settings: Partial<Settings> = {}): Promise<RunningApp> {
  const app = createApp({ store: testStore, settings: { ...DEFAULT_SETTINGS, ...settings } });
  const server: Server = await new Promise((done) => {
    const s = app.listen(0, '127.0.0.1', () => done(s));
  });
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    base,
    app,
    close: async () => {
      await new Promise<void>((done) => server.close(() => done()));
      server.closeAllConnections();
      await app.services.audit.flush();
    },
  };
}

export interface Driven {
  browser: Browser;
  context: BrowserContext;
  page: Page;
  /** Messages the page logged as errors, and uncaught exceptions. */
  errors: string[];
}

/** Headless Chromium with software WebGL (SwiftShader), a desktop-sized window and downloads allowed. */
export async function openBrowser(): Promise<Driven> {
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--no-sandbox',
      '--enable-unsafe-swiftshader',
      '--use-angle=swiftshader',
      '--ignore-gpu-blocklist',
    ],
  });
  const context = await browser.newContext({
    viewport: { width: 1440, height: 880 },
    deviceScaleFactor: 1,
    acceptDownloads: true,
    locale: 'zh-CN',
  });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(`pageerror: ${error.message}`));
  page.on('console', (message) => {
    // Failed resources are the 401 of GET /api/auth/me before login; WebGL chatter is not ours.
    if (message.type() === 'error' && !/Failed to load resource|GL Driver|WebGL/.test(message.text()))
      errors.push(`console: ${message.text()}`);
  });
  return { browser, context, page, errors };
}

/** A full-page screenshot under test/e2e/output/ (the README and the user guide show them). */
export async function shot(page: Page, name: string): Promise<string> {
  mkdirSync(OUTPUT_DIR, { recursive: true });
  const path = join(OUTPUT_DIR, `${name}.png`);
  await page.screenshot({ path });
  return path;
}

/** A JSON call from inside a page, with that browser's session cookie: what the viewer itself would send. */
export async function pageApi<T>(
  page: Page,
  path: string,
  method = 'GET',
  body?: unknown,
): Promise<{ status: number; body: T }> {
  return page.evaluate(
    async ({ p, m, b }) => {
      const res = await fetch(`/api${p}`, {
        method: m,
        credentials: 'same-origin',
        headers: b === undefined ? {} : { 'content-type': 'application/json' },
        body: b === undefined ? undefined : JSON.stringify(b),
      });
      return { status: res.status, body: await res.json() };
    },
    { p: path, m: method, b: body },
  );
}

/** Waits until the ForceAtlas2 worker stopped (settled or budget spent), or `timeoutMs` passed. */
export async function waitForLayout(page: Page, timeoutMs = 20_000): Promise<void> {
  await page.waitForFunction(() => window.__qingfeng?.layout().iterations > 0, undefined, {
    timeout: timeoutMs,
  });
  await page
    .waitForFunction(() => !window.__qingfeng.layout().running, undefined, { timeout: timeoutMs })
    .catch(() => undefined);
}

/** A logged-in workspace over the scale-1 demo county: what a panel's end-to-end file starts from. */
export interface Workspace {
  truth: Truth;
  server: RunningApp;
  driven: Driven;
  page: Page;
  close: () => Promise<void>;
}

/** Logs `username` (a seeded user, TEST_PASSWORD) in through the login screen and waits for the workspace. */
export async function logIn(page: Page, base: string, username: string): Promise<void> {
  await page.goto(`${base}/`);
  await page.waitForSelector('#login-form');
  await page.fill('#login-username', username);
  await page.fill('#login-password', TEST_PASSWORD);
  await page.click('#login-submit');
  await page.waitForFunction(() => window.__qingfeng?.ready);
}

export async function openWorkspace(username: string): Promise<Workspace> {
  await buildViewer();
  const truth = await loadDemoCounty(1);
  const server = await startApp();
  const driven = await openBrowser();
  const page = driven.page;
  await logIn(page, server.base, username);
  return {
    truth,
    server,
    driven,
    page,
    close: async () => {
      await driven.browser.close();
      await server.close();
    },
  };
}
