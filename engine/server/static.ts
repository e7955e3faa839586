// Serves the built viewer (viz/dist) from the API's express app: hashed assets cached for a year, the page never.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import express, { type Express, type NextFunction, type Request, type Response } from 'express';

/** Where `npm run build:viz` writes the viewer. */
export const VIEWER_DIST = fileURLToPath(new URL('../../viz/dist', import.meta.url));

/**
 * The viewer's page may load only what this server sends: its own scripts, styles, workers and images
 * (canvas exports are blob/data URLs); no CDN, no inline script, no framing by other sites.
 */
export const VIEWER_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "worker-src 'self' blob:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "frame-ancestors 'none'",
  "form-action 'self'",
].join('; ');

const NOT_BUILT = `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>清风 Qingfeng</title></head>
<body style="font-family: sans-serif; margin: 3em; color: #333">
<h1>清风 · 查看器尚未构建</h1>
<p>请运行 <code>npm run build:viz</code>（或 <code>npm start</code>，它会先构建查看器），然后刷新本页。</p>
<p>The viewer has not been built: run <code>npm run build:viz</code> (or <code>npm start</code>, which builds it
first), then reload this page. The API is available under <a href="/api/openapi.json">/api</a>.</p>
</body></html>`;

export interface ViewerOptions {
  /** The built viewer folder (default viz/dist). */
  dir?: string;
}

/** Hashed file names (Vite's `name-HASH.ext` under assets/) never change content: cache them for good. */
function isHashedAsset(path: string): boolean {
  return /\/assets\/[^/]+-[A-Za-z0-9_-]{8,}\.[a-z0-9]+$/.test(path.replaceAll('\\', '/'));
}

function sendPage(dir: string, res: Response, next: NextFunction): void {
  res.setHeader('Cache-Control', 'no-cache');
  res.setHeader('Content-Security-Policy', VIEWER_CSP);
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('Referrer-Policy', 'same-origin');
  const index = join(dir, 'index.html');
  if (!existsSync(index)) {
    res.status(503).type('html').send(NOT_BUILT);
    return;
  }
  res.sendFile(index, (error) => {
    if (error) next(error);
  });
}

/**
 * Mounts the viewer at `/`: files of the built app, and for any other GET that is not under /api and asks
 * for a page, the app's index.html (the viewer routes in the browser). Call after the /api routes.
 */
export function mountViewer(app: Express, options: ViewerOptions = {}): void {
  const dir = options.dir ?? VIEWER_DIST;
  const files = express.static(dir, {
    index: false,
    fallthrough: true,
    setHeaders: (res, path) => {
      res.setHeader('X-Content-Type-Options', 'nosniff');
      res.setHeader(
        'Cache-Control',
        isHashedAsset(path) ? 'public, max-age=31536000, immutable' : 'public, max-age=0, must-revalidate',
      );
    },
  });
  app.use((req: Request, res: Response, next: NextFunction) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return next();
    if (req.path === '/api' || req.path.startsWith('/api/')) return next();
    if (req.path === '/' || req.path === '/index.html') return sendPage(dir, res, next);
    files(req, res, () => {
      // Not a file: a missing asset is a 404; a page address (no extension, or asking for HTML) gets the app.
      const wantsPage = !/\.[a-z0-9]+$/i.test(req.path) || req.accepts(['html', 'json']) === 'html';
      if (wantsPage && !req.path.startsWith('/assets/')) return sendPage(dir, res, next);
      res.status(404).type('text').send('Not found');
    });
  });
}
