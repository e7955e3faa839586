// Maps a table's columns onto one family's fields: by header meaning first, then checked and completed by the values.
import { classifyColumn } from '../normalise/classify.ts';
import { unitMultiplier } from '../normalise/index.ts';
import type { Family } from '../profiles/families.ts';
import { expectedContent, fitShare, MONEY_FIELDS, SPLIT_PAIRS } from './content.ts';
import type { ColumnPlan, ContentType } from './types.ts';
import { type HeaderForms, headerForms, MATCH_CONFIDENCE, matchHeader } from './vocabulary.ts';

/** A column as the mapper sees it: header, the group it sits under (two-level headers), sample values. */
export interface ColumnInput {
  header: string;
  /** The sub-column's own text when the header joins a group (`申报人·姓名` → `姓名`). */
  sub?: string;
  values: string[];
}

export interface FamilyMapping {
  columns: ColumnPlan[];
  /** field → header it is read from (a split column appears under both of its fields). */
  fields: Record<string, string>;
  /** 0..: sum of the mapped fields' confidence, the measure families are compared by. */
  weight: number;
}

/** Spreadsheet column letters of a 0-based index: 0 → A, 25 → Z, 26 → AA. */
export function columnLetters(index: number): string {
  let letters = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) {
    letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
  }
  return letters;
}

const aliasCache = new WeakMap<Family, Map<string, HeaderForms[]>>();

function aliasForms(family: Family): Map<string, HeaderForms[]> {
  let forms = aliasCache.get(family);
  if (!forms) {
    forms = new Map(Object.entries(family.fields).map(([f, spec]) => [f, spec.aliases.map(headerForms)]));
    aliasCache.set(family, forms);
  }
  return forms;
}

interface HeaderCandidate {
  field: string;
  column: number;
  strength: number;
  order: number;
  /** Position of the matching alias: a field's first spellings are its truest (死亡日期 before 火化日期). */
  alias: number;
  how: string;
}

/** Every (field, column) pair a header supports, strongest first, field declaration order breaking ties. */
function headerCandidates(family: Family, inputs: ColumnInput[]): HeaderCandidate[] {
  const out: HeaderCandidate[] = [];
  const fields = [...aliasForms(family)];
  inputs.forEach((input, column) => {
    const tries = [headerForms(input.header), ...(input.sub ? [headerForms(input.sub)] : [])];
    fields.forEach(([field, aliases], order) => {
      let best: { strength: number; how: string; alias: number } | undefined;
      for (const [t, forms] of tries.entries()) {
        for (const [index, alias] of aliases.entries()) {
          const match = matchHeader(forms, alias);
          if (!match) continue;
          // The sub-column alone (`姓名` under `申报人`) is a weaker reading than the whole two-level header.
          const strength = MATCH_CONFIDENCE[match] - (t > 0 ? 0.25 : 0);
          if (!best || strength > best.strength)
            best = { strength, how: `${match}:${alias.plain}`, alias: index };
        }
      }
      if (best) out.push({ field, column, order, ...best });
    });
  });
  return out.sort(
    (a, b) => b.strength - a.strength || a.order - b.order || a.alias - b.alias || a.column - b.column,
  );
}

function evidenceOfHeader(how: string): string {
  const [match, alias] = how.split(':');
  const zh =
    { exact: '表头即', meaning: '表头含义同', tokens: '表头要素同', contains: '表头包含' }[match ?? ''] ??
    '表头';
  return `${zh}「${alias}」 header ${match} "${alias}"`;
}

function evidenceOfValues(type: ContentType, share: number, count: number): string {
  return `值 ${Math.round(share * count)}/${count} 为 ${type} / values ${Math.round(share * count)}/${count} ${type}`;
}

/**
 * Maps the columns onto `family`: each field takes the column whose header matches it best (a column serves one
 * field), then the values check every choice (a column of names under an ID header is a conflict and is not read
 * for that field), and a required field no header names is filled from a column whose values are unmistakably
 * that (all valid GB 11643 IDs, say) when exactly one such column is free.
 */
export function mapColumns(
  family: Family,
  inputs: ColumnInput[],
  satisfied: ReadonlySet<string> = new Set(),
  options: { exactOnly?: boolean } = {},
): FamilyMapping {
  const content = inputs.map((input) => classifyColumn(input.values));
  const columns: ColumnPlan[] = inputs.map((input, index) => ({
    index,
    letter: columnLetters(index),
    header: input.header,
    field: null,
    confidence: 0,
    evidence: [],
    samples: input.values.filter((v) => v.trim() !== '').slice(0, 3),
    content: { type: content[index]!.type, share: content[index]!.share },
  }));
  const taken = new Map<string, number>();
  const candidates = headerCandidates(family, inputs).filter(
    (c) => !options.exactOnly || c.how.startsWith('exact:'),
  );
  for (const candidate of candidates) {
    const column = columns[candidate.column]!;
    if (taken.has(candidate.field) || column.field !== null) continue;
    const fit = fitShare(candidate.field, inputs[candidate.column]!.values);
    if (fit.count >= 3 && fit.share < 0.3) {
      // The header says one thing, the values plainly another: say so and leave the field to a better column.
      column.conflict = `表头像 ${candidate.field}，但值不符（${column.content.type}）/ header suggests ${candidate.field}, values are ${column.content.type}`;
      continue;
    }
    column.field = candidate.field;
    column.confidence = candidate.strength * (fit.share >= 0.7 ? 1 : 0.6);
    column.evidence.push(evidenceOfHeader(candidate.how));
    if (fit.count > 0) {
      const fitting = Math.round(fit.share * fit.count);
      column.evidence.push(
        `值 ${fitting}/${fit.count} 可读为 ${candidate.field} / values ${fitting}/${fit.count} read as ${candidate.field}`,
      );
      if (fit.share < 0.7) column.conflict = `部分值不符 / some values do not read as ${candidate.field}`;
    }
    taken.set(candidate.field, candidate.column);
  }
  if (!options.exactOnly) {
    splitCombined(family, inputs, columns, taken);
    fillByContent(
      family,
      inputs,
      columns,
      new Map([...taken, ...[...satisfied].map((f) => [f, -1] as const)]),
    );
    if ('date' in family.fields && !taken.has('date')) composeDate(inputs, columns);
  }
  for (const column of columns) {
    if (column.field && MONEY_FIELDS.has(column.field)) {
      const unit = unitMultiplier(column.header);
      if (unit && unit !== 1) column.unit = unit;
    }
  }
  const fields: Record<string, string> = {};
  for (const column of columns) if (column.field) fields[column.field] = column.header;
  const weight = columns.reduce((sum, c) => sum + (c.field ? c.confidence : 0), 0);
  return { columns, fields, weight };
}

