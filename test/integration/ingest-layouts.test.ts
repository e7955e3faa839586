// The layout corpus into a real Neo4j in one run: every table read, every row accounted for, facts from above kept.
import { cpSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, relative } from 'node:path';
import iconv from 'iconv-lite';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '../../engine/store/gateway.ts';
import { type IngestResult, ingestFiles } from '../../ingest/load/run.ts';
import { cleanGraph } from '../setup/store.ts';
import { loadManifest } from '../unit/ingest/helpers/layout-corpus.ts';

const CORPUS = join(import.meta.dirname, '../fixtures/layouts');
const manifest = loadManifest(CORPUS);
const copy = mkdtempSync(join(tmpdir(), 'qf-layouts-'));
const pair = mkdtempSync(join(tmpdir(), 'qf-layout-pair-'));
const out = mkdtempSync(join(tmpdir(), 'qf-layouts-out-'));
let store: Store;
let first: IngestResult;

/** Where a summary's table sits in the manifest: path relative to the corpus, and sheet. */
function entryOf(path: string, sheet?: string) {
  const file = relative(copy, path);
  return manifest.find((e) => e.file === file && (e.sheet === undefined || e.sheet === sheet));
}

/**
 * The same movement in two statements of two different banks' layouts: 张三 (ICBC-style GBK CSV, holder and
 * account only above the table) pays 李四 (CCB-style CSV with `卡号/账号:` above and `对方账号与户名` combined).
 */
function writeStatementPair(): void {
  const icbc = [
    '中国工商银行借记卡账户历史明细清单',
    '户名：张三,,账号：6222021001112223334',
    '起止日期：2025-01-01 至 2025-03-31,,币种：人民币',
    '交易日期,摘要,交易金额,余额,对方户名,对方账号',
    '20250105,转账,"-1,234.00","8,766.00",李四,6217000012345678901',
    '20250106,工资,"+3,000.00","11,766.00",某某公司,6228480012345679',
    '合计,,"1,766.00",,,',
    '打印时间：2025-04-01 10:00,,,,,',
  ].join('\r\n');
  writeFileSync(join(pair, 'icbc-zhangsan.csv'), iconv.encode(icbc, 'gbk'));
  const ccb = [
    '中国建设银行个人活期账户交易明细',
    '卡号/账号:6217000012345678901,客户名称:李四',
    '交易日期,交易时间,摘要,支出,存入,余额,对方账号与户名',
    '2025.01.05,102838,跨行转入,,¥1234.00,¥5234.00,6222021001112223334/张三',
    '以上数据仅供参考,,,,,,',
  ].join('\n');
  writeFileSync(join(pair, 'ccb-lisi.csv'), ccb);
}

beforeAll(async () => {
  store = await cleanGraph();
  cpSync(CORPUS, copy, {
    recursive: true,
    filter: (src) => !/\.(ts|md|json)$/.test(src) || /\/company\//.test(src),
  });
  writeStatementPair();
  first = await ingestFiles(store, [copy, pair], { outDir: out });
}, 300_000);

describe('ingest of the layout corpus', () => {
  it('reads every table with no profile, and accounts for every row: rows = loaded + merged + quarantined + skipped', () => {
    const tables = first.files.filter((f) => f.path.startsWith(copy));
    expect(tables.length).toBe(manifest.length);
    for (const summary of tables) {
      const entry = entryOf(summary.path, summary.sheet);
      const name = `${relative(copy, summary.path)}${summary.sheet ? `:${summary.sheet}` : ''}`;
      expect(summary.refused, name).toBeUndefined();
      expect(summary.kind, name).toBe(entry?.kind);
      expect(summary.rows, name).toBe(
        summary.loaded + summary.merged + summary.quarantined + summary.skipped,
      );
      expect(summary.skipped, name).toBe(entry?.skipped);
      expect(summary.quarantined, name).toBe(0);
    }
  });

  it('makes ONE transfer of a movement that two banks print in two layouts, each side keeping its provenance', async () => {
    const rows = await store.read<{ amount: number; time: string; sources: string[] }>(
      `MATCH (:Account {accountNo: '6222021001112223334'})-[t:TRANSFER]->(:Account {accountNo: '6217000012345678901'})
       RETURN t.amount AS amount, t.time AS time, t.sources AS sources`,
    );
    expect(rows).toHaveLength(1);
    expect(rows[0]!.amount).toBe(1234);
    expect(rows[0]!.sources.map((s) => s.replace(/#\d+$/, '')).sort()).toEqual([
      'ccb-lisi.csv',
      'icbc-zhangsan.csv',
    ]);
  });

  it('takes a statement holder and account from the block above its table, citing file#preamble', async () => {
    const rows = await store.read<{ holder: string; sources: string[] }>(
      `MATCH (a:Account {accountNo: '6222021001112223334'}) RETURN a.holderName AS holder, a.sources AS sources`,
    );
    expect(rows[0]!.holder).toBe('张三');
    expect(rows[0]!.sources).toContain('icbc-zhangsan.csv#preamble');
    const summary = first.files.find((f) => basename(f.path) === 'icbc-zhangsan.csv');
    // The shared movement was loaded from 李四's statement (read first): here it merges.
    expect(summary).toMatchObject({
      kind: 'bank',
      rows: 4,
      loaded: 1,
      merged: 1,
      skipped: 2,
      quarantined: 0,
    });
  });

  it('changes nothing when the same files are ingested again: every row merged or skipped', async () => {
    const again = await ingestFiles(store, [copy, pair], { outDir: out });
    for (const summary of again.files) {
      expect(summary.loaded, summary.path).toBe(0);
      expect(summary.merged + summary.skipped + summary.quarantined, summary.path).toBe(summary.rows);
    }
  }, 300_000);
});
