// Chooses a table's kind and mapping from its columns and preamble; the result is a profile that reproduces it.
import { basename } from 'node:path';
import { InvalidInputError } from '../../engine/errors.ts';
import { FAMILIES, type Family, familyOf } from '../profiles/families.ts';
import { Profile, type ProfileSpec } from '../profiles/profile.ts';
import type { Kind } from '../types.ts';
import { type ColumnInput, type FamilyMapping, mapColumns } from './columns.ts';
import { MONEY_FIELDS } from './content.ts';
import { preambleFacts, preambleUnit } from './facts.ts';
import { headerFingerprint } from './fingerprint.ts';
import type { ColumnPlan, PreambleFact } from './types.ts';

/** Kinds that stand for foreign data sets read through profiles: chosen only when no departmental kind fits. */
const GENERIC_KINDS = new Set<Kind>(['person', 'account', 'accountOwner', 'transfer', 'guarantee']);

export interface MappedTable {
  kind: Kind;
  kindConfidence: number;
  columns: ColumnPlan[];
  facts: PreambleFact[];
  /** The profile that reads the table as planned (built from the plan, or the one that decided it). */
  profile: Profile;
  /** field → header (or `^label` for a preamble fact), for display and the duplicate-column check. */
  fields: Record<string, string>;
  fingerprint: string;
}

export type Labelled = readonly { label: string; value: string; row: number }[];

interface Candidate {
  family: Family;
  mapped: FamilyMapping;
  facts: PreambleFact[];
  missing: string[][];
  score: number;
}

function evaluate(family: Family, inputs: ColumnInput[], labelled: Labelled, forced: boolean): Candidate {
  const possible = new Set(preambleFacts(family, labelled, new Set()).map((f) => f.field));
  // The generic kinds read foreign data sets by their exact column names; left to guess by meaning, they would
  // take any unreadable departmental file as a list of accounts or persons.
  const exactOnly = GENERIC_KINDS.has(family.kind) && !forced;
  const mapped = mapColumns(family, inputs, possible, { exactOnly });
  const facts = preambleFacts(family, labelled, new Set(Object.keys(mapped.fields)));
  const have = new Set([...Object.keys(mapped.fields), ...facts.map((f) => f.field)]);
  const missing = family.required.filter((alternatives) => !alternatives.some((field) => have.has(field)));
  const signature = (family.signature ?? []).filter((field) => field in mapped.fields).length;
  const factWeight = facts.filter((f) => f.field !== 'unit').length * 0.3;
  const score = mapped.weight + signature * 0.5 + factWeight - (GENERIC_KINDS.has(family.kind) ? 1.5 : 0);
  return { family, mapped, facts, missing, score };
}

type FieldRule = ProfileSpec['fields'][string];
type Unit = 1000 | 10000 | 100000000;

/** The profile rule reading `column` (as `field`): its header, with the unit and part it needs. */
export function columnRule(column: ColumnPlan, field: string, unit?: number): FieldRule {
  const columnUnit = column.unit ?? (unit && unit !== 1 && MONEY_FIELDS.has(field) ? unit : undefined);
  const rule = {
    header: column.header,
    ...(columnUnit ? { unit: columnUnit as Unit } : {}),
    ...(column.part && field === column.field ? { part: column.part } : {}),
    ...(column.dateParts && field === column.field
      ? { year: column.dateParts.year, month: column.dateParts.month }
      : {}),
  };
  return Object.keys(rule).length === 1 ? column.header : rule;
}

/** The profile rule reading a preamble fact: by its label, so the next file's own value is read. */
export function factRule(fact: PreambleFact): FieldRule {
  return fact.field === 'village' || fact.field === 'town'
    ? { preamble: fact.label, place: fact.field }
    : { preamble: fact.label };
}

/** The spec that reads a table as `candidate` says: columns by header, facts from the preamble, units, parts. */
function specOf(candidate: Candidate, headers: readonly string[], file: string): ProfileSpec {
  const unit = preambleUnit(candidate.facts);
  const fields: ProfileSpec['fields'] = {};
  for (const column of candidate.mapped.columns) {
    if (column.field) fields[column.field] = columnRule(column, column.field, unit);
  }
  for (const fact of candidate.facts) if (fact.field !== 'unit') fields[fact.field] = factRule(fact);
  return {
    name: `${candidate.family.kind}-${headerFingerprint(headers)}`,
    description: `${candidate.family.zh}：由 ${basename(file)} 的导入计划生成 / generated from the plan of ${basename(file)}`,
    kind: candidate.family.kind,
    match: { fingerprint: headerFingerprint(headers) },
    idValidation: 'gb',
    fields,
  };
}

