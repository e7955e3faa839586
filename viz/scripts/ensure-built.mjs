#!/usr/bin/env node
// Builds the viewer (viz/dist) before `npm start` when it is missing or older than its sources; else does nothing.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const viz = dirname(dirname(fileURLToPath(import.meta.url)));
const root = dirname(viz);
const built = join(viz, 'dist', 'index.html');
// The import screen's kinds and fields are read from the ingest families at build time: a change there rebuilds too.
const sources = [
  join(viz, 'src'),
  join(viz, 'public'),
  join(viz, 'index.html'),
  join(viz, 'vite.config.ts'),
  join(root, 'ingest', 'profiles', 'families.ts'),
];

/** The newest modification time under a file or folder. */
function newest(path) {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let latest = stat.mtimeMs;
  for (const entry of readdirSync(path)) latest = Math.max(latest, newest(join(path, entry)));
  return latest;
}

const builtAt = existsSync(built) ? statSync(built).mtimeMs : 0;
const changedAt = Math.max(...sources.map(newest));
if (builtAt >= changedAt) process.exit(0);

const vite = join(root, 'node_modules', 'vite', 'bin', 'vite.js');
if (!existsSync(vite)) {
  process.stderr.write(
    builtAt
      ? '查看器源码已更新，但未安装 vite，沿用旧版本 / viewer sources changed but vite is not installed: serving the old build\n'
      : '未安装 vite，无法构建查看器（请运行 npm install） / vite is not installed: cannot build the viewer (run npm install)\n',
  );
  process.exit(0);
}
process.stdout.write(
  builtAt
    ? '查看器源码已更新，正在重新构建… / Rebuilding the viewer…\n'
    : '正在构建查看器… / Building the viewer…\n',
);
const result = spawnSync(
  process.execPath,
  [vite, 'build', '--config', join(viz, 'vite.config.ts'), '--logLevel', 'warn'],
  {
    cwd: root,
    stdio: 'inherit',
  },
);
process.exit(result.status ?? 1);
