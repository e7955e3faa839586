// The template store: :QueryTemplate nodes keyed by templateId; every save is a new version, the old ones kept.
import { EngineError, InvalidInputError, NotFoundError } from '../engine/errors.ts';
import type { Store } from '../engine/store/gateway.ts';
import { checkReadOnly } from './guard.ts';
import { checkDeclarations, inferDeclarations } from './params.ts';
import {
  CONTENT_FIELDS,
  type ParamDecl,
  slugify,
  TEMPLATE_ID,
  type Template,
  type TemplateContent,
  type TemplateSummary,
  type TemplateVersion,
} from './template.ts';

/** What a save supplies: the content, optionally without declarations (then inferred from `$names`). */
export interface ContentInput {
  title: string;
  titleEn?: string | null;
  description?: string;
  descriptionEn?: string | null;
  cypher: string;
  params?: ParamDecl[];
  tags?: string[];
  note?: string;
}

export interface SaveOptions {
  /** Builtins are written by the library loader only. */
  builtin?: boolean;
  /** Hash of the builtin file the content came from. */
  sourceHash?: string;
  /** Skip the EXPLAIN check (the loader checks builtins in tests instead of at every start). */
  skipGuard?: boolean;
}

function notFound(id: string): NotFoundError {
  return new NotFoundError('template.notFound', `没有此查询模板 / No such template: ${id}`, {
    details: { id },
  });
}

function builtinReadOnly(id: string): EngineError {
  return new EngineError(
    'template.builtin',
    `内置模板只读，请另存为新模板后修改 / Built-in templates are read-only; save a copy under a new id to change it: ${id}`,
    { status: 403, details: { id } },
  );
}

function parseJson<T>(text: unknown, fallback: T): T {
  if (typeof text !== 'string') return fallback;
  try {
    return JSON.parse(text) as T;
  } catch {
    return fallback;
  }
}

function fromProps(props: Record<string, unknown>, withHistory: boolean): Template {
  const template: Template = {
    id: String(props.templateId),
    title: String(props.title ?? ''),
    titleEn: (props.titleEn as string | null) ?? null,
    description: String(props.description ?? ''),
    descriptionEn: (props.descriptionEn as string | null) ?? null,
    cypher: String(props.cypher ?? ''),
    params: parseJson<ParamDecl[]>(props.params, []),
    tags: (props.tags as string[] | null) ?? [],
    version: Number(props.version ?? 1),
    author: String(props.author ?? ''),
    createdBy: String(props.createdBy ?? props.author ?? ''),
    createdAt: String(props.createdAt ?? ''),
    updatedAt: String(props.updatedAt ?? ''),
    builtin: props.builtin === true,
    history: withHistory ? parseJson<TemplateVersion[]>(props.history, []) : [],
  };
  return template;
}

function summary(template: Template): TemplateSummary {
  const { history: _history, ...rest } = template;
  return rest;
}

/** Checks a content before it is stored: declarations against the text, then the read-only guard. */
export async function prepareContent(
  store: Store,
  input: ContentInput,
  options: SaveOptions = {},
): Promise<TemplateContent> {
  const params = input.params ?? inferDeclarations(input.cypher);
  checkDeclarations(input.cypher, params);
  if (!options.skipGuard) await checkReadOnly(store, input.cypher);
  return {
    title: input.title,
    titleEn: input.titleEn ?? null,
    description: input.description ?? '',
    descriptionEn: input.descriptionEn ?? null,
    cypher: input.cypher,
    params,
    tags: input.tags ?? [],
  };
}

function changedFields(before: TemplateContent | undefined, after: TemplateContent): string[] {
  if (!before) return [...CONTENT_FIELDS];
  return CONTENT_FIELDS.filter((f) => JSON.stringify(before[f]) !== JSON.stringify(after[f]));
}

function nodeProps(content: TemplateContent, history: TemplateVersion[], extra: Record<string, unknown>) {
  return {
    title: content.title,
    titleEn: content.titleEn,
    description: content.description,
    descriptionEn: content.descriptionEn,
    cypher: content.cypher,
    params: JSON.stringify(content.params),
    tags: content.tags,
    history: JSON.stringify(history),
    ...extra,
  };
}

export async function findTemplate(store: Store, id: string): Promise<Template | null> {
  const [row] = await store.read<{ t: Record<string, unknown> }>(
    'MATCH (t:QueryTemplate {templateId: $id}) RETURN properties(t) AS t',
    { id },
  );
  return row ? fromProps(row.t, true) : null;
}

export async function getTemplate(store: Store, id: string): Promise<Template> {
  const found = await findTemplate(store, id);
  if (!found) throw notFound(id);
  return found;
}

