// The plan of a file before loading: where its tables are, what each column means, what would be skipped.
import { basename } from 'node:path';
import { stringify } from 'yaml';
import { type EngineError, InvalidInputError, isEngineError } from '../../engine/errors.ts';
import { familyOf } from '../profiles/families.ts';
import type { Profile, ProfileSpec } from '../profiles/profile.ts';
import { listInputFiles, openTables, type ReadLimits } from '../readers/index.ts';
import { DEFAULT_READ_LIMITS } from '../readers/limits.ts';
import type { SourceTable } from '../readers/types.ts';
import type { Kind } from '../types.ts';
import type { ColumnInput } from './columns.ts';
import { preambleUnit } from './facts.ts';
import { headerFingerprint } from './fingerprint.ts';
import {
  columnRule,
  columnsOfProfile,
  factRule,
  type Labelled,
  type MappedTable,
  mapTable,
} from './mapping.ts';
import { sampleRecords, shapeTable } from './shape.ts';
import type { SkippedRow, SkipReason, TablePlan } from './types.ts';

export interface PlanOptions {
  kind?: Kind;
  /** A profile for every table (the analyst's correction). */
  profile?: Profile;
  /** Profiles matched by header fingerprint or headers (shipped and saved ones). */
  profiles?: Profile[];
  limits?: ReadLimits;
  displayName?: (path: string) => string;
}

/** Opens a file's tables shaped: header located, preamble read, non-data rows marked. */
export async function openShapedTables(
  path: string,
  limits: ReadLimits = DEFAULT_READ_LIMITS,
): Promise<SourceTable[]> {
  return (await openTables(path, limits)).map(shapeTable);
}

/** The preamble's pairs as label → value (the first of a repeated label), as profiles read them. */
export function factsOf(table: SourceTable): Map<string, string> {
  const facts = new Map<string, string>();
  for (const pair of table.layout?.labelled ?? [])
    if (!facts.has(pair.label)) facts.set(pair.label, pair.value);
  return facts;
}

async function columnInputs(table: SourceTable): Promise<ColumnInput[]> {
  const sample = await sampleRecords(table);
  return table.headers.map((header, index) => ({
    header,
    ...(table.subs?.[index] ? { sub: table.subs[index] } : {}),
    values: sample.map((r) => r.values[header] ?? ''),
  }));
}

/**
 * The mapping of one shaped table: an explicit profile first, then a shipped/saved profile that matches its
 * headers (unless a kind is forced), else recognition by meaning and content.
 */
export async function mapShapedTable(
  table: SourceTable,
  options: PlanOptions,
): Promise<MappedTable & { profileName?: string }> {
  const inputs = await columnInputs(table);
  const labelled = table.layout?.labelled ?? [];
  const chosen =
    options.profile ??
    (options.kind
      ? undefined
      : options.profiles?.find((p) => p.matches(table.headers, basename(table.file))));
  if (!chosen) return mapTable(table.file, inputs, labelled, { kind: options.kind });
  const mapping = chosen.toMapping(table.headers, table.file);
  // The recognised columns give the samples and content; the profile decides the fields.
  const seen = safeMap(table.file, inputs, labelled, chosen.spec.kind);
  return {
    kind: mapping.kind,
    kindConfidence: 1,
    columns: columnsOfProfile(chosen, inputs, seen?.columns ?? []),
    facts: seen?.facts ?? [],
    profile: chosen,
    fields: mapping.fields,
    fingerprint: headerFingerprint(table.headers),
    profileName: chosen.name,
  };
}

/** The recognised reading under a profile's kind, for the plan's samples; none when it would not map. */
function safeMap(
  file: string,
  inputs: ColumnInput[],
  labelled: Labelled,
  kind: Kind,
): MappedTable | undefined {
  try {
    return mapTable(file, inputs, labelled, { kind });
  } catch {
    return undefined;
  }
}

const EXAMPLES = 5;

/** Counts the rows a table would load and skip, reading it once. */
async function countRows(table: SourceTable): Promise<{ data: number; skipped: TablePlan['skipped'] }> {
  let data = 0;
  const byReason: Partial<Record<SkipReason, number>> = {};
  const examples: SkippedRow[] = [];
  let count = 0;
  for await (const record of table.records()) {
    if (!record.skip) {
      data += 1;
      continue;
    }
    count += 1;
    const reason = record.skip.reason as SkipReason;
    byReason[reason] = (byReason[reason] ?? 0) + 1;
    if (examples.length < EXAMPLES) examples.push({ row: record.row, reason, text: record.skip.text });
  }
  return { data, skipped: { count, byReason, examples } };
}

