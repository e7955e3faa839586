// The quarantine report: every rejected, skipped or warned row with file, row, field, reason and the raw values.
import { createWriteStream, mkdirSync, type WriteStream } from 'node:fs';
import { dirname } from 'node:path';
import { csvCell } from '../normalise/formula.ts';

export interface QuarantineEntry {
  file: string;
  sheet?: string;
  row: number;
  field: string;
  reason: string;
  value?: string;
  /** `skipped`: a row below the header that is not data (a total, a footer), listed so nothing goes unseen. */
  disposition: 'quarantined' | 'warning' | 'refused' | 'skipped';
  raw?: Record<string, string>;
}

const HEADER = [
  '文件 file',
  '工作表 sheet',
  '行号 row',
  '字段 field',
  '原因 reason',
  '值 value',
  '处理 disposition',
  '原始数据 raw',
];

/**
 * Streams entries to a UTF-8 (with BOM, for Excel) CSV file. Cells go through csvCell, so a formula in a bad
 * row (`=HYPERLINK(…)` as an account number) is shown as text, never run, when an analyst opens the report.
 */
export class QuarantineReport {
  readonly path: string;
  private readonly out: WriteStream;
  counts = { quarantined: 0, warning: 0, refused: 0, skipped: 0 };

  constructor(path: string) {
    this.path = path;
    mkdirSync(dirname(path), { recursive: true });
    this.out = createWriteStream(path, { encoding: 'utf8' });
    this.out.write(`\uFEFF${HEADER.map(csvCell).join(',')}\n`);
  }

  add(entry: QuarantineEntry): void {
    this.counts[entry.disposition] += 1;
    const cells = [
      entry.file,
      entry.sheet ?? '',
      entry.row,
      entry.field,
      entry.reason,
      entry.value ?? '',
      entry.disposition,
      entry.raw ? JSON.stringify(entry.raw) : '',
    ];
    this.out.write(`${cells.map(csvCell).join(',')}\n`);
  }

  close(): Promise<void> {
    return new Promise((resolvePromise, reject) => {
      this.out.end((error?: Error | null) => (error ? reject(error) : resolvePromise()));
    });
  }
}
