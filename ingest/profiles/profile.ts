// Mapping profiles: a small YAML/JSON file mapping another layout's headers onto a kind's canonical fields.
import { readdirSync, readFileSync } from 'node:fs';
import { extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { InvalidInputError } from '../../engine/errors.ts';
import { splitPlace } from '../layout/facts.ts';
import { headerFingerprint } from '../layout/fingerprint.ts';
import { splitAccountAndName } from '../normalise/split.ts';
import { KINDS, type Kind } from '../types.ts';
import type { FieldMapping } from './detect.ts';
import { familyOf } from './families.ts';

const fieldRule = z.union([
  z.string(),
  z.object({
    header: z.string().optional(),
    /** A fixed value instead of a column. */
    value: z.string().optional(),
    prefix: z.string().optional(),
    /** The column holds a day offset (AMLSim steps) from this date. */
    dayStep: z
      .string()
      .regex(/^\d{4}-\d{2}-\d{2}$/)
      .optional(),
    /** Replace listed values (e.g. 1 → 贷). */
    map: z.record(z.string(), z.string()).optional(),
    /** The value comes from the block above the table, from the fact with this label (`账号`), for every row. */
    preamble: z.string().optional(),
    /** Amounts written in a unit: 10000 for 万元, 1000 for 千元. */
    unit: z.union([z.literal(1000), z.literal(10000), z.literal(100000000)]).optional(),
    /** The column holds `账号/户名` together; this field takes the account or the name part. */
    part: z.enum(['account', 'name']).optional(),
    /** The value names a place (`东风镇红旗村股份经济合作社`); this field takes its town or its village. */
    place: z.enum(['town', 'village']).optional(),
    /** A date in columns: the header holds the day, `month` names the month's column, `year` is the year. */
    year: z
      .string()
      .regex(/^\d{4}$/)
      .optional(),
    month: z.string().optional(),
  }),
]);

const profileSchema = z.object({
  name: z.string().min(1),
  description: z.string().optional(),
  kind: z.enum(KINDS),
  match: z
    .object({
      headers: z.array(z.string()).min(1).optional(),
      file: z.string().optional(),
      /** The header-set fingerprint of the files this profile was made for (see layout/fingerprint.ts). */
      fingerprint: z.string().optional(),
    })
    .optional(),
  idValidation: z.enum(['gb', 'none']).default('gb'),
  fields: z.record(z.string(), fieldRule),
});

export type ProfileSpec = z.infer<typeof profileSchema>;
type FieldRule = z.infer<typeof fieldRule>;

function ruleOf(rule: FieldRule): Exclude<FieldRule, string> {
  return typeof rule === 'string' ? { header: rule } : rule;
}

function addDays(isoDate: string, days: number): string {
  const date = new Date(`${isoDate}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

export class Profile {
  readonly spec: ProfileSpec;
  readonly origin: string;

  /** True when every field is a column read as written: no fixed values, preamble facts, units or parts. */
  readonly plain: boolean;

  /** The rules as objects, once: `value` runs for every field of every row. */
  private readonly rules: Map<string, Exclude<FieldRule, string> & { plain: boolean }>;

  constructor(spec: ProfileSpec, origin: string) {
    this.spec = spec;
    this.origin = origin;
    this.plain = Object.values(spec.fields).every((rule) => typeof rule === 'string');
    this.rules = new Map(
      Object.entries(spec.fields).map(([field, rule]) => [
        field,
        { ...ruleOf(rule), plain: typeof rule === 'string' },
      ]),
    );
    const family = familyOf(spec.kind);
    for (const field of Object.keys(spec.fields)) {
      if (!(field in family.fields)) {
        throw new InvalidInputError(
          'profile.unknownField',
          `配置文件字段未知 / Unknown field in profile ${origin}: ${field}`,
          {
            details: { field, kind: spec.kind, known: Object.keys(family.fields) },
          },
        );
      }
    }
  }

  get name(): string {
    return this.spec.name;
  }

  matches(headers: string[], fileName: string): boolean {
    const match = this.spec.match;
    if (!match || (!match.headers && !match.fingerprint)) return false;
    if (match.file && !new RegExp(match.file, 'i').test(fileName)) return false;
    if (match.fingerprint && match.fingerprint !== headerFingerprint(headers)) return false;
    return (match.headers ?? []).every((h) => headers.includes(h));
  }

  toMapping(headers: string[], file: string): FieldMapping {
    const fields: Record<string, string> = {};
    const absent: string[] = [];
    for (const [field, rule] of Object.entries(this.spec.fields)) {
      const { header, preamble } = ruleOf(rule);
      if (preamble !== undefined) fields[field] = `${PREAMBLE_PREFIX}${preamble}`;
      else if (header === undefined) fields[field] = `=${field}`;
      else if (headers.includes(header)) fields[field] = header;
      else absent.push(header);
    }
    if (absent.length) {
      throw new InvalidInputError(
        'ingest.unmapped',
        `配置文件 ${this.name} 所需表头缺失 / Headers required by profile ${this.name} are missing: ${absent.join(', ')}; headers found: ${headers.join(', ')}`,
        { details: { file, headers, missing: absent.map((h) => [h]), kind: this.spec.kind } },
      );
    }
    return { kind: this.spec.kind, fields, profile: this };
  }

  /**
   * The canonical value of `field` from a raw record, transforms applied. `facts` are the table's preamble pairs
   * (label → value): a preamble rule reads them, and also fills a column left blank in a row.
   */
  value(field: string, values: Record<string, string>, facts?: ReadonlyMap<string, string>): string {
    const r = this.rules.get(field);
    if (r === undefined) return '';
    let text = r.value ?? (r.header !== undefined ? (values[r.header] ?? '') : '');
    // A plain column (the common case, read a million times in a big statement) needs nothing more.
    if (r.plain) return text;
    if (text.trim() === '' && r.preamble !== undefined) text = facts?.get(r.preamble) ?? '';
    if (r.part) text = splitAccountAndName(text)?.[r.part] ?? (r.part === 'account' ? text : '');
    if (r.unit && text.trim() !== '') text = withUnit(text, r.unit);
    if (r.place && text !== '') text = splitPlace(text)[r.place] ?? (r.place === 'village' ? text : '');
    if (r.year && r.month !== undefined && text.trim() !== '')
      text = dateOfParts(r.year, values[r.month] ?? '', text);
    if (text === '') return '';
    if (r.map && text in r.map) text = r.map[text] ?? text;
    if (r.dayStep) text = addDays(r.dayStep, Number(text));
    if (r.prefix) text = `${r.prefix}${text}`;
    return text;
  }
}

/** Reads one profile file (YAML or JSON); throws InvalidInputError `profile.invalid` naming the problem. */
export function loadProfile(path: string): Profile {
  let raw: unknown;
  try {
    const text = readFileSync(path, 'utf8');
    raw = extname(path).toLowerCase() === '.json' ? JSON.parse(text) : parseYaml(text);
  } catch (error) {
    throw new InvalidInputError(
      'profile.invalid',
      `无法读取配置文件 / Cannot read profile ${path}: ${(error as Error).message}`,
    );
  }
  const parsed = profileSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new InvalidInputError(
      'profile.invalid',
      `配置文件无效 / Invalid profile ${path}: ${issue?.path.join('.')}: ${issue?.message}`,
      { details: { field: issue?.path.join('.') } },
    );
  }
  return new Profile(parsed.data, path);
}

const SHIPPED_DIR = join(fileURLToPath(new URL('.', import.meta.url)), 'shipped');

/** Profiles shipped with Qingfeng (the public data sets in ../shared/data), matched by header and file name. */
export function shippedProfiles(): Profile[] {
  return readdirSync(SHIPPED_DIR)
    .filter((name) => /\.(ya?ml|json)$/i.test(name))
    .sort()
    .map((name) => loadProfile(join(SHIPPED_DIR, name)));
}

/** Reads the canonical fields of a record through a mapping (plain header look-up, or profile transforms). */
export function applyMapping(
  mapping: FieldMapping,
  values: Record<string, string>,
  facts?: ReadonlyMap<string, string>,
): Record<string, string> {
  const out: Record<string, string> = {};
  // A profile of plain columns (most recognised files) reads like no profile at all: one look-up per field.
  const profile = mapping.profile?.plain ? undefined : mapping.profile;
  for (const [field, header] of Object.entries(mapping.fields)) {
    out[field] = profile ? profile.value(field, values, facts) : (values[header] ?? '');
  }
  return out;
}

/** How a field read from the preamble shows in `FieldMapping.fields` (there is no column to name). */
export const PREAMBLE_PREFIX = '^';

/** `2025`, `1`, `23` → `2025-01-23`; a month or day that is not a number leaves the day as written (and refused). */
function dateOfParts(year: string, month: string, day: string): string {
  const m = month.trim();
  const d = day.trim();
  if (!/^\d{1,2}$/.test(m) || !/^\d{1,2}$/.test(d)) return d;
  return `${year}-${m.padStart(2, '0')}-${d.padStart(2, '0')}`;
}

const UNIT_SUFFIX: Record<number, string> = { 1000: '千', 10000: '万', 100000000: '亿' };

/** An amount written in a unit gets the unit's character (parseAmount reads `5.2万`), unless it has one. */
function withUnit(text: string, unit: number): string {
  const suffix = UNIT_SUFFIX[unit];
  if (!suffix || /[百千万亿]\s*元?\s*$/.test(text)) return text;
  return `${text.trim().replace(/元$/, '')}${suffix}`;
}

export type { Kind };
