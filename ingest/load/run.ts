// One ingest run: files → tables → mapping → rows → fragments → batched writes, with every row accounted for.
import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { type EngineError, isEngineError, StoreError } from '../../engine/errors.ts';
import type { Store } from '../../engine/store/gateway.ts';
import { buildRow, fileContext } from '../build/index.ts';
import { detectMapping } from '../profiles/detect.ts';
import { applyMapping, loadProfile, type Profile, shippedProfiles } from '../profiles/profile.ts';
import { listInputFiles, openTables } from '../readers/index.ts';
import type { SourceRecord, SourceTable } from '../readers/types.ts';
import type { FileSummary, IngestSummary, Kind, MappedRow } from '../types.ts';
import { QuarantineReport } from './quarantine.ts';
import { deriveHouseholdTies, resolveMentions } from './resolve.ts';
import { type BatchItem, GraphWriter } from './writer.ts';

export interface IngestOptions {
  kind?: Kind;
  /** Path of a mapping profile (YAML/JSON) applied to every file. */
  profile?: string;
  /** Where the quarantine report and the run summary go (a folder per run is made inside). */
  outDir: string;
  batchSize?: number;
  runId?: string;
  onProgress?: (progress: { file: string; rows: number }) => void;
}

export interface IngestResult extends IngestSummary {
  familyTies: number;
  resolvedMentions: number;
}

function newRunId(): string {
  const stamp = new Date().toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
  return `run-${stamp}-${randomBytes(3).toString('hex')}`;
}

function fileLabel(table: SourceTable): string {
  return table.sheet ? `${basename(table.file)}:${table.sheet}` : basename(table.file);
}

/** Structural problems the readers pass through for us to quarantine (malformed JSON lines, surplus cells). */
function structuralProblem(
  record: SourceRecord,
): { field: string; reason: string; value: string } | undefined {
  if ('__malformed' in record.values) {
    return { field: '*', reason: 'row.malformed: not a JSON object', value: record.values.__malformed ?? '' };
  }
  const extra = Object.keys(record.values).filter((k) => k.startsWith('__extra') && record.values[k] !== '');
  if (extra.length) {
    return {
      field: '*',
      reason: `row.extraCells: ${extra.length} more cells than headers`,
      value: extra.map((k) => record.values[k]).join('|'),
    };
  }
  return undefined;
}

async function ingestTable(
  table: SourceTable,
  writer: GraphWriter,
  report: QuarantineReport,
  summary: FileSummary,
  options: IngestOptions & { profileObj?: Profile; profiles: Profile[] },
): Promise<void> {
  const mapping = detectMapping(table.file, table.headers, {
    kind: options.kind,
    profile: options.profileObj,
    profiles: options.profiles,
  });
  summary.kind = mapping.kind;
  const ctx = fileContext({ idValidation: mapping.profile?.spec.idValidation ?? 'gb' });
  const label = fileLabel(table);
  const batchSize = options.batchSize ?? 5000;
  let batch: BatchItem[] = [];
  // One batch is written while the next is read and built: the server and the client work at the same time.
  // Writes stay strictly in order, and at most two batches are held in memory.
  let inflight: Promise<void> = Promise.resolve();
  const flush = async () => {
    if (!batch.length) return;
    const items = batch;
    batch = [];
    await inflight;
    inflight = writer.writeBatch(items).then((dispositions) => {
      for (const d of dispositions) summary[d] += 1;
      options.onProgress?.({ file: label, rows: summary.loaded + summary.merged + summary.quarantined });
    });
    // Handled here so that a failure surfaces at the next await rather than as an unhandled rejection.
    inflight.catch(() => {});
  };
  // A reader fault part-way (a bad byte deep in a file) still writes the rows read before it, so the counts
  // add up; a store fault stops everything.
  let readFault: unknown;
  try {
    for await (const record of table.records()) {
      summary.rows += 1;
      const base = { file: table.file, sheet: table.sheet, row: record.row, raw: record.values };
      const problem = structuralProblem(record);
      if (problem) {
        summary.quarantined += 1;
        report.add({ ...base, ...problem, disposition: 'quarantined' });
        continue;
      }
      const row: MappedRow = {
        kind: mapping.kind,
        source: `${label}#${record.row}`,
        file: table.file,
        row: record.row,
        fields: applyMapping(mapping, record.values),
      };
      const built = buildRow(row, ctx);
      if (!built.ok) {
        summary.quarantined += 1;
        const { field, reason, value } = built.rejection;
        report.add({ ...base, field, reason, value, disposition: 'quarantined' });
        continue;
      }
      for (const warning of built.fragment.warnings) {
        summary.warnings += 1;
        const [field = '', ...rest] = warning.split(': ');
        report.add({ ...base, raw: undefined, field, reason: rest.join(': '), disposition: 'warning' });
      }
      batch.push({ fragment: built.fragment, source: row.source });
      if (batch.length >= batchSize) await flush();
    }
  } catch (error) {
    if (!isEngineError(error) || error instanceof StoreError) {
      await inflight.catch(() => {});
      throw error;
    }
    readFault = error;
  }
  await flush();
  await inflight;
  if (readFault) throw readFault;
}

