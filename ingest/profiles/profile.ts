// Mapping profiles: a small YAML/JSON file mapping another layout's headers onto a kind's canonical fields.
import { readdirSync, readFileSync } from 'node:fs';
import { extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { InvalidInputError } from '../../engine/errors.ts';
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
  }),
]);

const profileSchema = z.object({
  name: z.string().min(1),
  description: z.string().optional(),
  kind: z.enum(KINDS),
  match: z.object({ headers: z.array(z.string()).min(1), file: z.string().optional() }).optional(),
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

  constructor(spec: ProfileSpec, origin: string) {
    this.spec = spec;
    this.origin = origin;
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
    if (!match) return false;
    if (match.file && !new RegExp(match.file, 'i').test(fileName)) return false;
    return match.headers.every((h) => headers.includes(h));
  }

  toMapping(headers: string[], file: string): FieldMapping {
    const fields: Record<string, string> = {};
    const absent: string[] = [];
    for (const [field, rule] of Object.entries(this.spec.fields)) {
      const { header } = ruleOf(rule);
      if (header === undefined) fields[field] = `=${field}`;
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

  /** The canonical value of `field` from a raw record, transforms applied. */
  value(field: string, values: Record<string, string>): string {
    const rule = this.spec.fields[field];
    if (rule === undefined) return '';
    const r = ruleOf(rule);
    let text = r.value ?? (r.header !== undefined ? (values[r.header] ?? '') : '');
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
export function applyMapping(mapping: FieldMapping, values: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [field, header] of Object.entries(mapping.fields)) {
    out[field] = mapping.profile ? mapping.profile.value(field, values) : (values[header] ?? '');
  }
  return out;
}

export type { Kind };