/** Templates without their history, builtins first; `tag` exact, `text` in id, titles or descriptions. */
export async function listTemplates(
  store: Store,
  filter: { tag?: string; text?: string; builtin?: boolean } = {},
): Promise<TemplateSummary[]> {
  const rows = await store.read<{ t: Record<string, unknown> }>(
    `MATCH (t:QueryTemplate)
     WHERE ($tag IS NULL OR $tag IN t.tags)
       AND ($builtin IS NULL OR coalesce(t.builtin, false) = $builtin)
       AND ($text IS NULL OR any(s IN [t.templateId, t.title, t.titleEn, t.description, t.descriptionEn]
             WHERE toLower(coalesce(s, '')) CONTAINS toLower($text)))
     RETURN t {.*, history: null} AS t
     ORDER BY coalesce(t.builtin, false) DESC, t.templateId`,
    { tag: filter.tag ?? null, text: filter.text?.trim() || null, builtin: filter.builtin ?? null },
  );
  return rows.map((row) => summary(fromProps(row.t, false)));
}

/** Creates version 1. The id defaults to a slug of the English title; a taken id answers 409. */
export async function createTemplate(
  store: Store,
  input: ContentInput & { id?: string },
  author: string,
  options: SaveOptions = {},
): Promise<Template> {
  const slug = slugify(input.titleEn ?? '');
  const id = input.id ?? (TEMPLATE_ID.test(slug) ? slug : `tpl_${Date.now().toString(36)}`);
  if (!TEMPLATE_ID.test(id)) {
    throw new InvalidInputError(
      'template.badId',
      `模板编号只能含小写字母、数字、_ 或 -（2–64 个字符）/ A template id is 2–64 lower-case letters, digits, _ or -: ${id}`,
      { details: { field: 'id', id } },
    );
  }
  const content = await prepareContent(store, input, options);
  const at = new Date().toISOString();
  const first: TemplateVersion = {
    ...content,
    version: 1,
    author,
    at,
    note: input.note ?? '创建 / created',
    changed: changedFields(undefined, content),
  };
  const props = nodeProps(content, [first], {
    templateId: id,
    version: 1,
    author,
    createdBy: author,
    builtin: options.builtin === true,
    sourceHash: options.sourceHash ?? null,
  });
  const created = await store.transaction(async (run) => {
    const [taken] = await run('MATCH (t:QueryTemplate {templateId: $id}) RETURN 1 AS x', { id });
    if (taken) return false;
    await run(
      'CREATE (t:QueryTemplate) SET t = $props, t.createdAt = datetime($at), t.updatedAt = datetime($at)',
      {
        props,
        at,
      },
    );
    return true;
  });
  if (!created) {
    throw new EngineError('template.exists', `模板编号已存在 / A template with this id exists: ${id}`, {
      status: 409,
      details: { field: 'id', id },
    });
  }
  return getTemplate(store, id);
}

/** Saves a new version; the previous ones stay in the history. Builtins only through the loader. */
export async function updateTemplate(
  store: Store,
  id: string,
  input: ContentInput & { baseVersion?: number },
  author: string,
  options: SaveOptions = {},
): Promise<Template> {
  const current = await getTemplate(store, id);
  if (current.builtin && !options.builtin) throw builtinReadOnly(id);
  // Fields left out stay as they were; the title and the text always come with a new version.
  const content = await prepareContent(
    store,
    {
      title: input.title,
      cypher: input.cypher,
      titleEn: input.titleEn === undefined ? current.titleEn : input.titleEn,
      description: input.description ?? current.description,
      descriptionEn: input.descriptionEn === undefined ? current.descriptionEn : input.descriptionEn,
      params: input.params ?? current.params,
      tags: input.tags ?? current.tags,
    },
    options,
  );
  await store.transaction(async (run) => {
    const [row] = await run<{ t: Record<string, unknown> }>(
      'MATCH (t:QueryTemplate {templateId: $id}) RETURN properties(t) AS t',
      { id },
    );
    if (!row) throw notFound(id);
    const stored = fromProps(row.t, true);
    if (input.baseVersion !== undefined && input.baseVersion !== stored.version) {
      throw new EngineError(
        'template.versionConflict',
        `模板已被他人修改（当前版本 ${stored.version}）/ The template changed meanwhile (now version ${stored.version})`,
        { status: 409, details: { field: 'baseVersion', version: stored.version } },
      );
    }
    const at = new Date().toISOString();
    const version = stored.version + 1;
    const entry: TemplateVersion = {
      ...content,
      version,
      author,
      at,
      note: input.note ?? '修改 / edited',
      changed: changedFields(stored, content),
    };
    const props = nodeProps(content, [entry, ...stored.history], {
      version,
      author,
      ...(options.sourceHash ? { sourceHash: options.sourceHash } : {}),
    });
    await run('MATCH (t:QueryTemplate {templateId: $id}) SET t += $props, t.updatedAt = datetime($at)', {
      id,
      props,
      at,
    });
  });
  return getTemplate(store, id);
}

export async function deleteTemplate(store: Store, id: string): Promise<void> {
  const current = await getTemplate(store, id);
  if (current.builtin) throw builtinReadOnly(id);
  await store.write('MATCH (t:QueryTemplate {templateId: $id}) DETACH DELETE t', { id });
}

/** The stored hash of a builtin's source file, to know whether the file changed since it was loaded. */
export async function sourceHashOf(store: Store, id: string): Promise<string | null> {
  const [row] = await store.read<{ h: string | null }>(
    'MATCH (t:QueryTemplate {templateId: $id}) RETURN t.sourceHash AS h',
    { id },
  );
  return row?.h ?? null;
}
