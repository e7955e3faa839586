// Reads a layout corpus (manifest.json + files) the way ingest does, in-process and without a store, and grades it.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileContext } from '../../../../ingest/build/index.ts';
import { mapShapedTable, openShapedTables } from '../../../../ingest/layout/plan.ts';
import { companyNameIndex } from '../../../../ingest/load/company-index.ts';
import { TableRows } from '../../../../ingest/load/rows.ts';
import {
  normaliseKey,
  normaliseText,
  parseAmount,
  parseDate,
  parseDateTime,
  parseIdNumber,
  parseRatio,
} from '../../../../ingest/normalise/index.ts';
import type { FieldMapping } from '../../../../ingest/profiles/detect.ts';
import { shippedProfiles } from '../../../../ingest/profiles/profile.ts';
import type { SourceTable } from '../../../../ingest/readers/types.ts';
import type { Fragment, Kind } from '../../../../ingest/types.ts';

export interface ManifestEntry {
  file: string;
  sheet?: string;
  source: string;
  kind: Kind;
  headerRow: number;
  dataRows: number;
  skipped: number;
  preamble?: Record<string, string>;
  checks: { row: number; field: string; value: string }[];
}

/** How one table read: what went wrong, if anything (empty `problems`: read as the manifest says). */
export interface Grade {
  entry: ManifestEntry;
  kind: Kind | null;
  problems: string[];
}

interface ReadRow {
  fields: Record<string, string>;
  fragment?: Fragment;
  rejection?: string;
}

export function loadManifest(dir: string): ManifestEntry[] {
  return JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as ManifestEntry[];
}

/** The value a check compares, read the way the field means it. */
function meaning(field: string, raw: string): string {
  const text = normaliseText(raw);
  if (['amount', 'balance', 'capital', 'subscribed', 'debit', 'credit'].includes(field)) {
    const parsed = parseAmount(text);
    return parsed.ok ? String(Math.abs(parsed.value)) : text;
  }
  if (field === 'ratio') {
    const parsed = parseRatio(text);
    return parsed.ok ? String(Math.round(parsed.value * 1e6) / 1e6) : text;
  }
  if (field === 'time') {
    const parsed = parseDateTime(text);
    return parsed.ok ? parsed.value.slice(11, 19) : text;
  }
  if (field === 'date' || field.endsWith('Date')) {
    const parsed = parseDate(text);
    if (parsed.ok) return parsed.value;
    const full = parseDateTime(text);
    return full.ok ? full.value.slice(0, 10) : text;
  }
  if (/Id$|idNumber/.test(field)) {
    const id = parseIdNumber(text);
    if (id.ok) return id.value.idNumber;
  }
  if (/Account$|accountNo|creditCode|Id$|idNumber/.test(field)) return normaliseKey(text).toUpperCase();
  return text.replace(/\s+/g, '');
}

/** What a bank row says of its transfer: amount, direction, day and time, own and counterparty accounts. */
function bankView(fragment: Fragment, fields: Record<string, string>): Record<string, string> {
  const edge = fragment.edges.find((e) => e.type === 'TRANSFER');
  if (!edge) return {};
  const own = normaliseKey(normaliseText(fields.ownAccount ?? ''));
  const out = edge.from.key === own;
  const time = String(edge.props.time ?? '');
  return {
    amount: String(edge.props.amount),
    direction: out ? 'out' : 'in',
    date: time.slice(0, 10),
    time: time.slice(11, 19),
    ownAccount: own,
    cpAccount: out ? edge.to.key : edge.from.key,
  };
}

function compare(
  field: string,
  expected: string,
  fields: Record<string, string>,
  view: Record<string, string>,
): boolean {
  const want = meaning(field, expected);
  const got = field in view ? meaning(field, view[field]!) : meaning(field, fields[field] ?? '');
  if (got === want) return true;
  // Registered and subscribed capital are kept in 万元 (the schema's unit); the manifests write yuan.
  if ((field === 'capital' || field === 'subscribed') && Number(got) * 10000 === Number(want)) return true;
  // A village named by its collective (`…村股份经济合作社`) reads as the village it contains.
  return (field === 'village' || field === 'town' || field === 'unit') && got !== '' && want.includes(got);
}

