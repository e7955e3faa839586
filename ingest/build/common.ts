// Helpers shared by the row builders: keys for parties, villages and mentions, and the fragment under construction.
import { createHash } from 'node:crypto';
import type { EntityLabel, RelationName } from '../../engine/schema/index.ts';
import { isFormulaLike } from '../normalise/formula.ts';
import {
  isPlaceholder,
  normaliseKey,
  normaliseText,
  parseCreditCode,
  parseIdNumber,
  parsePhone,
} from '../normalise/index.ts';
import type {
  BuildOptions,
  BuildResult,
  EdgeUpsert,
  Fragment,
  MappedRow,
  NodeRef,
  Rejection,
} from '../types.ts';

/** Thrown inside a builder to reject the row; caught by `build()`. */
export class RowRejected extends Error {
  readonly rejection: Rejection;
  constructor(rejection: Rejection) {
    super(rejection.reason);
    this.rejection = rejection;
  }
}

export function reject(field: string, reason: string, value?: string): never {
  throw new RowRejected({ field, reason, value });
}

/** Per-file state a builder may need: occurrence counters that keep identical-looking records apart. */
export interface BuildContext {
  options: BuildOptions;
  /** 1 for the first time `key` is seen in this file, 2 for the second… */
  occurrence(key: string): number;
  /**
   * The run's company register by normalised name → credit code (`''`: two companies share the name), for
   * shareholder and key-personnel rows that name their company without its code. See load/company-index.ts.
   */
  companyCodes?: Readonly<Record<string, string>>;
}

/**
 * An account number (or another key) from `field`, normalised. Formula-like text (`=1+1`, `@SUM(…)`) is no
 * account number but spreadsheet injection or a broken export, and as a key it would join unrelated rows, so
 * the row is quarantined: `key.formula`.
 */
export function keyOf(b: FragmentBuilder, field: string, required = true): string {
  const text = required ? b.required(field) : b.text(field);
  if (isFormulaLike(text)) reject(field, 'key.formula: a formula, not an account number or key', text);
  return normaliseKey(text);
}

/**
 * Warns (`date.implausible`) when an event date (YYYY-MM-DD…) lies outside the run's plausible range
 * (settings: 1949-01-01 to a year from today by default). The row is kept: the date is well-formed and may be
 * a typo or a real old record, which only the investigator can tell; the warning makes it visible.
 */
export function checkPlausibleDate(b: FragmentBuilder, ctx: BuildContext, field: string, iso: string): void {
  const range = ctx.options.dateRange;
  const day = iso.slice(0, 10);
  if (range && (day < range.earliest || day > range.latest))
    b.warn(field, `date.implausible: ${day} outside ${range.earliest}..${range.latest}`);
}

export function shortHash(text: string): string {
  return createHash('sha1').update(text).digest('base64url').slice(0, 16);
}

/** Drops empty values so that a blank cell never overwrites or pads a property. */
export function compact(props: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(props)) if (v !== undefined && v !== null && v !== '') out[k] = v;
  return out;
}

export class FragmentBuilder {
  readonly row: MappedRow;
  readonly fragment: Fragment;

  constructor(row: MappedRow) {
    this.row = row;
    this.fragment = { nodes: [], edges: [], primary: { node: { label: 'Person', key: '' } }, warnings: [] };
  }

  /** A canonical field's text, trimmed and normalised; '' when blank or a placeholder (无, -, null). */
  text(field: string): string {
    const raw = this.row.fields[field];
    if (raw === undefined) return '';
    const text = normaliseText(raw);
    return isPlaceholder(text) ? '' : text;
  }

  required(field: string): string {
    const value = this.text(field);
    if (!value) reject(field, `${field}.empty: required value is empty`);
    return value;
  }

  warn(field: string, warning: string): void {
    this.fragment.warnings.push(`${field}: ${warning}`);
  }

  node(label: EntityLabel, key: string, props: Record<string, unknown> = {}): NodeRef {
    this.fragment.nodes.push({ label, key, props: compact(props) });
    return { label, key };
  }

  edge(
    type: RelationName,
    from: NodeRef,
    to: NodeRef,
    props: Record<string, unknown> = {},
    key?: string,
  ): EdgeUpsert {
    const edge: EdgeUpsert = { type, from, to, props: compact(props), ...(key ? { key } : {}) };
    this.fragment.edges.push(edge);
    return edge;
  }

  primaryNode(ref: NodeRef): void {
    this.fragment.primary = { node: ref };
  }