function unmapped(
  file: string,
  headers: readonly string[],
  closest: Candidate | undefined,
  kind: Kind | undefined,
  bare: ColumnPlan[],
) {
  const missing = closest?.missing ?? [];
  const describe = missing
    .map((alts) => alts.map((f) => `${f}（${closest?.family.fields[f]?.aliases[0] ?? f}）`).join(' / '))
    .join('，');
  const guesses = (closest?.mapped.columns ?? [])
    .filter((c) => c.field)
    .map((c) => `${c.letter} ${c.header} → ${c.field}`)
    .join('; ');
  const family = closest
    ? `${closest.family.zh}（${closest.family.kind}）缺少 missing: ${describe}. `
    : '没有一列能识别为已知字段 / no column names a known field. ';
  return new InvalidInputError(
    'ingest.unmapped',
    `无法识别文件类型，请用 --kind 或 --profile 指定 / Cannot map this file; use --kind or --profile. ${family}` +
      `已识别 columns found: ${guesses || '—'}. 表头 headers found: ${headers.join(', ')}`,
    {
      details: {
        file: basename(file),
        headers: [...headers],
        kind: closest?.family.kind ?? kind ?? null,
        missing,
        columns: closest?.mapped.columns ?? bare,
      },
    },
  );
}

/**
 * Maps a table by meaning: every family (or the one `kind` names) maps the columns and the preamble, the
 * best-scoring family whose required fields are all present wins. Throws `ingest.unmapped` naming what the
 * closest family misses and the columns it did recognise.
 */
export function mapTable(
  file: string,
  inputs: ColumnInput[],
  labelled: Labelled,
  options: { kind?: Kind } = {},
): MappedTable {
  const headers = inputs.map((i) => i.header);
  const families = options.kind ? [familyOf(options.kind)] : FAMILIES;
  const evaluated = families.map((family) => evaluate(family, inputs, labelled, options.kind !== undefined));
  const fits = evaluated.filter((c) => c.missing.length === 0).sort((a, b) => b.score - a.score);
  const best = fits[0];
  if (!best) {
    // The refusal names what the nearest departmental kind lacks: a generic kind (an account list needs one
    // column) is always "nearest" and would tell the sender nothing.
    const departmental = evaluated.filter((c) => options.kind || !GENERIC_KINDS.has(c.family.kind));
    const nearest = [...(departmental.length ? departmental : evaluated)].sort(
      (a, b) =>
        a.missing.length - b.missing.length ||
        b.mapped.weight - a.mapped.weight ||
        a.family.required.length - b.family.required.length,
    )[0];
    // With no column recognised at all, no kind is nearer than another: the refusal says just that.
    const closest = options.kind || (nearest && nearest.mapped.weight > 0) ? nearest : undefined;
    // The columns are listed all the same (samples, what the values look like), for the analyst to assign.
    const bare = (nearest?.mapped.columns ?? []).map((c) => ({
      ...c,
      field: null,
      confidence: 0,
      evidence: [],
    }));
    throw unmapped(file, headers, closest, options.kind, bare);
  }
  const second = fits[1]?.score ?? 0;
  const spec = specOf(best, headers, file);
  const profile = new Profile(spec, `plan:${basename(file)}`);
  return {
    kind: best.family.kind,
    kindConfidence: fits.length === 1 ? 1 : Math.max(0, Math.min(1, (best.score - second) / 2)),
    columns: best.mapped.columns,
    facts: best.facts,
    profile,
    fields: profile.toMapping([...headers], file).fields,
    fingerprint: headerFingerprint(headers),
  };
}

/** The columns as a profile reads them: each mapped header with full confidence and the profile as evidence. */
export function columnsOfProfile(profile: Profile, inputs: ColumnInput[], base: ColumnPlan[]): ColumnPlan[] {
  const byHeader = new Map<string, string>();
  for (const [field, rule] of Object.entries(profile.spec.fields)) {
    const header = typeof rule === 'string' ? rule : rule.header;
    if (header !== undefined && !byHeader.has(header)) byHeader.set(header, field);
  }
  return base.map((column, index) => {
    const field = byHeader.get(inputs[index]?.header ?? '') ?? null;
    const evidence = field ? [`配置 profile「${profile.name}」`] : [];
    return { ...column, field, confidence: field ? 1 : 0, evidence, conflict: undefined };
  });
}