async function readRows(table: SourceTable, mapping: FieldMapping, codes: Record<string, string>) {
  const reader = new TableRows(
    table,
    mapping,
    fileContext({ idValidation: mapping.profile?.spec.idValidation ?? 'gb' }, codes),
  );
  const rows = new Map<number, ReadRow>();
  let skipped = 0;
  for await (const record of table.records()) {
    const outcome = reader.read(record);
    if (outcome.type === 'skipped') skipped += 1;
    else if (outcome.type === 'quarantined') {
      rows.set(record.row, { fields: {}, rejection: `${outcome.field}: ${outcome.reason}` });
    } else rows.set(record.row, { fields: outcome.row.fields, fragment: outcome.fragment });
  }
  return { rows, skipped };
}

/** Reads every table of a corpus as one ingest run would (no profile, no kind) and grades it against its manifest. */
export async function gradeCorpus(dir: string): Promise<Grade[]> {
  const entries = loadManifest(dir);
  const profiles = shippedProfiles();
  const opened: { entry: ManifestEntry; table?: SourceTable; mapping?: FieldMapping; error?: string }[] = [];
  for (const entry of entries) {
    try {
      const tables = await openShapedTables(join(dir, entry.file));
      const table = tables.find((t) => (entry.sheet ? t.sheet === entry.sheet : true));
      if (!table) throw new Error(`no sheet ${entry.sheet}`);
      const mapped = await mapShapedTable(table, { profiles });
      opened.push({
        entry,
        table,
        mapping: { kind: mapped.kind, fields: mapped.fields, profile: mapped.profile },
      });
    } catch (error) {
      opened.push({
        entry,
        error: `${(error as { id?: string }).id ?? 'error'}: ${(error as Error).message.slice(0, 300)}`,
      });
    }
  }
  const mappedTables = opened.flatMap(({ table, mapping }) => (table && mapping ? [{ table, mapping }] : []));
  const codes = await companyNameIndex(mappedTables);
  const grades: Grade[] = [];
  for (const { entry, table, mapping, error } of opened) {
    if (!table || !mapping) {
      grades.push({ entry, kind: null, problems: [error ?? 'unread'] });
      continue;
    }
    const problems: string[] = [];
    if (mapping.kind !== entry.kind) problems.push(`kind ${mapping.kind} ≠ ${entry.kind}`);
    const headerRow = table.layout?.headerRows.at(-1) ?? 0;
    if (table.layout && headerRow !== entry.headerRow)
      problems.push(`header row ${headerRow} ≠ ${entry.headerRow}`);
    const { rows, skipped } = await readRows(table, mapping, codes);
    if (skipped !== entry.skipped) problems.push(`skipped ${skipped} ≠ ${entry.skipped}`);
    if (rows.size !== entry.dataRows) problems.push(`data rows ${rows.size} ≠ ${entry.dataRows}`);
    for (const [row, read] of rows)
      if (read.rejection) problems.push(`row ${row} quarantined: ${read.rejection}`);
    // Facts only found above the table reach every row: the first row read shows them.
    const first = [...rows.values()].find((r) => r.fragment);
    for (const [field, value] of Object.entries(entry.preamble ?? {})) {
      const view = mapping.kind === 'bank' && first?.fragment ? bankView(first.fragment, first.fields) : {};
      if (!first || !compare(field, value, first.fields, view)) {
        problems.push(`preamble ${field}: ${first?.fields[field] ?? '∅'} ≠ ${value}`);
      }
    }
    for (const check of entry.checks) {
      const read = rows.get(check.row);
      if (!read) {
        problems.push(`row ${check.row} not read`);
        continue;
      }
      const view = mapping.kind === 'bank' && read.fragment ? bankView(read.fragment, read.fields) : {};
      if (!compare(check.field, check.value, read.fields, view)) {
        const got = view[check.field] ?? read.fields[check.field] ?? '∅';
        problems.push(`row ${check.row} ${check.field}: ${got} ≠ ${check.value}`);
      }
    }
    grades.push({ entry, kind: mapping.kind, problems });
  }
  return grades;
}
