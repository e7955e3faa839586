// One ingest run: files → tables → mapping → rows → fragments → batched writes, with every row accounted for.
import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { basename, isAbsolute, join, relative, resolve } from 'node:path';
import { type EngineError, InvalidInputError, isEngineError, StoreError } from '../../engine/errors.ts';
import { DEFAULT_SETTINGS, type IngestLimits } from '../../engine/settings.ts';
import type { Store } from '../../engine/store/gateway.ts';
import { mapShapedTable, openShapedTables } from '../layout/plan.ts';
import { type FieldMapping, refuseDuplicateColumns } from '../profiles/detect.ts';
import { loadProfile, type Profile, shippedProfiles } from '../profiles/profile.ts';
import { listInputFiles } from '../readers/index.ts';
import type { SourceTable } from '../readers/types.ts';
import type { FileSummary, IngestSummary, Kind } from '../types.ts';
import { companyNameIndex } from './company-index.ts';
import { QuarantineReport } from './quarantine.ts';
import { deriveHouseholdTies, resolveMentions } from './resolve.ts';
import { markInterruptedRuns, runOwner, startHeartbeat } from './runs.ts';
import { BuildWorkers, ingestTableInWorker } from './table.ts';
import { GraphWriter } from './writer.ts';

export interface IngestOptions {
  kind?: Kind;
  /** Path of a mapping profile (YAML/JSON) applied to every file. */
  profile?: string;
  /** More profiles matched automatically by header fingerprint (the analysts' saved corrections), before the shipped ones. */
  profiles?: Profile[];
  /** Per-table profiles (an analyst's correction of a plan), by path and sheet; they win over everything else. */
  tableProfiles?: (path: string, sheet?: string) => Profile | undefined;
  /** Where the quarantine report and the run summary go (a folder per run is made inside). */
  outDir: string;
  batchSize?: number;
  runId?: string;
  onProgress?: (progress: { file: string; rows: number }) => void;
  /** Bad-file limits and the plausible date range (settings.ingestLimits); defaults when absent. */
  limits?: IngestLimits;
  /**
   * How a file is named in refusal messages: the API passes the uploaded name so no server path leaks; the
   * default is the path relative to the working folder (its base name when outside it).
   */
  displayName?: (path: string) => string;
}

export interface IngestResult extends IngestSummary {
  familyTies: number;
  resolvedMentions: number;
}

function newRunId(): string {
  const stamp = new Date().toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
  return `run-${stamp}-${randomBytes(3).toString('hex')}`;
}

/** Kinds whose rows may name a company without its code: they resolve it against the run's register. */
const NAMES_COMPANIES = new Set<Kind>(['shareholder', 'executive', 'ledger']);

/** A table of the run, opened and mapped (or refused) before any row is loaded. */
interface PlannedTable {
  path: string;
  table?: SourceTable;
  mapping?: FieldMapping;
  error?: EngineError;
}

/**
 * Opens and maps every table of the run first: files refer to each other (a shareholder sheet naming its company
 * only by name resolves against the run's register, wherever the register sorts), and a mapping needs only each
 * table's first rows.
 */
async function planRun(
  paths: string[],
  options: IngestOptions,
  profileObj: Profile | undefined,
  profiles: Profile[],
  limits: IngestLimits,
): Promise<PlannedTable[]> {
  const planned: PlannedTable[] = [];
  for (const path of await listInputFiles(paths)) {
    let tables: SourceTable[];
    try {
      tables = await openShapedTables(path, limits);
    } catch (error) {
      // Whatever a file does to its reader, it is that file's refusal; the other files go on.
      planned.push({ path, error: asRefusal(error, path) });
      continue;
    }
    for (const table of tables) {
      try {
        const profile = options.tableProfiles?.(path, table.sheet) ?? profileObj;
        const mapped = await mapShapedTable(table, { kind: options.kind, profile, profiles });
        const mapping = refuseDuplicateColumns(table.file, table.headers, {
          kind: mapped.kind,
          fields: mapped.fields,
          profile: mapped.profile,
        });
        planned.push({ path, table, mapping });
      } catch (error) {
        planned.push({ path, table, error: asRefusal(error, path) });
      }
    }
  }
  return planned;
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
    skipped: 0,
    warnings: 0,
  };
}

function defaultDisplayName(path: string): string {
  const rel = relative(process.cwd(), path);
  return rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel : basename(path);
}

/**
 * Why a file could not be ingested, as a refusal: engine errors keep their id; anything else (a library's
 * internal error on a damaged file, a worker that died) becomes `read.failed` with the first line of its
 * message, never a stack trace.
 */
function asRefusal(error: unknown, path: string): EngineError {
  if (isEngineError(error)) return error;
  const reason = (error instanceof Error ? error.message : String(error)).split('\n')[0]?.slice(0, 300) ?? '';
  const name = basename(path);
  return new InvalidInputError(
    'read.failed',
    `${name}：无法读取，文件可能已损坏（${reason}）/ ${name}: cannot be read, the file may be damaged (${reason})`,
    { details: { file: name }, cause: error },
  );
}

