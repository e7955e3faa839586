// Streaming guarantee: a large CSV is read record by record, so the heap does not grow with the file.
import fs from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openTables } from '../../../ingest/readers/index.ts';

const ROWS = 200_000;

/** Writes ~90 MB: big enough that reading it whole would blow well past the bound asserted below. */
async function writeBigCsv(path: string): Promise<void> {
  const out = fs.createWriteStream(path);
  const filler = '流水备注'.repeat(60);
  out.write('序号,账号,户名,金额,备注\n');
  for (let i = 1; i <= ROWS; i += 1) {
    const line = `${i},6222${String(i).padStart(15, '0')},"户名${i}",${(i % 977) + 0.5},${filler}\n`;
    if (!out.write(line)) await new Promise<void>((resolve) => out.once('drain', () => resolve()));
  }
  await new Promise<void>((resolve, reject) =>
    out.end((error?: Error | null) => (error ? reject(error) : resolve())),
  );
}

describe('streaming CSV', () => {
  it('reads 200,000 rows with bounded heap growth', async () => {
    const dir = fs.mkdtempSync(join(os.tmpdir(), 'qf-'));
    const path = join(dir, 'big.csv');
    await writeBigCsv(path);
    expect(fs.statSync(path).size).toBeGreaterThan(80 * 1024 * 1024);

    const [table] = await openTables(path);
    if (!table) throw new Error('no table');
    const baseline = process.memoryUsage().heapUsed;
    let peak = 0;
    let count = 0;
    let lastRow = 0;
    let checksum = 0;
    for await (const record of table.records()) {
      count += 1;
      lastRow = record.row;
      checksum += Number(record.values.序号);
      if (count % 10_000 === 0) peak = Math.max(peak, process.memoryUsage().heapUsed - baseline);
    }
    expect(count).toBe(ROWS);
    expect(lastRow).toBe(ROWS + 1);
    expect(checksum).toBe((ROWS * (ROWS + 1)) / 2);
    expect(peak).toBeLessThan(150 * 1024 * 1024);
    fs.rmSync(dir, { recursive: true, force: true });
    // csv-parse manages ~15 MB/s here; the generous timeout is for slow CI machines, not a speed check.
  }, 120_000);
});
