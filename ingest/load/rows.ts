// What becomes of each record of a table: skipped as non-data, quarantined with a reason, or built into a fragment.

import type { BuildContext } from '../build/common.ts';
import { buildRow } from '../build/index.ts';
import { factsOf } from '../layout/plan.ts';
import { normaliseKey, normaliseText } from '../normalise/index.ts';
import type { FieldMapping } from '../profiles/detect.ts';
import { applyMapping } from '../profiles/profile.ts';
import type { SourceRecord, SourceTable } from '../readers/types.ts';
import type { Fragment, Kind, MappedRow } from '../types.ts';
import { fileLabel, structuralProblem } from './table.ts';

export type RowOutcome =
  | { type: 'skipped'; reason: string; text: string }
  | { type: 'quarantined'; field: string; reason: string; value?: string }
  | { type: 'built'; row: MappedRow; fragment: Fragment };

/**
 * Fields that name the group a row belongs to, which a workbook writes once in a cell merged down over the
 * group's rows (a declarant over each of their relatives, a company over its shareholders). Only the first row
 * of such a group holds the text; the rows below read it from there.
 */
const GROUP_FIELDS: Partial<Record<Kind, string[]>> = {
  relative: ['cadreId', 'cadreName'],
  household: ['householdNo'],
  shareholder: ['creditCode', 'companyName'],
  executive: ['creditCode', 'companyName'],
};

/** A fragment that records where a table's own account came from: the block above it, `file#preamble`. */
function preambleFragment(kind: Kind, fields: Record<string, string>): Fragment | undefined {
  if (kind !== 'bank' || !fields.ownAccount) return undefined;
  const key = normaliseKey(normaliseText(fields.ownAccount));
  if (!key) return undefined;
  const holderName = normaliseText(fields.ownName ?? '');
  const node = { label: 'Account' as const, key };
  return {
    nodes: [{ ...node, props: holderName ? { holderName } : {} }],
    edges: [],
    primary: { node },
    warnings: [],
  };
}

/**
 * Reads the records of one table through its mapping, in order. Stateful: a group cell merged down in a workbook
 * carries to the rows below it (only while every group field of the row is blank, and only for workbooks, where
 * merging is how such forms are drawn), and the preamble's fragment is offered once, before the first row.
 */
export class TableRows {
  private readonly facts: Map<string, string>;
  private readonly group: string[];
  private readonly label: string;
  private carried: Record<string, string> = {};
  private preambleOffered = false;

  constructor(
    private readonly table: SourceTable,
    private readonly mapping: FieldMapping,
    private readonly ctx: BuildContext,
  ) {
    this.facts = factsOf(table);
    this.label = fileLabel(table);
    const fromColumns = (field: string) => field in mapping.fields && !mapping.fields[field]!.startsWith('^');
    this.group = table.format === 'xlsx' ? (GROUP_FIELDS[mapping.kind] ?? []).filter(fromColumns) : [];
  }

  /** The fragment of the preamble's facts (`file#preamble`), once; undefined when there is none or it was given. */
  preamble(): { fragment: Fragment; source: string } | undefined {
    if (this.preambleOffered) return undefined;
    this.preambleOffered = true;
    const fromFacts = Object.entries(this.mapping.fields).filter(([, header]) => header.startsWith('^'));
    if (fromFacts.length === 0) return undefined;
    const fields = applyMapping(this.mapping, {}, this.facts);
    const fragment = preambleFragment(this.mapping.kind, fields);
    return fragment ? { fragment, source: `${this.label}#preamble` } : undefined;
  }

  read(record: SourceRecord): RowOutcome {
    if (record.skip) return { type: 'skipped', ...record.skip };
    const problem = structuralProblem(record);
    if (problem) return { type: 'quarantined', ...problem };
    const fields = this.carry(applyMapping(this.mapping, record.values, this.facts));
    const row: MappedRow = {
      kind: this.mapping.kind,
      source: `${this.label}#${record.row}`,
      file: this.table.file,
      row: record.row,
      fields,
    };
    const built = buildRow(row, this.ctx);
    if (!built.ok) return { type: 'quarantined', ...built.rejection };
    return { type: 'built', row, fragment: built.fragment };
  }

  private carry(fields: Record<string, string>): Record<string, string> {
    if (this.group.length === 0) return fields;
    const blank = this.group.every((field) => normaliseText(fields[field] ?? '') === '');
    if (!blank) {
      this.carried = Object.fromEntries(this.group.map((field) => [field, fields[field] ?? '']));
      return fields;
    }
    return { ...fields, ...this.carried };
  }
}