function noRows(path: string): EngineError {
  const name = basename(path);
  return new InvalidInputError(
    'read.noRows',
    `${name}：只有表头，没有数据行 / ${name}: a header but no data rows`,
    { details: { file: name } },
  );
}

/**
 * A whole file (or sheet) refused: said in its summary and in the quarantine report. The message names the
 * file by its display name: the path it was read from may be a server path the reader must not learn.
 */
function refuse(
  summary: FileSummary,
  report: QuarantineReport,
  error: EngineError,
  displayName: (path: string) => string,
): void {
  const shown = displayName(summary.path);
  const named = error.message.replaceAll(resolve(summary.path), shown).replaceAll(summary.path, shown);
  // Every refusal names its file, also those whose reason comes from elsewhere (mapping, a worker's fault).
  const message = named.includes(shown) ? named : `${shown}：${named}`;
  summary.refused = { id: error.id, message };
  report.add({
    file: summary.path,
    sheet: summary.sheet,
    row: summary.rows,
    field: '*',
    reason: `${error.id}: ${message}`,
    disposition: 'refused',
  });
}

/**
 * Ingests files and folders. A file that cannot be read or mapped is refused (reported, the rest go on);
 * within a file, rows = loaded + merged + quarantined + skipped, always.
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
  const startedAt = new Date().toISOString();
  // Runs left open by a killed process would otherwise show as running for ever.
  await markInterruptedRuns(store);
  await store.write(
    `MERGE (r:IngestRun {runId: $runId})
     ON CREATE SET r.startedAt = datetime($at), r += $owner, r.heartbeatAt = datetime($at), r.status = 'running'`,
    { runId, at: startedAt, owner: runOwner() },
  );
  const stopHeartbeat = startHeartbeat(store, runId);
  try {
    return await ingestRun(store, paths, options, runId, writer, report, summaryFile);
  } catch (error) {
    await store
      .write(
        `MATCH (r:IngestRun {runId: $runId}) WHERE r.finishedAt IS NULL
         SET r.status = 'failed', r.finishedAt = datetime()`,
        { runId },
      )
      .catch(() => {});
    throw error;
  } finally {
    stopHeartbeat();
  }
}

async function ingestRun(
  store: Store,
  paths: string[],
  options: IngestOptions,
  runId: string,
  writer: GraphWriter,
  report: QuarantineReport,
  summaryFile: string,
): Promise<IngestResult> {
  const profileObj = options.profile ? loadProfile(options.profile) : undefined;
  const profiles = [...(options.profiles ?? []), ...shippedProfiles()];
  const files: FileSummary[] = [];
  const workers = new BuildWorkers();
  const limits = options.limits ?? DEFAULT_SETTINGS.ingestLimits;
  const displayName = options.displayName ?? defaultDisplayName;
  try {
    const planned = await planRun(paths, options, profileObj, profiles, limits);
    const mappedTables = planned.flatMap(({ table, mapping }) =>
      table && mapping ? [{ table, mapping }] : [],
    );
    // Registers are read a second time only when a sheet of the run names companies without their codes.
    const needsIndex = mappedTables.some(({ mapping }) => NAMES_COMPANIES.has(mapping.kind));
    const companyCodes = needsIndex ? await companyNameIndex(mappedTables) : {};
    for (const { path, table, mapping, error } of planned) {
      const summary = emptySummary(path, table?.sheet);
      files.push(summary);
      if (error || !table || !mapping) {
        refuse(summary, report, error ?? asRefusal(new Error('unmapped'), path), displayName);
        continue;
      }
      summary.kind = mapping.kind;
      try {
        const codes = NAMES_COMPANIES.has(mapping.kind) ? companyCodes : undefined;
        await ingestTableInWorker(table, mapping, writer, report, summary, {
          batchSize: options.batchSize ?? 5000,
          workers,
          limits,
          ...(codes ? { companyCodes: codes } : {}),
          ...(options.onProgress ? { onProgress: options.onProgress } : {}),
        });
        // A header and nothing else is an empty extract: said plainly rather than passed as a success.
        if (summary.rows === summary.skipped) refuse(summary, report, noRows(path), displayName);
      } catch (error) {
        // Unreadable part-way (a bad byte deep in a file, a limit passed): the file is refused and said so;
        // rows counted before the fault stay in the store and in the counts. A store failure is no fault of the
        // file and ends the run.
        if (error instanceof StoreError) throw error;
        refuse(summary, report, asRefusal(error, path), displayName);
      }
    }
  } finally {
    await workers.close();
    await report.close();
  }
  const familyTies = await deriveHouseholdTies(store, runId);
  const resolvedMentions = await resolveMentions(store, runId);
  await store.write(
    "MATCH (r:IngestRun {runId: $runId}) SET r.finishedAt = datetime(), r.status = 'finished'",
    { runId },
  );
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
