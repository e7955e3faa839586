// /api/templates and /api/cypher: saved read-only Cypher templates with versions, their runs, and ad-hoc Cypher.
import { z } from 'zod';
import {
  checkRevealingUse,
  createTemplate,
  cutDatesWhenBirthRead,
  deleteTemplate,
  ensureBuiltinTemplates,
  getTemplate,
  listTemplates,
  MAX_CYPHER,
  runAdHoc,
  runLimits,
  runTemplate,
  TEMPLATE_ID,
  TemplateInput,
  TemplateUpdate,
  updateTemplate,
} from '../../../queries/index.ts';
import { queryBool } from '../fields.ts';
import { defineRoute } from '../route.ts';
import type { ApiServices } from '../services.ts';

const TemplateIdParam = z.object({
  id: z.string().regex(TEMPLATE_ID, 'a template id: lower-case letters, digits, _ or -'),
});

const TemplateListQuery = z.object({
  tag: z.string().trim().min(1).max(40).optional().describe('Only templates with this tag'),
  text: z.string().trim().min(1).max(200).optional().describe('Text in the id, titles or descriptions'),
  builtin: queryBool().describe('Only builtins (true) or only saved ones (false)'),
});

const limit = z
  .number()
  .int()
  .min(1)
  .max(1_000_000)
  .optional()
  .describe('Most rows returned; never above the server setting queryRowLimit');

const RunBody = z
  .object({
    params: z
      .record(z.string(), z.unknown())
      .default({})
      .describe('Values by parameter name; checked against the declared types'),
    limit,
  })
  .strict();

const CypherBody = z
  .object({
    cypher: z.string().trim().min(1).max(MAX_CYPHER).describe('One read-only Cypher statement'),
    params: z
      .record(z.string(), z.unknown())
      .default({})
      .describe('Values bound as $parameters (whole numbers bind as integers); never spliced into the text'),
    limit,
  })
  .strict();

const LIBRARY = 'templates.builtins';

/**
 * The builtin library is loaded into the store once per app, on the first template request (the server may
 * also call ensureBuiltinTemplates at start). A failed load (store down) is retried by the next request.
 */
async function builtinsLoaded(services: ApiServices): Promise<void> {
  let loading = services.shared.get(LIBRARY) as Promise<unknown> | undefined;
  if (!loading) {
    loading = ensureBuiltinTemplates(services.store());
    services.shared.set(LIBRARY, loading);
    loading.catch(() => services.shared.delete(LIBRARY));
  }
  await loading;
}

const RUN_ANSWERS = {
  403: 'Not allowed, the text is not one read-only query (`query.writeRefused`), or it reads beyond the investigated graph (`query.refused`)',
  504: 'The query ran past the timeout (`query.timeout`)',
  422: 'The answer passed queryAnswerMb (`query.tooLarge`) or Neo4j stopped the query for memory (`query.tooMuchMemory`)',
  429: 'Every query connection is busy (`query.busy`); try again shortly',
};

export const templateRoutes = [
  defineRoute(
    {
      method: 'get',
      path: '/templates',
      tag: 'templates',
      summary: 'List query templates (builtins first), filtered by tag or text',
      access: 'templates.read',
      query: TemplateListQuery,
    },
    async ({ query, services, store }) => {
      await builtinsLoaded(services);
      return { templates: await listTemplates(store(), query) };
    },
  ),
  defineRoute(
    {
      method: 'get',
      path: '/templates/:id',
      tag: 'templates',
      summary: 'One template with its parameters and full version history (newest first)',
      access: 'templates.read',
      params: TemplateIdParam,
      responses: { 404: 'No such template' },
    },
    async ({ params, services, store }) => {
      await builtinsLoaded(services);
      return { template: await getTemplate(store(), params.id) };
    },
  ),
  defineRoute(
    {
      method: 'post',
      path: '/templates',
      tag: 'templates',
      summary:
        'Save a template (also saves ad-hoc Cypher in one call); without `params`, each $name becomes a required string',
      access: 'templates.write',
      body: TemplateInput,
      status: 201,
      audit: 'template.create',
      responses: {
        403: 'Not allowed, the text writes (`query.writeRefused`), or it reads beyond the investigated graph (`query.refused`)',
        409: 'Id taken',
      },
    },
    async ({ body, user, services, store, audit }) => {
      await builtinsLoaded(services);
      const template = await createTemplate(store(), body, user.username);
      audit.target = template.id;
      return { template };
    },
  ),
  defineRoute(
    {
      method: 'put',
      path: '/templates/:id',
      tag: 'templates',
      summary: 'Save a new version of a template; the old one stays in the history. Builtins are read-only',
      access: 'templates.write',
      params: TemplateIdParam,
      body: TemplateUpdate,
      audit: 'template.update',
      responses: {
        403: 'Not allowed, a builtin (`template.builtin`), or the text writes',
        404: 'No such template',
        409: 'Changed since baseVersion',
      },
    },
    async ({ params, body, user, services, store, audit }) => {
      await builtinsLoaded(services);
      audit.target = params.id;
      return { template: await updateTemplate(store(), params.id, body, user.username) };
    },
  ),
  defineRoute(
    {
      method: 'delete',
      path: '/templates/:id',
      tag: 'templates',
      summary: 'Delete a saved template with its history (builtins cannot be deleted)',
      access: 'templates.write',
      params: TemplateIdParam,
      audit: 'template.delete',
      responses: { 403: 'Not allowed, or a builtin (`template.builtin`)', 404: 'No such template' },
    },
    async ({ params, services, store, audit }) => {
      await builtinsLoaded(services);
      audit.target = params.id;
      await deleteTemplate(store(), params.id);
      return { deleted: params.id };
    },
  ),
  defineRoute(
    {
      method: 'post',
      path: '/templates/:id/run',
      tag: 'templates',
      summary:
        'Run a template read-only: parameters checked by type, EXPLAIN guard, READ transaction with timeout and row limit',
      access: 'templates.run',
      params: TemplateIdParam,
      body: RunBody,
      audit: 'template.run',
      responses: { ...RUN_ANSWERS, 404: 'No such template' },
    },
    async ({ params, body, services, store, audit, user }) => {
      await builtinsLoaded(services);
      audit.target = params.id;
      const limits = runLimits(services.settings, body);
      const template = await getTemplate(store(), params.id);
      // Without clearance, what a template computes from ID numbers or birth dates is refused or cut to the year.
      const reveals = user.clearance ? [] : checkRevealingUse(template.cypher);
      const run = cutDatesWhenBirthRead(await runTemplate(store(), template, body.params, limits), reveals);
      audit.params = {
        template: run.template.id,
        version: run.template.version,
        params: run.params,
        limit: run.limit,
      };
      audit.rows = run.rows.length;
      return run;
    },
  ),
  defineRoute(
    {
      method: 'post',
      path: '/cypher',
      tag: 'templates',
      summary: 'Run ad-hoc Cypher under the same read-only guard, timeout and row limit as templates',
      access: 'cypher.run',
      body: CypherBody,
      audit: 'cypher.run',
      responses: RUN_ANSWERS,
    },
    async ({ body, services, store, audit, user }) => {
      const reveals = user.clearance ? [] : checkRevealingUse(body.cypher);
      const answer = cutDatesWhenBirthRead(
        await runAdHoc(store(), body.cypher, body.params, runLimits(services.settings, body)),
        reveals,
      );
      audit.rows = answer.rows.length;
      return answer;
    },
  ),
];
