// Streaming delimited-text tables (CSV, TSV, pipe) in UTF-8, UTF-8 with BOM or GBK, and what writers share.
import { createWriteStream, mkdirSync, type WriteStream } from 'node:fs';
import { dirname, join } from 'node:path';
import iconv from 'iconv-lite';
import type { Kind } from '../../../ingest/types.ts';
import type { County } from '../county.ts';
import type { Plan } from '../plan.ts';
import type { Rng } from '../rng.ts';

export { grouped, yuan } from './grid.ts';

export type TextEncoding = 'utf-8' | 'utf-8-bom' | 'gbk';

/** A row ingest will load with a warning (not count as malformed): wrong credit-code check, invalid ghost ID. */
export interface PlantedWarning {
  file: string;
  row: number;
  reason: string;
}

export interface WriteContext {
  county: County;
  plan: Plan;
  root: string;
  rng: Rng;
  files: WrittenFile[];
  warnings: PlantedWarning[];
}

export interface WrittenFile {
  /** Relative to the output folder, with '/' separators. */
  path: string;
  kind: Kind;
  rows: number;
  sheet?: string;
}

const CHUNK = 1 << 18;

/**
 * One output table. Lines are encoded at once into a 256 KiB byte chunk handed to the stream when full,
 * so no text piles up on the JavaScript heap and a full disk queue makes the producer wait.
 */
export class TableWriter {
  readonly info: WrittenFile;
  private readonly out: WriteStream;
  private readonly delimiter: string;
  private readonly gbk: boolean;
  private chunk = Buffer.allocUnsafe(CHUNK);
  private used = 0;
  private readonly headerLines: number;
  private notes = 0;

  constructor(
    root: string,
    path: string,
    kind: Kind,
    headers: string[],
    delimiter = ',',
    encoding: TextEncoding = 'utf-8',
    above: string[][] = [],
  ) {
    const full = join(root, path);
    mkdirSync(dirname(full), { recursive: true });
    this.out = createWriteStream(full);
    this.delimiter = delimiter;
    this.gbk = encoding === 'gbk';
    this.info = { path, kind, rows: 0 };
    if (encoding === 'utf-8-bom') this.append('\uFEFF');
    // Title and fact lines above the header, as exports print them; none and no headers: a JSON Lines file,
    // where the line number is the record's row.
    this.headerLines = above.length + (headers.length > 0 ? 1 : 0);
    for (const cells of above) this.append(this.line(cells));
    if (headers.length > 0) this.append(this.line(headers));
  }

  /** The physical line number (header = 1) the next row will have. */
  get nextLine(): number {
    return this.info.rows + this.notes + 1 + this.headerLines;
  }

  private cell(text: string): string {
    if (text.includes(this.delimiter) || text.includes('"') || text.includes('\n')) {
      return `"${text.replaceAll('"', '""')}"`;
    }
    return text;
  }

  private line(cells: string[]): string {
    return `${cells.map((c) => this.cell(c)).join(this.delimiter)}\n`;
  }

  /** Encodes text into the chunk; returns a promise only when a full chunk had to wait for the disk. */
  private append(text: string): Promise<void> | undefined {
    let waiting: Promise<void> | undefined;
    const worst = text.length * 3;
    if (this.used + worst > this.chunk.length) waiting = this.flush();
    if (this.gbk) {
      const bytes = iconv.encode(text, 'gbk');
      if (bytes.length > this.chunk.length) return this.writeOut(bytes) ?? waiting;
      bytes.copy(this.chunk, this.used);
      this.used += bytes.length;
    } else if (worst > this.chunk.length) {
      return this.writeOut(Buffer.from(text, 'utf8')) ?? waiting;
    } else {
      this.used += this.chunk.write(text, this.used, 'utf8');
    }
    return waiting;
  }

  /** Adds a data row; resolves at once unless a chunk had to wait for the disk. */
  row(cells: string[]): Promise<void> | undefined {
    this.info.rows += 1;
    return this.append(this.line(cells));
  }

  /** Adds a line that is no record (a total, a footer); later rows' numbers account for it. */
  note(cells: string[]): Promise<void> | undefined {
    this.notes += 1;
    return this.append(this.line(cells));
  }

  /** Adds a data line written as is (JSON Lines). */
  rawLine(text: string): Promise<void> | undefined {
    this.info.rows += 1;
    return this.append(`${text}\n`);
  }

  private writeOut(data: Buffer): Promise<void> | undefined {
    if (this.out.write(data)) return undefined;
    return new Promise((resolve) => this.out.once('drain', resolve));
  }

  private flush(): Promise<void> | undefined {
    if (this.used === 0) return undefined;
    const full = this.chunk.subarray(0, this.used);
    this.chunk = Buffer.allocUnsafe(CHUNK);
    this.used = 0;
    return this.writeOut(full);
  }

  async close(): Promise<WrittenFile> {
    await this.flush();
    await new Promise<void>((resolve, reject) =>
      this.out.end((error?: Error | null) => (error ? reject(error) : resolve())),
    );
    return this.info;
  }
}

/** Round amounts in 万: 5200000 fen → '5.2万'. */
export function wan(fen: number): string {
  return `${Number((fen / 1_000_000).toFixed(4))}万`;
}
