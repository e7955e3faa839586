// What a query template is: zod schemas for its definition and typed parameters, and the stored shape with history.
import { z } from 'zod';
import { ENTITY_TYPES } from '../engine/schema/index.ts';

export const PARAM_TYPES = ['string', 'integer', 'float', 'date', 'enum', 'entityKey'] as const;
export type ParamType = (typeof PARAM_TYPES)[number];

/** Labels an `entityKey` parameter may name: the investigated graph, not users or templates. */
export const ENTITY_KEY_LABELS = ENTITY_TYPES.filter((e) => !('internal' in e && e.internal)).map(
  (e) => e.label,
) as string[];

export const TEMPLATE_ID = /^[a-z0-9][a-z0-9_-]{1,63}$/;
export const PARAM_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,63}$/;
export const DATE_TEXT = /^\d{4}-\d{2}-\d{2}$/;

/** Longest Cypher text a template or an ad-hoc query may have. */
export const MAX_CYPHER = 20_000;

export const ParamDecl = z
  .object({
    name: z.string().regex(PARAM_NAME, 'a Cypher parameter name: letters, digits, _'),
    type: z.enum(PARAM_TYPES),
    /** Captions for forms: Chinese first, English. */
    zh: z.string().trim().min(1).max(100),
    en: z.string().trim().min(1).max(100).optional(),
    /** Help text shown beside the field. */
    help: z.string().max(500).optional(),
    required: z.boolean().default(false),
    default: z.union([z.string(), z.number(), z.null()]).optional(),
    /** `enum`: the values allowed. */
    options: z.array(z.string().min(1).max(100)).min(1).max(100).optional(),
    /** `entityKey`: the labels whose key the value is (a picker searches these). */
    labels: z.array(z.string()).min(1).max(20).optional(),
    /** `integer`/`float`: bounds, inclusive. */
    min: z.number().optional(),
    max: z.number().optional(),
  })
  .strict()
  .superRefine((decl, ctx) => {
    if (decl.type === 'enum' && !decl.options) {
      ctx.addIssue({ code: 'custom', path: ['options'], message: 'an enum parameter needs options' });
    }
    if (decl.type !== 'enum' && decl.options) {
      ctx.addIssue({ code: 'custom', path: ['options'], message: 'options belong to enum parameters' });
    }
    if (decl.type !== 'entityKey' && decl.labels) {
      ctx.addIssue({ code: 'custom', path: ['labels'], message: 'labels belong to entityKey parameters' });
    }
    for (const [i, label] of (decl.labels ?? []).entries()) {
      if (!ENTITY_KEY_LABELS.includes(label)) {
        ctx.addIssue({ code: 'custom', path: ['labels', i], message: `not an entity label: ${label}` });
      }
    }
    if (
      (decl.min !== undefined || decl.max !== undefined) &&
      decl.type !== 'integer' &&
      decl.type !== 'float'
    ) {
      ctx.addIssue({
        code: 'custom',
        path: ['min'],
        message: 'bounds belong to integer and float parameters',
      });
    }
  });
export type ParamDecl = z.infer<typeof ParamDecl>;

const tags = z.array(z.string().trim().min(1).max(40)).max(20);

/** What an author writes: the body of POST /templates, and a builtin file's header plus its text. */
export const TemplateInput = z
  .object({
    /** The slug naming the template (`cadre_relatives_companies`); derived from the English title when absent. */
    id: z.string().regex(TEMPLATE_ID, 'lower-case letters, digits, _ or -, 2 to 64 long').optional(),
    title: z.string().trim().min(1).max(200),
    titleEn: z.string().trim().min(1).max(200).optional(),
    description: z.string().max(4000).default(''),
    descriptionEn: z.string().max(4000).optional(),
    cypher: z.string().trim().min(1).max(MAX_CYPHER),
    /** Omitted: every `$name` in the text becomes a required string parameter. */
    params: z.array(ParamDecl).max(50).optional(),
    tags: tags.default([]),
    /** What changed, for the version history. */
    note: z.string().max(1000).optional(),
  })
  .strict()
  .superRefine((input, ctx) => {
    const seen = new Set<string>();
    for (const [i, p] of (input.params ?? []).entries()) {
      if (seen.has(p.name)) {
        ctx.addIssue({ code: 'custom', path: ['params', i, 'name'], message: `declared twice: ${p.name}` });
      }
      seen.add(p.name);
    }
  });
export type TemplateInput = z.input<typeof TemplateInput>;
export type TemplateDefinition = z.output<typeof TemplateInput>;

/**
 * PUT /templates/:id: the new version's title and text; other fields left out stay as they were (null clears the
 * English texts). Optionally guarded by the version the edit started from.
 */
export const TemplateUpdate = z
  .object({
    title: z.string().trim().min(1).max(200),
    titleEn: z.string().trim().min(1).max(200).nullable().optional(),
    description: z.string().max(4000).optional(),
    descriptionEn: z.string().max(4000).nullable().optional(),
    cypher: z.string().trim().min(1).max(MAX_CYPHER),
    params: z.array(ParamDecl).max(50).optional(),
    tags: tags.optional(),
    note: z.string().max(1000).optional(),
    /** The version the edit started from: a newer stored version refuses the save (409). */
    baseVersion: z.number().int().min(1).optional(),
  })
  .strict();
export type TemplateUpdate = z.output<typeof TemplateUpdate>;

/** The fields a version fixes; the history keeps each of them per version. */
export interface TemplateContent {
  title: string;
  titleEn: string | null;
  description: string;
  descriptionEn: string | null;
  cypher: string;
  params: ParamDecl[];
  tags: string[];
}

export interface TemplateVersion extends TemplateContent {
  version: number;
  /** Who saved this version, when, and what they said changed. */
  author: string;
  at: string;
  note: string;
  /** Fields that differ from the previous version. */
  changed: string[];
}

export interface Template extends TemplateContent {
  id: string;
  version: number;
  author: string;
  /** Who created version 1. */
  createdBy: string;
  createdAt: string;
  updatedAt: string;
  builtin: boolean;
  /** Every version, newest first (the first is the current one). */
  history: TemplateVersion[];
}

export type TemplateSummary = Omit<Template, 'history'>;

export const CONTENT_FIELDS = [
  'title',
  'titleEn',
  'description',
  'descriptionEn',
  'cypher',
  'params',
  'tags',
] as const satisfies readonly (keyof TemplateContent)[];

/** A slug from free text: `Transfer cycles (2–4)` → `transfer_cycles_2_4`. */
export function slugify(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .slice(0, 64);
}
