// Runs in a worker thread: reads tables one job at a time, maps and builds their rows, and posts batches to the
// writer thread, so parsing and building never delay the Bolt conversation on the main thread.
import { parentPort } from 'node:worker_threads';
import { isEngineError } from '../../engine/errors.ts';
import { fileContext } from '../build/index.ts';
import { openShapedTables } from '../layout/plan.ts';
import type { FieldMapping } from '../profiles/detect.ts';
import { Profile, type ProfileSpec } from '../profiles/profile.ts';
import type { ReadLimits } from '../readers/index.ts';
import type { BuildOptions, Kind } from '../types.ts';
import type { QuarantineEntry } from './quarantine.ts';
import { TableRows } from './rows.ts';
import type { BuildMessage } from './table.ts';
import type { BatchItem } from './writer.ts';

export interface BuildJob {
  path: string;
  sheet?: string;
  kind: Kind;
  fields: Record<string, string>;
  profile?: { spec: ProfileSpec; origin: string };
  batchSize: number;
  limits: ReadLimits;
  dateRange: NonNullable<BuildOptions['dateRange']>;
  /** The run's register by company name (load/company-index.ts), for shareholder and key-personnel tables. */
  companyCodes?: Readonly<Record<string, string>>;
}

/** Messages from the main thread: a job to run, or a credit (a batch was written; one more may be sent). */
export type WorkerCommand = { type: 'job'; job: BuildJob } | { type: 'credit' };

/** Batches posted ahead of the writer: two, so one is built while one is written. */
const AHEAD = 2;
const port = parentPort!;
let credits = AHEAD;
let wake: (() => void) | undefined;
port.on('message', (command: WorkerCommand) => {
  if (command.type === 'job') {
    credits = AHEAD;
    main(command.job).catch((error: unknown) => {
      // Opening the table failed (it was readable a moment ago in the main thread): report, stay usable.
      const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
      port.postMessage({
        type: 'fault',
        engine: isEngineError(error),
        id: isEngineError(error) ? error.id : 'internal',
        message,
      } satisfies BuildMessage);
    });
    return;
  }
  credits += 1;
  wake?.();
});

async function send(message: BuildMessage): Promise<void> {
  while (credits === 0) await new Promise<void>((r) => (wake = r));
  credits -= 1;
  port.postMessage(message);
}

async function main(job: BuildJob): Promise<void> {
  const mapping: FieldMapping = {
    kind: job.kind,
    fields: job.fields,
    ...(job.profile ? { profile: new Profile(job.profile.spec, job.profile.origin) } : {}),
  };
  const table = (await openShapedTables(job.path, job.limits)).find((t) => t.sheet === job.sheet);
  if (!table) throw new Error(`table ${job.path} ${job.sheet ?? ''} vanished`);
  const ctx = fileContext(
    { idValidation: mapping.profile?.spec.idValidation ?? 'gb', dateRange: job.dateRange },
    job.companyCodes,
  );
  const reader = new TableRows(table, mapping, ctx);
  let batch: BatchItem[] = [];
  let entries: QuarantineEntry[] = [];
  let counts = { rows: 0, quarantined: 0, skipped: 0, warnings: 0 };
  const flush = async () => {
    await send({ type: 'batch', items: batch, entries, ...counts });
    batch = [];
    entries = [];
    counts = { rows: 0, quarantined: 0, skipped: 0, warnings: 0 };
  };
  try {
    // The statement's own account as read above the table goes first, so its provenance is `file#preamble`.
    const preamble = reader.preamble();
    if (preamble) batch.push({ ...preamble, uncounted: true });
    for await (const record of table.records()) {
      counts.rows += 1;
      const base = { file: table.file, sheet: table.sheet, row: record.row, raw: record.values };
      const outcome = reader.read(record);
      if (outcome.type === 'skipped') {
        // Totals, footers and notes are counted apart and listed in the report: never loaded, never bad rows.
        counts.skipped += 1;
        entries.push({
          ...base,
          field: '*',
          reason: `row.${outcome.reason}: ${outcome.text}`,
          disposition: 'skipped',
        });
        continue;
      }
      if (outcome.type === 'quarantined') {
        counts.quarantined += 1;
        const { field, reason, value } = outcome;
        entries.push({ ...base, field, reason, value, disposition: 'quarantined' });
        continue;
      }
      for (const warning of outcome.fragment.warnings) {
        counts.warnings += 1;
        const [field = '', ...rest] = warning.split(': ');
        entries.push({ ...base, raw: undefined, field, reason: rest.join(': '), disposition: 'warning' });
      }
      batch.push({ fragment: outcome.fragment, source: outcome.row.source });
      if (batch.length >= job.batchSize) await flush();
    }
    await flush();
    port.postMessage({ type: 'end' } satisfies BuildMessage);
  } catch (error) {
    // The rows read before a reader fault still go to the writer, so the counts add up.
    await flush();
    const fault = isEngineError(error)
      ? { id: error.id, message: error.message }
      : { id: 'internal', message: error instanceof Error ? (error.stack ?? error.message) : String(error) };
    port.postMessage({ type: 'fault', engine: isEngineError(error), ...fault } satisfies BuildMessage);
  }
}
