// Decides what a file is from its headers (or a given kind/profile) and maps headers to canonical fields.
import { basename } from 'node:path';
import { InvalidInputError } from '../../engine/errors.ts';
import { columnLetters } from '../layout/columns.ts';
import { mapTable } from '../layout/mapping.ts';
import type { Kind } from '../types.ts';
import type { Profile } from './profile.ts';

export interface FieldMapping {
  kind: Kind;
  /** canonical field → header it is read from */
  fields: Record<string, string>;
  /** the profile that mapped the file, if any */
  profile?: Profile;
}

export { columnLetters } from '../layout/columns.ts';
/** Header text as compared (re-exported: one normaliser serves detection, layout and fingerprints). */
export { normaliseHeader } from '../layout/vocabulary.ts';

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
 * Chooses the mapping for a table known by its headers alone (no values, no preamble): an explicit profile; a
 * shipped/user profile whose `match` fits; else recognition by meaning (`ingest/layout/mapping.ts`), the same
 * that reads whole files. Throws InvalidInputError `ingest.unmapped` naming the missing fields and the headers
 * found, or `ingest.duplicateColumn` when a column it would read appears twice.
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
  const inputs = headers.map((header) => ({ header, values: [] }));
  const mapped = mapTable(file, inputs, [], { kind: options.kind });
  return { kind: mapped.kind, fields: mapped.fields, profile: mapped.profile };
}
