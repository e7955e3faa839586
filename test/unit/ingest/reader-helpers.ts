// Shared by the reader tests: a scratch folder, a file writer, and record collection.
import fs from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import type { SourceRecord, SourceTable } from '../../../ingest/readers/types.ts';

/** A scratch folder per test file, with a writer that returns the path it wrote. */
export function scratch(): { dir: string; write: (name: string, content: string | Buffer) => string } {
  const dir = fs.mkdtempSync(join(os.tmpdir(), 'qf-'));
  return {
    dir,
    write(name, content) {
      const path = join(dir, name);
      fs.writeFileSync(path, content);
      return path;
    },
  };
}

export async function collect(table: SourceTable): Promise<SourceRecord[]> {
  const out: SourceRecord[] = [];
  for await (const record of table.records()) out.push(record);
  return out;
}

export const rows = (records: SourceRecord[]) => records.map((r) => [r.row, r.values]);