  /** The row's main fact is this relationship (its key, or for unkeyed types the pair). */
  primaryEdge(edge: EdgeUpsert): void {
    this.fragment.primary = {
      edge: {
        type: edge.type,
        key: edge.key ?? `${edge.from.key}>${edge.to.key}`,
        keyed: edge.key !== undefined,
        from: edge.from,
        to: edge.to,
      },
    };
  }

  done(): BuildResult {
    return { ok: true, fragment: this.fragment };
  }
}

export interface PersonKey {
  idNumber: string;
  birthDate?: string;
  sex?: string;
}

/** A person's key from an ID number: GB 11643 checked (15 digits upgraded) unless the profile says otherwise. */
export function personKey(
  raw: string,
  ctx: BuildContext,
): { ok: true; value: PersonKey } | { ok: false; reason: string } {
  if (ctx.options.idValidation === 'none') return { ok: true, value: { idNumber: normaliseKey(raw) } };
  const parsed = parseIdNumber(raw);
  if (!parsed.ok) return parsed;
  return {
    ok: true,
    value: { idNumber: parsed.value.idNumber, birthDate: parsed.value.birthDate, sex: parsed.value.sex },
  };
}

/** A company's key: GB 32100 checked; a wrong check digit is a warning, not a rejection. */
export function companyKey(
  raw: string,
  ctx: BuildContext,
): { ok: true; value: string; warning?: string } | { ok: false; reason: string } {
  if (ctx.options.idValidation === 'none') return { ok: true, value: normaliseKey(raw) };
  const parsed = parseCreditCode(raw);
  if (!parsed.ok) return parsed;
  return { ok: true, value: parsed.value.creditCode, ...(parsed.warning ? { warning: parsed.warning } : {}) };
}

/**
 * The party an identifier names: an ID-number shape is a Person, anything else a Company (credit code).
 * `type` (person/company), given by a profile, decides for identifiers that are not GB-validated.
 */
export function partyFromId(
  b: FragmentBuilder,
  ctx: BuildContext,
  field: string,
  rawId: string,
  name: string,
  type?: string,
): NodeRef | undefined {
  if (!rawId) return undefined;
  const looksPersonal = /^(\d{15}|\d{17}[\dX])$/.test(normaliseKey(rawId));
  if (type === 'person' || (type !== 'company' && looksPersonal)) {
    const person = personKey(rawId, ctx);
    if (!person.ok) return reject(field, person.reason, rawId);
    return b.node('Person', person.value.idNumber, {
      name,
      birthDate: person.value.birthDate,
      sex: person.value.sex,
    });
  }
  const company = companyKey(rawId, ctx);
  if (!company.ok) return reject(field, company.reason, rawId);
  if (company.warning) b.warn(field, company.warning);
  return b.node('Company', company.value, { name });
}

/** Someone named without an identifier: a mention scoped to where it was seen, never merged by name alone. */
export function mention(
  b: FragmentBuilder,
  scope: string,
  name: string,
  props: Record<string, unknown> = {},
): NodeRef {
  return b.node('PersonMention', `${scope}|${name}`, { name, ...props });
}

const COMPANY_WORDS = /公司|企业|合作社|集团|中心|厂|店|商行|事务所|协会|委员会|有限|经营部|工作室/;

export function looksLikeOrganisation(name: string): boolean {
  return COMPANY_WORDS.test(name);
}

export function villageRef(b: FragmentBuilder, town: string, village: string): NodeRef {
  const key = town ? `${town}/${village}` : village;
  return b.node('Village', key, { name: village, town });
}

export function organisationRef(b: FragmentBuilder, name: string): NodeRef {
  return b.node('Organisation', name, { name });
}

/** Adds a shared Phone node (normalised) if the phone parses; otherwise a warning. */
export function attachPhone(b: FragmentBuilder, owner: NodeRef, field: string): string | undefined {
  const raw = b.text(field);
  if (!raw) return undefined;
  const parsed = parsePhone(raw);
  if (!parsed.ok) {
    b.warn(field, parsed.reason);
    return undefined;
  }
  b.edge('HAS_PHONE', owner, b.node('Phone', parsed.value.phone));
  return parsed.value.phone;
}

export function attachAddress(b: FragmentBuilder, owner: NodeRef, field: string): string | undefined {
  const text = b.text(field).replace(/\s+/g, '');
  if (!text) return undefined;
  b.edge('HAS_ADDRESS', owner, b.node('Address', text));
  return text;
}
