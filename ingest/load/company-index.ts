// The run's company register by name: lets a shareholder or key-personnel sheet that names its company only by
// name find that company's credit code, exactly and unambiguously, before any of the run's files is loaded.
import { companyKey } from '../build/common.ts';
import { factsOf } from '../layout/plan.ts';
import { isPlaceholder, normaliseText } from '../normalise/index.ts';
import type { FieldMapping } from '../profiles/detect.ts';
import { applyMapping } from '../profiles/profile.ts';
import type { SourceTable } from '../readers/types.ts';
import { structuralProblem } from './table.ts';

/**
 * Brackets as typed in company names: 〔〕【】［］ and full-width （） are all the same parenthesis a clerk
 * meant around a branch or a place (`某某（集团）有限公司`, `某某【杭州】分公司`). NFKC folds （） and ［］ only.
 */
const OPEN_BRACKETS = /[[【〔〖〘]/g;
const CLOSE_BRACKETS = /[\]】〕〗〙]/g;

/**
 * The comparison form of a company name: NFKC (full-width letters and digits to half-width), every bracket made
 * `(`/`)`, all whitespace removed, Latin letters upper-cased. Nothing else is dropped: `有限公司` and
 * `有限责任公司` stay different, because the register spells its own companies and a near miss is no match.
 * '' for a blank or placeholder cell (无, -, null).
 */
export function normaliseCompanyName(raw: string): string {
  const text = normaliseText(raw);
  if (isPlaceholder(text)) return '';
  return text.replace(OPEN_BRACKETS, '(').replace(CLOSE_BRACKETS, ')').replace(/\s+/g, '').toUpperCase();
}

/** Normalised company name → credit code; `''` marks a name two different codes hold (ambiguous). */
export type CompanyCodes = Readonly<Record<string, string>>;

export type CompanyLookup =
  | { found: true; creditCode: string }
  | { found: false; why: 'missing' | 'ambiguous' };

/**
 * The credit code the run's register gives `name`. Own properties only: the index crosses to the build worker
 * by structured clone as a plain object, where `constructor` or `__proto__` would otherwise look like names.
 */
export function lookupCompany(codes: CompanyCodes | undefined, name: string): CompanyLookup {
  const key = normaliseCompanyName(name);
  if (!key || !codes || !Object.hasOwn(codes, key)) return { found: false, why: 'missing' };
  const code = codes[key] ?? '';
  return code ? { found: true, creditCode: code } : { found: false, why: 'ambiguous' };
}

/**
 * Streams the company-register tables (kind `company`) among `tables` and returns normalised name → credit
 * code, with `''` for a name held by two different codes. Only names and codes are kept, so memory grows with
 * the number of distinct companies, never with rows or columns. A register row the loader would quarantine
 * (no name, a credit code that is not one, a malformed line) gives no entry, nor does a row it skips (合计,
 * 打印时间): a holding must not be tied to a company that will not be in the graph. The same company listed twice (two extracts) is no ambiguity.
 */
export async function companyNameIndex(
  tables: { table: SourceTable; mapping: FieldMapping }[],
): Promise<Record<string, string>> {
  const codes = new Map<string, string>();
  for (const { table, mapping } of tables) {
    if (mapping.kind !== 'company') continue;
    const options = { idValidation: mapping.profile?.spec.idValidation ?? 'gb' } as const;
    const ctx = { options, occurrence: () => 1 };
    // Read as the build worker reads it: totals and footers skipped, the preamble's facts applied.
    const facts = factsOf(table);
    for await (const record of table.records()) {
      if (record.skip || structuralProblem(record)) continue;
      const fields = applyMapping(mapping, record.values, facts);
      const name = normaliseCompanyName(fields.name ?? '');
      const rawCode = normaliseText(fields.creditCode ?? '');
      if (!name || isPlaceholder(rawCode)) continue;
      const code = companyKey(rawCode, ctx);
      if (!code.ok) continue;
      const known = codes.get(name);
      if (known === undefined) codes.set(name, code.value);
      else if (known !== code.value) codes.set(name, '');
    }
  }
  return Object.fromEntries(codes);
}