function refusedPlan(
  table: Pick<SourceTable, 'file' | 'sheet' | 'format' | 'headers'>,
  error: EngineError,
  shown: string,
): TablePlan {
  const details = error.details as { missing?: string[][]; columns?: TablePlan['columns'] };
  return {
    file: shown,
    ...(table.sheet ? { sheet: table.sheet } : {}),
    format: table.format,
    kind: null,
    kindConfidence: 0,
    headerRows: [],
    preamble: [],
    columns: details.columns ?? [],
    dataRows: 0,
    skipped: { count: 0, byReason: {}, examples: [] },
    fingerprint: headerFingerprint(table.headers),
    refused: { id: error.id, message: error.message, missing: details.missing ?? [] },
  };
}

/** The plan of one table; a table that cannot be mapped gets a plan with `refused` set. */
export async function planTable(table: SourceTable, options: PlanOptions): Promise<TablePlan> {
  const shown = (options.displayName ?? basename)(table.file);
  let mapped: Awaited<ReturnType<typeof mapShapedTable>>;
  try {
    mapped = await mapShapedTable(table, options);
  } catch (error) {
    if (!isEngineError(error)) throw error;
    return { ...refusedPlan(table, error, shown), headerRows: table.layout?.headerRows ?? [] };
  }
  const rows = await countRows(table);
  return {
    file: shown,
    ...(table.sheet ? { sheet: table.sheet } : {}),
    format: table.format,
    ...(table.encoding ? { encoding: table.encoding } : {}),
    kind: mapped.kind,
    kindConfidence: mapped.kindConfidence,
    headerRows: table.layout?.headerRows ?? [],
    preamble: mapped.facts,
    columns: mapped.columns,
    dataRows: rows.data,
    skipped: rows.skipped,
    fingerprint: mapped.fingerprint,
    ...(mapped.profileName ? { profile: mapped.profileName } : {}),
  };
}

/** Plans every table of the given files and folders; loads nothing. A file that cannot be read is a refused plan. */
export async function planFiles(paths: string[], options: PlanOptions = {}): Promise<TablePlan[]> {
  const plans: TablePlan[] = [];
  const shown = options.displayName ?? basename;
  for (const path of await listInputFiles(paths)) {
    let tables: SourceTable[];
    try {
      tables = await openShapedTables(path, options.limits);
    } catch (error) {
      const refusal = isEngineError(error)
        ? error
        : new InvalidInputError('read.failed', `${shown(path)}：无法读取 / cannot be read`, { cause: error });
      plans.push(refusedPlan({ file: path, format: 'csv', headers: [] }, refusal, shown(path)));
      continue;
    }
    for (const table of tables) plans.push(await planTable(table, options));
  }
  return plans;
}

/**
 * A profile that reproduces a plan, with an analyst's correction applied: another kind, or columns given other
 * fields (null: not read). Matched later by the header fingerprint, so the same layout is read the same way.
 */
export function profileFromPlan(
  plan: TablePlan,
  correction: { kind?: Kind; columns?: Record<string, string | null> } = {},
  name?: string,
): ProfileSpec {
  const kind = correction.kind ?? plan.kind;
  if (!kind) {
    throw new InvalidInputError('profile.noKind', '未指定文件类型 / the plan has no kind; choose one', {
      details: { file: plan.file },
    });
  }
  const family = familyOf(kind);
  const fields: ProfileSpec['fields'] = {};
  const keepColumns = kind === plan.kind;
  for (const column of plan.columns) {
    const field =
      correction.columns && column.header in correction.columns
        ? correction.columns[column.header]
        : keepColumns
          ? column.field
          : null;
    if (!field) continue;
    if (!(field in family.fields)) {
      throw new InvalidInputError(
        'profile.unknownField',
        `${family.zh}没有字段 ${field} / ${kind} has no field ${field}`,
        {
          details: { field, kind, known: Object.keys(family.fields) },
        },
      );
    }
    fields[field] = columnRule(column, field, preambleUnit(plan.preamble));
  }
  if (keepColumns) {
    for (const fact of plan.preamble) {
      if (fact.field !== 'unit' && !(fact.field in fields)) fields[fact.field] = factRule(fact);
    }
  }
  return {
    name: name ?? `${kind}-${plan.fingerprint}`,
    description: `${family.zh}：${plan.file} 的导入计划 / import plan of ${plan.file}`,
    kind,
    match: { fingerprint: plan.fingerprint },
    idValidation: 'gb',
    fields,
  };
}

/** A profile as YAML, with a header saying what it is and how to use it. */
export function profileToYaml(spec: ProfileSpec): string {
  const head = [
    `# 清风导入配置 Qingfeng ingest profile: ${spec.name}`,
    '# 可修改字段映射后用 --profile 传回 / edit the field mapping and pass it back with --profile',
    '# header: 列名 column; preamble: 表格上方的标签 label above the table; unit: 10000 = 万元; part: account|name',
  ];
  return `${head.join('\n')}\n${stringify(spec)}`;
}
