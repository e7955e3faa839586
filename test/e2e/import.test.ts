// The import screen end to end in headless Chromium: a bank statement with a title and an account block above the
// table and a 合计 row below is planned (header row, preamble fact, one row skipped), one column corrected, the
// correction saved as a profile, the job followed to its summary; the saved profile is reused, listed and deleted.
// Screenshots 30-import-plan and 31-import-summary under test/e2e/output/.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '../../engine/store/gateway.ts';
import { seedUsers } from '../setup/api.ts';
import { cleanGraph } from '../setup/store.ts';
import { buildViewer, type Driven, logIn, openBrowser, type RunningApp, shot, startApp } from './harness.ts';

const OWN_ACCOUNT = '6222020200112233445';

/** A counter statement as banks print it: title, account block, the table, a totals row and a print stamp. */
const STATEMENT = [
  '中国工商银行个人账户交易明细',
  `户名：王建国,,,,,,`,
  `账号：${OWN_ACCOUNT},,,,,,`,
  '起止日期：2025-01-01 至 2025-03-31,,,,,,',
  '交易日期,交易时间,交易金额,余额,对方账号,对方户名,摘要',
  '2025-01-05,10:28:38,-1200.00,8800.00,6228480000000000011,李四,转账',
  '2025-01-09,09:12:01,3000.00,11800.00,6228480000000000029,赵五,工资',
  '2025-02-14,16:40:22,-500.00,11300.00,6228480000000000037,钱六,还款',
  '合计,,1300.00,,,,',
].join('\n');

let server: RunningApp;
let driven: Driven;
let page: Page;
let store: Store;
let statement: string;

/** The text of one count of the summary's total row. */
const total = (count: string) =>
  page.textContent(`#imp-summary-table tr.imp-total td[data-count="${count}"]`).then(Number);

describe('import screen', () => {
  beforeAll(async () => {
    await buildViewer();
    store = await cleanGraph();
    await seedUsers(store);
    const home = mkdtempSync(join(tmpdir(), 'qf-e2e-import-'));
    statement = join(home, '工行流水.csv');
    writeFileSync(statement, STATEMENT);
    // Its own home: uploads and saved profiles of this test stay apart from everyone else's.
    server = await startApp({ home });
    driven = await openBrowser();
    page = driven.page;
    await logIn(page, server.base, 'analyst');
  }, 600_000);

  afterAll(async () => {
    await driven?.browser.close();
    await server?.close();
  });

  it('plans the uploaded statement: header row, account from the block above, the 合计 row skipped', async () => {
    await page.click('#tool-import');
    await page.waitForSelector('#imp-screen:not([hidden]) #imp-drop');
    await page.setInputFiles('#imp-files', statement);
    await page.waitForSelector('.imp-table');
    expect(await page.getAttribute('.imp-table', 'data-file')).toBe('工行流水.csv');
    expect(await page.getAttribute('.imp-header-rows', 'data-rows')).toBe('5');
    expect(await page.inputValue('.imp-kind')).toBe('bank');
    const fact = await page.textContent('.imp-preamble li[data-field="ownAccount"]');
    expect(fact).toContain(OWN_ACCOUNT);
    expect(await page.getAttribute('.imp-skip-count', 'data-count')).toBe('1');
    expect(await page.inputValue('.imp-field[data-header="交易金额"]')).toBe('amount');
    expect(await page.$$eval('.imp-columns tbody tr', (rows) => rows.length)).toBe(7);
    await shot(page, '30-import-plan');
  });

  it('starts with one column corrected and shows loaded and skipped rows per file', async () => {
    // The memo column is not to be read: the job must load the transfers without it.
    await page.selectOption('.imp-field[data-header="摘要"]', '');
    expect(await page.textContent('#imp-changes')).not.toBe('');
    await page.check('#imp-save');
    await page.click('#imp-start');
    await page.waitForSelector('#imp-summary-table', { timeout: 120_000 });
    expect(await total('loaded')).toBe(3);
    expect(await total('skipped')).toBe(1);
    expect(await total('quarantined')).toBe(0);
    expect(await total('rows')).toBe(4);
    const memos = await store.read('MATCH ()-[t:TRANSFER]->() RETURN t.memo AS memo');
    expect(memos).toHaveLength(3);
    for (const row of memos) expect(row.memo ?? '').toBe('');
    await shot(page, '31-import-summary');
  });

  it('lists the saved correction, reuses it for the same headers, and deletes it', async () => {
    await page.waitForSelector('#imp-profiles li[data-profile]');
    const name = await page.getAttribute('#imp-profiles li[data-profile]', 'data-profile');
    expect(name).toBeTruthy();
    await page.click('#imp-again');
    // Dropped this time, as an analyst drags a file from the desktop.
    await page.evaluate((text) => {
      const data = new DataTransfer();
      data.items.add(new File([text], '工行流水2.csv', { type: 'text/csv' }));
      document
        .getElementById('imp-drop')!
        .dispatchEvent(new DragEvent('drop', { dataTransfer: data, bubbles: true, cancelable: true }));
    }, STATEMENT);
    await page.waitForSelector('.imp-table[data-file="工行流水2.csv"]');
    expect(await page.getAttribute('.imp-table', 'data-profile')).toBe(name);
    expect(await page.inputValue('.imp-field[data-header="摘要"]')).toBe('');

    page.once('dialog', (dialog) => void dialog.accept());
    await page.click(`#imp-profiles li[data-profile="${name}"] .imp-profile-delete`);
    await page.waitForSelector(`#imp-profiles li[data-profile="${name}"]`, { state: 'detached' });
    const listed = await page.evaluate(() => fetch('/api/profiles').then((r) => r.json()));
    expect(JSON.stringify(listed)).not.toContain(`"${name}"`);
  });

  it('shows a refused table, lets the analyst give its kind and columns, and loads it so', async () => {
    // Headers that mean nothing and codes that validate as nothing: no kind can be told.
    const unknown = join(dirname(statement), '未知表.csv');
    writeFileSync(unknown, '甲,乙\nK-1001,城关镇财政所\nK-1002,城关镇人民政府\n');
    await page.click('#imp-back');
    await page.setInputFiles('#imp-files', unknown);
    await page.waitForSelector('.imp-table[data-file="未知表.csv"]');
    expect(await page.getAttribute('.imp-table', 'data-refused')).toBe('1');
    expect(await page.$$('.imp-refused')).toHaveLength(1);
    await page.selectOption('.imp-kind', 'account');
    expect(await page.$$('.imp-missing')).toHaveLength(1);
    await page.selectOption('.imp-field[data-header="甲"]', 'accountNo');
    await page.selectOption('.imp-field[data-header="乙"]', 'holderName');
    expect(await page.$$('.imp-missing')).toHaveLength(0);
    await page.click('#imp-start');
    await page.waitForSelector('#imp-summary-table', { timeout: 120_000 });
    expect(await total('loaded')).toBe(2);
    const accounts = await store.read(
      "MATCH (a:Account) WHERE a.holderName IN ['城关镇财政所', '城关镇人民政府'] RETURN count(a) AS n",
    );
    expect(Number(accounts[0]?.n)).toBe(2);
    expect(driven.errors).toEqual([]);
  });
});