/**
 * A date kept in two columns under a year (`2025年` over `月` | `日`, as cash journals rule their pages): the day
 * column reads the date, with the month column beside it and the year from the group cell.
 */
function composeDate(inputs: ColumnInput[], columns: ColumnPlan[]): void {
  const own = (input: ColumnInput) => (input.sub ?? input.header).trim();
  const month = inputs.findIndex((input) => own(input) === '月');
  const day = inputs.findIndex((input) => own(input) === '日');
  if (month < 0 || day < 0 || columns[day]?.field || columns[month]?.field) return;
  const year = /(\d{4})\s*年/.exec(inputs[day]!.header)?.[1];
  if (!year) return;
  Object.assign(columns[day]!, {
    field: 'date',
    confidence: 0.8,
    dateParts: { year, month: inputs[month]!.header },
    evidence: [`年月日分列 date in columns: ${year}年 / ${inputs[month]!.header} / ${inputs[day]!.header}`],
  });
}

/** Content types that name one thing only, enough to read a column that no header names. */
const IDENTIFYING = new Set<ContentType>(['idNumber', 'creditCode', 'mobile', 'direction']);
const IDENTIFYING_OR_ACCOUNT = new Set<ContentType>(['idNumber', 'creditCode', 'mobile', 'account']);

function nonEmpty(input: ColumnInput): number {
  return input.values.filter((v) => v.trim() !== '').length;
}

/** A `账号/户名` column (values like `6228…/张三`) feeds both fields of a free pair, the role's pair first. */
function splitCombined(
  family: Family,
  inputs: ColumnInput[],
  columns: ColumnPlan[],
  taken: Map<string, number>,
): void {
  const pairs = (SPLIT_PAIRS[family.kind] ?? []).filter(([a, n]) => !taken.has(a) && !taken.has(n));
  for (const column of columns) {
    if (column.field !== null || column.content.type !== 'accountAndName' || column.content.share < 0.6)
      continue;
    const header = headerForms(inputs[column.index]!.header).meaning;
    const pair = pairs.find(([, , role]) => header.includes(`{${role}}`)) ?? pairs[0];
    if (!pair) return;
    pairs.splice(pairs.indexOf(pair), 1);
    const [accountField, nameField] = pair;
    const evidence = evidenceOfValues(
      'accountAndName',
      column.content.share,
      nonEmpty(inputs[column.index]!),
    );
    Object.assign(column, { field: accountField, part: 'account', confidence: 0.8, evidence: [evidence] });
    columns.push({ ...column, field: nameField, part: 'name', evidence: [evidence] });
    taken.set(accountField, column.index);
    taken.set(nameField, column.index);
  }
}

/**
 * Fields no header names, filled from the one free column whose values are unmistakably that: required fields
 * first (at 80% of values), then the others (at 90%).
 */
function fillByContent(
  family: Family,
  inputs: ColumnInput[],
  columns: ColumnPlan[],
  taken: Map<string, number>,
): void {
  const required = family.required.filter((alternatives) => !alternatives.some((field) => taken.has(field)));
  const inRequired = new Set(family.required.flat());
  // Beyond the required fields only identifiers and 借/贷 flags: any column of numbers looks like an amount, but
  // a column of valid ID numbers is one, and an unread flag column would turn every debit into a credit.
  const others = Object.keys(family.fields)
    .filter((field) => !inRequired.has(field))
    .map((field) => [field]);
  for (const [index, alternatives] of [...required, ...others].entries()) {
    const isRequired = index < required.length;
    if (alternatives.some((field) => taken.has(field))) continue;
    for (const field of alternatives) {
      // Only identifiers are read from values alone: a column of dates under no header is no 死亡日期, and
      // calling a list of the living a death register would be the worst mistake a reader could make.
      const strong = isRequired ? IDENTIFYING_OR_ACCOUNT : IDENTIFYING;
      const threshold = isRequired ? 0.8 : 0.9;
      const expected = expectedContent(field)?.filter((t) => strong.has(t));
      if (!expected?.length) continue;
      const free = columns.filter(
        (c) =>
          c.field === null &&
          !c.conflict &&
          expected.includes(c.content.type) &&
          c.content.share >= threshold,
      );
      // Two free columns of IDs: which one is this field cannot be told from the values; nothing is guessed.
      if (free.length !== 1) continue;
      const column = free[0]!;
      column.field = field;
      column.confidence = 0.5 * column.content.share;
      column.evidence.push(
        `按内容识别 by content: ${evidenceOfValues(column.content.type, column.content.share, nonEmpty(inputs[column.index]!))}`,
      );
      taken.set(field, column.index);
      break;
    }
  }
}
