// One ingest run: files → tables → mapping → rows → fragments → batched writes, with every row accounted for.
import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { type EngineError, isEngineError, StoreError } from '../../engine/errors.ts';
import type { Store } from '../../engine/store/gateway.ts';
import { detectMapping } from '../profiles/detect.ts';
import { loadProfile, type Profile, shippedProfiles } from '../profiles/profile.ts';
import { listInputFiles, openTables } from '../readers/index.ts';
import type { SourceTable } from '../readers/types.ts';
import type { FileSummary, IngestSummary, Kind } from '../types.ts';
import { QuarantineReport } from './quarantine.ts';
import { deriveHouseholdTies, resolveMentions } from './resolve.ts';
import { BuildWorkers, ingestTableInWorker } from './table.ts';
import { GraphWriter } from './writer.ts';

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

async function ingestTable(
  table: SourceTable,
  writer: GraphWriter,
  report: QuarantineReport,
  summary: FileSummary,
  options: IngestOptions & { profileObj?: Profile; profiles: Profile[]; workers: BuildWorkers },
): Promise<void> {
  const mapping = detectMapping(table.file, table.headers, {
    kind: options.kind,
    profile: options.profileObj,
    profiles: options.profiles,
  });
  summary.kind = mapping.kind;
  await ingestTableInWorker(
    table,
    mapping,
    writer,
    report,
    summary,
    options.batchSize ?? 5000,
    options.workers,
    options.onProgress,
  );
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
  const workers = new BuildWorkers();
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
          await ingestTable(table, writer, report, summary, { ...options, profileObj, profiles, workers });
        } catch (error) {
          // Unmappable, or unreadable part-way (a bad byte deep in a file): the file is refused and said so;
          // rows counted before the fault stay in the store and in the counts.
          if (!isEngineError(error) || error instanceof StoreError) throw error;
          refuse(summary, report, error);
        }
      }
    }
  } finally {
    await workers.close();
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
