// Decides what a file is from its headers (or a given kind/profile) and maps headers to canonical fields.
import { basename } from 'node:path';
import { InvalidInputError } from '../../engine/errors.ts';
import type { Kind } from '../types.ts';
import { FAMILIES, type Family, familyOf } from './families.ts';
import type { Profile } from './profile.ts';

export interface FieldMapping {
  kind: Kind;
  /** canonical field → header it is read from */
  fields: Record<string, string>;
  /** the profile that mapped the file, if any */
  profile?: Profile;
}

const GENERIC_KINDS = new Set<Kind>(['person', 'account', 'accountOwner', 'transfer', 'guarantee']);

/** Header text as compared: NFKC (full-width → half-width), lower case, no spaces, quotes or `*` markers. */
export function normaliseHeader(header: string): string {
  return header
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\s"'*＊:：]/g, '');
}

function withoutBrackets(header: string): string {
  return header.replace(/\([^)]*\)/g, '');
}

/** Maps a family's fields onto the headers present; each header serves at most one field. */
export function mapFamily(family: Family, headers: string[]): Record<string, string> {
  const byNorm = new Map<string, string>();
  for (const header of headers) {
    const norm = normaliseHeader(header);
    if (!byNorm.has(norm)) byNorm.set(norm, header);
    const bare = withoutBrackets(norm);
    if (!byNorm.has(bare)) byNorm.set(bare, header);
  }
  const used = new Set<string>();
  const fields: Record<string, string> = {};
  // Fields take headers in declaration order, each its first alias present; a header serves one field.
  // The families list specific fields and spellings before generic ones (交易时间 is `time`, not `date`).
  for (const [field, spec] of Object.entries(family.fields)) {
    for (const alias of spec.aliases) {
      const header = byNorm.get(normaliseHeader(alias));
      if (header && !used.has(header)) {
        fields[field] = header;
        used.add(header);
        break;
      }
    }
  }
  return fields;
}

export function missingRequired(family: Family, fields: Record<string, string>): string[][] {
  return family.required.filter((alternatives) => !alternatives.some((field) => field in fields));
}

interface Candidate {
  mapping: FieldMapping;
  score: number;
}

function score(family: Family, fields: Record<string, string>): number {
  const signature = (family.signature ?? []).filter((field) => field in fields).length;
  return Object.keys(fields).length + signature * 0.5 - (GENERIC_KINDS.has(family.kind) ? 1.5 : 0);
}

function describeMissing(family: Family, missing: string[][]): string {
  return missing
    .map((alternatives) =>
      alternatives.map((field) => `${field}（${family.fields[field]?.aliases[0] ?? field}）`).join(' / '),
    )
    .join('，');
}

/** Spreadsheet column letters of a 0-based index: 0 → A, 25 → Z, 26 → AA. */
export function columnLetters(index: number): string {
  let letters = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) {
    letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
  }
  return letters;
}

/** Free-text fields: exports often repeat 备注 or 用途, and neither copy changes an entity or a fact. */
const FREE_TEXT = new Set(['memo', 'purpose', 'address']);

/**
 * Refuses a mapping when a column it reads is repeated (two 交易金额: the readers name the second `交易金额#2`):
 * which one is right cannot be known, and taking the first silently would load whatever it holds. The
 * message names both columns by letter so the sender can delete one. Repeats nobody reads, and repeated
 * free text (备注), are fine: the first is read, the repeat stays in the row's raw values.
 */
export function refuseDuplicateColumns(file: string, headers: string[], mapping: FieldMapping): FieldMapping {
  const read = new Set(
    Object.entries(mapping.fields)
      .filter(([field]) => !FREE_TEXT.has(field))
      .map(([, header]) => header),
  );
  for (const [index, header] of headers.entries()) {
    const base = /^(.+)#\d+$/.exec(header)?.[1];
    if (base === undefined || !read.has(base)) continue;
    const first = columnLetters(headers.indexOf(base));
    const second = columnLetters(index);
    const name = basename(file);
    throw new InvalidInputError(
      'ingest.duplicateColumn',
      `${name}：列 ${first} 与列 ${second} 都是「${base}」，无法确定用哪一列，请删除其中一列 / ${name}: columns ` +
        `${first} and ${second} are both "${base}"; which one holds the data cannot be told, delete one`,
      { details: { file: name, header: base, columns: [first, second] } },
    );
  }
  return mapping;
}

/**
 * Chooses the mapping for a file. Order: an explicit profile; a shipped/user profile whose `match` fits;
 * with `kind` given, that family; else the best-scoring family whose required fields are all present.
 * Throws InvalidInputError `ingest.unmapped` naming the missing fields and the headers found, or
 * `ingest.duplicateColumn` when a column it would read appears twice.
 */
export function detectMapping(
  file: string,
  headers: string[],
  options: { kind?: Kind; profile?: Profile; profiles?: Profile[] } = {},
): FieldMapping {
  return refuseDuplicateColumns(file, headers, chooseMapping(file, headers, options));
}

function chooseMapping(
  file: string,
  headers: string[],
  options: { kind?: Kind; profile?: Profile; profiles?: Profile[] },
): FieldMapping {
  if (options.profile) return options.profile.toMapping(headers, file);
  if (!options.kind) {
    const matched = (options.profiles ?? []).find((p) => p.matches(headers, basename(file)));
    if (matched) return matched.toMapping(headers, file);
  }
  const families = options.kind ? [familyOf(options.kind)] : FAMILIES;
  const candidates: Candidate[] = [];
  let closest: { family: Family; missing: string[][] } | undefined;
  for (const family of families) {
    const fields = mapFamily(family, headers);
    const missing = missingRequired(family, fields);
    if (missing.length === 0)
      candidates.push({ mapping: { kind: family.kind, fields }, score: score(family, fields) });
    else if (!closest || missing.length < closest.missing.length) closest = { family, missing };
  }
  candidates.sort((a, b) => b.score - a.score);
  const best = candidates[0];
  if (best) return best.mapping;
  const missingText = closest
    ? `${closest.family.zh}（${closest.family.kind}）缺少 missing: ${describeMissing(closest.family, closest.missing)}`
    : '';
  throw new InvalidInputError(
    'ingest.unmapped',
    `无法识别文件类型，请用 --kind 或 --profile 指定 / Cannot map this file; use --kind or --profile. ${missingText}. 表头 headers found: ${headers.join(', ')}`,
    {
      details: {
        file,
        headers,
        kind: closest?.family.kind ?? options.kind ?? null,
        missing: closest?.missing ?? [],
      },
    },
  );
}
