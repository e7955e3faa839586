// Viewer benchmark: stock sigma + stock FA2 worker vs Qingfeng's canvas and layout, at 1k/5k/20k nodes, in headless Chromium.
import { mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { cpus, loadavg, totalmem } from 'node:os';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { chromium, type Page } from 'playwright-core';
import { build, type PluginOption } from 'vite';
import vizConfig from '../viz/vite.config.ts';
import type { BenchApi, LayoutResult, PhaseResult } from './viewer/probe.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const PAGES = join(ROOT, 'bench/viewer');
const OUT = join(ROOT, 'bench/results/viewer-build');
const { values } = parseArgs({
  options: {
    sizes: { type: 'string', default: '1000,5000,20000' },
    seed: { type: 'string', default: '7' },
    'layout-ms': { type: 'string', default: '5000' },
    'pan-ms': { type: 'string', default: '6000' },
    chromium: { type: 'string', default: process.env.CHROMIUM ?? '/usr/bin/chromium' },
  },
});
const sizes = values.sizes.split(',').map(Number);
const layoutMs = Number(values['layout-ms']);
const panMs = Number(values['pan-ms']);
const log = (message: string) => process.stderr.write(`[bench:viewer] ${message}\n`);

type Variant = 'stock' | 'qingfeng';
interface Row {
  variant: Variant;
  nodes: number;
  edges: number;
  firstRenderMs: number | null;
  layout: LayoutResult | null;
  pan: PhaseResult | null;
  error?: string;
}

/** Builds one page with Vite: stock with no plugins, Qingfeng with the viewer's own (as `npm run build:viz`). */
async function buildPage(variant: Variant): Promise<string> {
  const outDir = join(OUT, variant);
  const plugins: PluginOption[] = variant === 'qingfeng' ? ((vizConfig.plugins ?? []) as PluginOption[]) : [];
  await build({
    configFile: false,
    root: PAGES,
    base: './',
    logLevel: 'warn',
    plugins,
    worker: { format: 'es' },
    build: {
      outDir,
      emptyOutDir: true,
      target: 'es2022',
      chunkSizeWarningLimit: 5000,
      rollupOptions: { input: join(PAGES, `${variant}.html`) },
    },
  });
  return outDir;
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.svg': 'image/svg+xml',
};

/** A tiny static server on loopback over the build folder. */
function serve(dir: string): Promise<Server> {
  const server = createServer((req, res) => {
    const path = normalize(decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname)).replace(
      /^[/\\.]+/,
      '',
    );
    const file = join(dir, path || 'index.html');
    try {
      if (!file.startsWith(dir) || !statSync(file).isFile()) throw new Error('not a file');
      res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' });
      res.end(readFileSync(file));
    } catch {
      res.writeHead(404).end();
    }
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

async function waitReady(page: Page, timeoutMs: number): Promise<void> {
  await page.waitForFunction(
    () => {
      const b = (window as unknown as { __bench?: BenchApi }).__bench;
      return !!b && (b.ready || b.error !== null);
    },
    undefined,
    { timeout: timeoutMs, polling: 250 },
  );
  const error = await page.evaluate(() => window.__bench.error);
  if (error) throw new Error(error);
}

async function measure(page: Page, base: string, variant: Variant, nodes: number): Promise<Row> {
  const row: Row = { variant, nodes, edges: 0, firstRenderMs: null, layout: null, pan: null };
  try {
    await page.goto(`${base}/${variant}/${variant}.html?n=${nodes}&seed=${values.seed}`);
    await waitReady(page, 120_000);
    row.firstRenderMs = await page.evaluate(() => window.__bench.firstRenderMs);
    row.edges = await page.evaluate(() => window.__bench.edges);
    log(`${variant} ${nodes}: first render ${row.firstRenderMs} ms; layout ${layoutMs} ms…`);
    row.layout = await page.evaluate((ms) => window.__bench.layout(ms), layoutMs);
    log(`${variant} ${nodes}: ${row.layout.iterationsPerSecond} it/s; pan ${panMs} ms…`);
    row.pan = await page.evaluate((ms) => window.__bench.pan(ms), panMs);
  } catch (error) {
    row.error = error instanceof Error ? error.message.split('\n')[0]! : String(error);
    log(`${variant} ${nodes}: ${row.error}`);
  }
  return row;
}

function table(rows: Row[]): string {
  const head = [
    'nodes/edges',
    'page',
    'first render ms',
    'pan fps',
    'layout it/s',
    'shown it/s',
    'longest task layout ms',
    'longest task pan ms',
  ];
  const lines = [head];
  for (const r of rows)
    lines.push([
      `${r.nodes}/${r.edges}`,
      r.variant,
      String(r.firstRenderMs ?? '—'),
      String(r.pan?.fps ?? '—'),
      r.layout
        ? `${r.layout.iterationsPerSecond}${r.layout.finishedEarly ? ` (settled at ${r.layout.iterations})` : ''}`
        : '—',
      String(r.layout?.shownPerSecond ?? '—'),
      String(r.layout?.longestTaskMs ?? '—'),
      String(r.pan?.longestTaskMs ?? '—'),
    ]);
  const widths = head.map((_, i) => Math.max(...lines.map((l) => l[i]!.length)));
  return lines.map((l) => l.map((cell, i) => cell.padEnd(widths[i]!)).join('  ')).join('\n');
}

async function main(): Promise<void> {
  const started = Date.now();
  log('building the two pages with Vite…');
  await buildPage('stock');
  await buildPage('qingfeng');
  const server = await serve(OUT);
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const browser = await chromium.launch({
    executablePath: values.chromium,
    args: ['--no-sandbox', '--enable-unsafe-swiftshader', '--use-angle=swiftshader'],
  });
  const rows: Row[] = [];
  const loadBefore = loadavg()[0]!;
  if (loadBefore > cpus().length)
    log(
      `load average ${loadBefore.toFixed(1)} on ${cpus().length} CPUs: other work shares the machine, figures will be low and noisy`,
    );
  try {
    for (const nodes of sizes)
      for (const variant of ['stock', 'qingfeng'] as const) {
        // A fresh page per run: no warm caches or leftover workers from the previous one.
        const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
        page.setDefaultTimeout(120_000);
        rows.push(await measure(page, base, variant, nodes));
        await page.close();
      }
  } finally {
    await browser.close();
    server.close();
  }
  const text = table(rows);
  process.stdout.write(`\n${text}\n\n`);
  for (const nodes of sizes) {
    const stock = rows.find((r) => r.nodes === nodes && r.variant === 'stock');
    const ours = rows.find((r) => r.nodes === nodes && r.variant === 'qingfeng');
    if (stock?.pan && ours?.pan && stock.pan.fps > 0)
      process.stdout.write(`${nodes}: pan ${(ours.pan.fps / stock.pan.fps).toFixed(1)}× stock\n`);
  }
  mkdirSync(join(ROOT, 'bench/results'), { recursive: true });
  const file = join(ROOT, 'bench/results/viewer.json');
  writeFileSync(
    file,
    `${JSON.stringify(
      {
        when: new Date().toISOString(),
        seconds: Math.round((Date.now() - started) / 1000),
        options: { sizes, seed: Number(values.seed), layoutMs, panMs },
        machine: {
          cpus: cpus().length,
          cpu: cpus()[0]?.model,
          memoryGb: Math.round(totalmem() / 2 ** 30),
          loadAverage: { before: loadBefore, after: loadavg()[0] },
        },
        browser: `${values.chromium} (headless, SwiftShader WebGL)`,
        rows,
      },
      null,
      2,
    )}\n`,
  );
  log(`written ${file} (${Math.round((Date.now() - started) / 1000)} s)`);
}

main().catch((error) => {
  log(error instanceof Error ? (error.stack ?? error.message) : String(error));
  process.exit(1);
});
