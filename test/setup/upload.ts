// Test helpers for upload routes: a multipart POST of named files as a role, and waiting for a job to end.
import type { TestApi } from './api.ts';

// biome-ignore lint/suspicious/noExplicitAny: tests read answers field by field
export type Answer = { status: number; body: any };

/** POSTs `files` (and form `fields`) as multipart/form-data to `/api<path>` with the role's token. */
export async function postFiles(
  api: TestApi,
  path: string,
  token: string,
  files: { name: string; content: Uint8Array<ArrayBuffer> | string }[],
  fields: Record<string, string> = {},
): Promise<Answer> {
  const form = new FormData();
  for (const [name, value] of Object.entries(fields)) form.append(name, value);
  for (const f of files) form.append('files', new Blob([f.content]), f.name);
  const bearer = api.tokens[token as keyof TestApi['tokens']] ?? token;
  const res = await fetch(`${api.base}/api${path}`, {
    method: 'POST',
    headers: token ? { authorization: `Bearer ${bearer}` } : {},
    body: form,
  });
  return { status: res.status, body: await res.json() };
}

/** Polls a job until it is done or failed (60 s at most). */
// biome-ignore lint/suspicious/noExplicitAny: tests read answers field by field
export async function finishedJob(api: TestApi, jobId: string, token = 'analyst'): Promise<any> {
  for (let i = 0; i < 600; i += 1) {
    const res = await api.call('get', `/ingest/jobs/${jobId}`, { token });
    if (['done', 'failed'].includes(res.body.job?.state)) return res.body.job;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`job ${jobId} did not finish`);
}
