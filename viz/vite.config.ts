// Vite configuration of the viewer: root viz/, output viz/dist, /api proxied to a running `qingfeng serve` in dev.
import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vite';
import { FAMILIES } from '../ingest/profiles/families.ts';
import type { KindInfo } from './src/panels/import-api.ts';

const root = fileURLToPath(new URL('.', import.meta.url));
const apiTarget = process.env.QINGFENG_API ?? `http://127.0.0.1:${process.env.QINGFENG_PORT ?? '7900'}`;

/**
 * sigma's dist spreads every node's and edge's display data through Babel's `_objectSpread2` helper (once per
 * item per refresh, with a node or edge reducer set): its defineProperty loop was the largest single cost of a
 * refresh at 5,000 nodes. For the plain data objects sigma spreads, Object.assign does the same, several
 * times faster. The rewrite is checked: if the helper is not found (another sigma build), nothing changes.
 */
function fastSigmaSpread(): Plugin {
  const helper = /function _objectSpread2\(e\) \{[\s\S]*?\n {2}return e;\n\}/;
  return {
    name: 'qingfeng:fast-sigma-spread',
    enforce: 'pre',
    transform(code, id) {
      if (
        !/[\\/]node_modules[\\/]sigma[\\/]dist[\\/]/.test(id) ||
        !code.includes('function _objectSpread2(e)')
      )
        return null;
      if (!helper.test(code)) {
        this.warn('sigma: _objectSpread2 helper not in the expected form; left as it is');
        return null;
      }
      const fast =
        'function _objectSpread2(e) {\n  for (var r = 1; r < arguments.length; r++) {\n    var t = arguments[r];\n    if (t != null) Object.assign(e, t);\n  }\n  return e;\n}';
      return { code: code.replace(helper, fast), map: null };
    },
  };
}

/**
 * The kinds ingest knows and each kind's fields, for the import screen's selects: taken from the ingest families
 * here, at build time, so the bundle carries a small list (names, the first header spelling as the Chinese
 * caption, the required meanings) and no ingest code.
 */
function ingestKinds(): KindInfo[] {
  return FAMILIES.map((family) => ({
    kind: family.kind,
    zh: family.zh,
    fields: Object.entries(family.fields).map(([name, spec]) => ({ name, zh: spec.aliases[0] ?? name })),
    required: family.required,
  }));
}

export default defineConfig({
  root,
  base: '/',
  plugins: [fastSigmaSpread()],
  define: { __QINGFENG_KINDS__: JSON.stringify(ingestKinds()) },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    chunkSizeWarningLimit: 1500,
  },
  worker: { format: 'es' },
  server: {
    port: 5173,
    proxy: { '/api': { target: apiTarget, changeOrigin: false } },
  },
});
