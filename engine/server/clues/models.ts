// /api/models: the supervision models with their parameters, and re-running them as a background job.
import { z } from 'zod';
import { resolveAsOf, resolveParams } from '../../detect/params.ts';
import { listModels, modelDefinition, runModels } from '../../detect/run.ts';
import { DEFAULT_MODEL_IDS, MODEL_IDS } from '../../detect/types.ts';
import { dateString } from '../fields.ts';
import { jobQueue } from '../ingest/jobs.ts';
import { defineRoute } from '../route.ts';
import { clueLists } from './lists.ts';

const ModelRunBody = z.object({
  /** Default: the twelve models of the default set. */
  models: z.array(z.enum(MODEL_IDS)).min(1).max(MODEL_IDS.length).optional(),
  /** YYYY-MM-DD; default: the latest transfer or payment date in the store. */
  asOf: dateString().optional(),
  /** Per-model parameter overrides: `{ split_payments: { windowDays: 10 } }`, checked by the engine. */
  params: z.record(z.string(), z.record(z.string(), z.unknown())).optional(),
});

export const modelRoutes = [
  defineRoute(
    {
      method: 'get',
      path: '/models',
      tag: 'clues',
      summary: 'The supervision models: Chinese/English titles and descriptions, default parameters',
      access: 'clues.read',
    },
    () => ({ models: listModels() }),
  ),
  defineRoute(
    {
      method: 'post',
      path: '/models/run',
      tag: 'clues',
      summary:
        'Re-run supervision models as a background job (follow it at /ingest/jobs/{id}); existing clues keep their status',
      access: 'ingest.run',
      body: ModelRunBody,
      audit: 'models.run',
      status: 202,
      responses: { 400: 'Unknown model, bad parameter or bad as-of date' },
    },
    ({ body, services, user, audit }) => {
      // Checked now, so a mistake is answered at once rather than in a failed job.
      const models = body.models ?? [...DEFAULT_MODEL_IDS];
      resolveParams(models.map(modelDefinition), body.params);
      if (body.asOf) resolveAsOf(body.asOf);
      const queue = jobQueue(services);
      const job = queue.create('detect', user);
      audit.target = job.jobId;
      job.options = {
        models,
        ...(body.asOf ? { asOf: body.asOf } : {}),
        ...(body.params ? { params: body.params } : {}),
      };
      queue.enqueue(job, async () => {
        const result = await runModels(services.store(), {
          models,
          ...(body.asOf ? { asOf: body.asOf } : {}),
          ...(body.params ? { params: body.params } : {}),
          user: user.username,
        });
        clueLists(services).forget();
        return {
          asOf: result.asOf,
          clues: result.clues.length,
          models: result.models,
          saveMs: result.saveMs,
          totalMs: result.totalMs,
        };
      });
      return { job: queue.view(job) };
    },
  ),
];