function emptySummary(path: string, sheet?: string): FileSummary {
  return {
    path,
    ...(sheet ? { sheet } : {}),
    kind: null,
    rows: 0,
    loaded: 0,
    merged: 0,
    quarantined: 0,
    warnings: 0,
  };
}

/** A whole file (or sheet) refused: said in its summary and in the quarantine report. */
function refuse(summary: FileSummary, report: QuarantineReport, error: EngineError): void {
  summary.refused = { id: error.id, message: error.message };
  report.add({
    file: summary.path,
    sheet: summary.sheet,
    row: summary.rows,
    field: '*',
    reason: `${error.id}: ${error.message}`,
    disposition: 'refused',
  });
}

/**
 * Ingests files and folders. A file that cannot be read or mapped is refused (reported, the rest go on);
 * within a file, rows = loaded + merged + quarantined, always.
 */
export async function ingestFiles(
  store: Store,
  paths: string[],
  options: IngestOptions,
): Promise<IngestResult> {
  const runId = options.runId ?? newRunId();
  const runDir = resolve(options.outDir, runId);
  const report = new QuarantineReport(join(runDir, 'quarantine.csv'));
  const summaryFile = join(runDir, 'summary.json');
  const writer = new GraphWriter(store, runId);
  const profileObj = options.profile ? loadProfile(options.profile) : undefined;
  const profiles = shippedProfiles();
  const startedAt = new Date().toISOString();
  await store.write('MERGE (r:IngestRun {runId: $runId}) ON CREATE SET r.startedAt = datetime($at)', {
    runId,
    at: startedAt,
  });
  const files: FileSummary[] = [];
  try {
    for (const path of await listInputFiles(paths)) {
      let tables: SourceTable[];
      try {
        tables = await openTables(path);
      } catch (error) {
        if (!isEngineError(error)) throw error;
        const summary = emptySummary(path);
        files.push(summary);
        refuse(summary, report, error);
        continue;
      }
      for (const table of tables) {
        const summary = emptySummary(path, table.sheet);
        files.push(summary);
        try {
          await ingestTable(table, writer, report, summary, { ...options, profileObj, profiles });
        } catch (error) {
          // Unmappable, or unreadable part-way (a bad byte deep in a file): the file is refused and said so;
          // rows counted before the fault stay in the store and in the counts.
          if (!isEngineError(error) || error instanceof StoreError) throw error;
          refuse(summary, report, error);
        }
      }
    }
  } finally {
    await report.close();
  }
  const familyTies = await deriveHouseholdTies(store, runId);
  const resolvedMentions = await resolveMentions(store, runId);
  await store.write('MATCH (r:IngestRun {runId: $runId}) SET r.finishedAt = datetime()', { runId });
  const result: IngestResult = {
    runId,
    files,
    quarantineFile: report.path,
    summaryFile,
    familyTies,
    resolvedMentions,
  };
  writeFileSync(summaryFile, `${JSON.stringify(result, null, 2)}\n`);
  return result;
}
