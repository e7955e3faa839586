// /api/ingest: upload files (multipart) to ingest as a background job; list jobs, follow one, read its quarantine.
import { rmSync } from 'node:fs';
import { basename, join } from 'node:path';
import { z } from 'zod';
import type { Kind } from '../../../ingest/types.ts';
import { httpError } from '../errors.ts';
import { idParam, paging } from '../fields.ts';
import { defineRoute } from '../route.ts';
import type { ApiServices } from '../services.ts';
import { canSeeJob, type Job, jobQueue, newJobId } from './jobs.ts';
import { receiveUpload, UploadForm, uploadKind } from './upload.ts';
import { enqueueIngest, readQuarantine } from './work.ts';

const JobListQuery = z.object({
  kind: z.enum(['ingest', 'detect']).optional(),
  state: z.enum(['queued', 'running', 'done', 'failed']).optional(),
  ...paging(200, 50),
});

const QuarantineQuery = z.object({
  disposition: z.enum(['quarantined', 'warning', 'refused', 'skipped']).optional(),
  ...paging(1000, 100),
});

/** A job the user may see, else 404 (a job of someone else is not said to exist). */
function visibleJob(services: ApiServices, id: string, user: Parameters<typeof canSeeJob>[1]): Job {
  const job = jobQueue(services).get(id);
  if (!job || !canSeeJob(job, user))
    throw httpError(404, 'ingest.jobNotFound', `没有此任务：${id} / No such job: ${id}`, { jobId: id });
  return job;
}

export const ingestRoutes = [
  defineRoute(
    {
      method: 'post',
      path: '/ingest',
      tag: 'ingest',
      summary:
        'Upload files (multipart/form-data, field `files`, optional `kind`) and ingest them as a background job',
      access: 'ingest.run',
      multipart: UploadForm,
      audit: 'ingest.upload',
      status: 202,
      responses: {
        400: 'No files, an unsupported file type or an unknown kind',
        413: 'The upload exceeds the size limit',
      },
    },
    async ({ services, req, user, audit }) => {
      const jobId = newJobId();
      audit.target = jobId;
      const seen: { name: string; size: number }[] = [];
      audit.params = { files: seen };
      const dir = join(services.settings.home, 'uploads', jobId);
      const upload = await receiveUpload(req, dir, services.settings.uploadLimitMb, seen);
      // The kind asked for is audited as sent, also when it is refused.
      if (upload.fields.kind?.trim()) audit.params = { files: seen, kind: upload.fields.kind.trim() };
      let kind: Kind | undefined;
      try {
        kind = uploadKind(upload);
      } catch (error) {
        rmSync(dir, { recursive: true, force: true });
        throw error;
      }
      return {
        job: enqueueIngest(services, user, jobId, dir, upload.files, kind ? { kind } : {}),
      };
    },
  ),
  defineRoute(
    {
      method: 'get',
      path: '/ingest/jobs',
      tag: 'ingest',
      summary:
        'Background jobs (ingest uploads and model runs) the user started, or all for an admin; newest first',
      access: 'ingest.run',
      query: JobListQuery,
    },
    ({ services, user, query }) => {
      const queue = jobQueue(services);
      const jobs = queue
        .list()
        .filter((j) => canSeeJob(j, user))
        .filter((j) => (!query.kind || j.kind === query.kind) && (!query.state || j.state === query.state));
      const offset = query.offset ?? 0;
      return {
        total: jobs.length,
        jobs: jobs.slice(offset, offset + (query.limit ?? 50)).map((j) => queue.view(j)),
      };
    },
  ),
  defineRoute(
    {
      method: 'get',
      path: '/ingest/jobs/:id',
      tag: 'ingest',
      summary: 'One job: state, progress per file, and its summary once done',
      access: 'ingest.run',
      params: idParam,
      responses: { 404: 'No such job (or not yours)' },
    },
    ({ services, user, params }) => ({
      job: jobQueue(services).view(visibleJob(services, params.id, user)),
    }),
  ),
  defineRoute(
    {
      method: 'get',
      path: '/ingest/jobs/:id/quarantine',
      tag: 'ingest',
      summary:
        "A page of an ingest job's quarantine report: file, row, field and reason of every row not loaded",
      access: 'ingest.run',
      params: idParam,
      query: QuarantineQuery,
      audit: 'ingest.quarantine',
      responses: { 404: 'No such job (or not yours)', 409: 'The job has not finished' },
    },
    async ({ services, user, params, query, audit }) => {
      const job = visibleJob(services, params.id, user);
      audit.target = job.jobId;
      if (job.state === 'queued' || job.state === 'running')
        throw httpError(409, 'ingest.jobNotFinished', '任务尚未结束 / The job has not finished', {
          state: job.state,
        });
      const file = job.internal.quarantineFile;
      const page = file
        ? await readQuarantine(
            file,
            { limit: query.limit ?? 100, offset: query.offset ?? 0, disposition: query.disposition },
            (path) => basename(path),
            job.internal.dir,
          )
        : { total: 0, entries: [] };
      audit.rows = page.entries.length;
      return { jobId: job.jobId, ...page };
    },
  ),
];
