// Background jobs of the API (ingest uploads, model runs): one at a time in arrival order, with progress, kept on disk.
import { randomBytes } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { SessionUser } from '../../auth/sessions.ts';
import { isEngineError } from '../../errors.ts';
import { isServerFault, redactText, serverFaultMessage } from '../errors.ts';
import { type ApiServices, sharedState } from '../services.ts';

export type JobState = 'queued' | 'running' | 'done' | 'failed';
export type JobKind = 'ingest' | 'detect';

export interface JobFile {
  /** The name the file was saved under (sanitised from the uploaded name). */
  name: string;
  size: number;
  /** Rows read so far (every sheet of a workbook). */
  rows: number;
  done: boolean;
}

export interface Job {
  jobId: string;
  kind: JobKind;
  state: JobState;
  /** Who started it. */
  user: string;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  /** What the job was asked to do (ingest: kind; detect: models, asOf, params). */
  options: Record<string, unknown>;
  files: JobFile[];
  progress: { filesDone: number; files: number; rows: number };
  /** The run summary once done. */
  result: Record<string, unknown> | null;
  /** Why it failed: a stable id and a Chinese/English message. */
  error: { id: string; message: string } | null;
  /** Server-side paths (never sent to clients). */
  internal: { dir?: string; quarantineFile?: string };
}

/** A job as clients see it: no server paths; a queued job says how many jobs are ahead of it. */
export type JobView = Omit<Job, 'internal'> & { position?: number };

/** The work of a job; it updates `job.files`/`job.progress` as it goes and returns the summary. */
export type JobWork = (job: Job) => Promise<Record<string, unknown>>;

const INTERRUPTED = {
  id: 'job.interrupted',
  message:
    '服务重启，任务已中断，请重新提交 / The server restarted and the job was interrupted; submit it again',
};

export function newJobId(): string {
  const stamp = new Date().toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
  return `job-${stamp}-${randomBytes(3).toString('hex')}`;
}

/** Jobs of one app: kept in memory and as one JSON file each, so a restart still lists finished jobs. */
export class JobQueue {
  private readonly jobs = new Map<string, Job>();
  private readonly waiting: { job: Job; work: JobWork }[] = [];
  private current: Promise<void> | null = null;

  constructor(private readonly dir: string) {
    mkdirSync(dir, { recursive: true });
    this.restore();
  }

  create(kind: JobKind, user: SessionUser, jobId = newJobId()): Job {
    return {
      jobId,
      kind,
      state: 'queued',
      user: user.username,
      createdAt: new Date().toISOString(),
      startedAt: null,
      finishedAt: null,
      options: {},
      files: [],
      progress: { filesDone: 0, files: 0, rows: 0 },
      result: null,
      error: null,
      internal: {},
    };
  }

  /** Queues the job; it starts when every job before it has finished. */
  enqueue(job: Job, work: JobWork): void {
    this.jobs.set(job.jobId, job);
    this.save(job);
    this.waiting.push({ job, work });
    this.current ??= this.drain();
  }

  get(jobId: string): Job | undefined {
    return this.jobs.get(jobId);
  }

  /** Newest first. */
  list(): Job[] {
    return [...this.jobs.values()].sort((a, b) =>
      a.createdAt === b.createdAt ? (a.jobId < b.jobId ? 1 : -1) : a.createdAt < b.createdAt ? 1 : -1,
    );
  }

  view(job: Job): JobView {
    const { internal: _internal, ...rest } = job;
    const ahead = this.waiting.findIndex((w) => w.job === job);
    return job.state === 'queued' && ahead >= 0
      ? { ...rest, position: ahead + (this.current ? 1 : 0) }
      : rest;
  }

  /** Resolves when no job is queued or running. */
  async idle(): Promise<void> {
    while (this.current) await this.current;
  }

  private async drain(): Promise<void> {
    for (let next = this.waiting.shift(); next; next = this.waiting.shift()) {
      const { job, work } = next;
      job.state = 'running';
      job.startedAt = new Date().toISOString();
      this.save(job);
      try {
        job.result = await work(job);
        job.state = 'done';
      } catch (error) {
        job.state = 'failed';
        job.error = jobError(job.jobId, error);
      }
      job.finishedAt = new Date().toISOString();
      this.save(job);
    }
    this.current = null;
  }

  private save(job: Job): void {
    try {
      const file = join(this.dir, `${job.jobId}.json`);
      writeFileSync(`${file}.tmp`, `${JSON.stringify(job, null, 2)}\n`);
      renameSync(`${file}.tmp`, file);
    } catch (error) {
      // The job itself goes on; only its record after a restart is at stake.
      process.stderr.write(`[qingfeng] could not save job ${job.jobId}: ${String(error)}\n`);
    }
  }

  /** Jobs of earlier runs of the server; those it was still working on are marked interrupted. */
  private restore(): void {
    for (const name of readdirSync(this.dir)) {
      if (!/^job-[\w-]+\.json$/.test(name)) continue;
      try {
        const job = JSON.parse(readFileSync(join(this.dir, name), 'utf8')) as Job;
        if (job.state === 'queued' || job.state === 'running') {
          job.state = 'failed';
          job.error = INTERRUPTED;
          job.finishedAt = new Date().toISOString();
          this.save(job);
        }
        this.jobs.set(job.jobId, job);
      } catch {
        // A torn or foreign file: not a job we can show.
      }
    }
  }
}

/** Why a job failed, as its owner may see it: a fault's own words (Neo4j's, paths) stay in the server log. */
function jobError(jobId: string, error: unknown): { id: string; message: string } {
  if (isEngineError(error) && !isServerFault(error))
    return { id: error.id, message: redactText(error.message) };
  process.stderr.write(
    `[qingfeng] job ${jobId} failed: ${error instanceof Error ? error.stack : String(error)}\n`,
  );
  if (isEngineError(error)) return { id: error.id, message: serverFaultMessage(error.status) };
  return { id: 'job.failed', message: '任务失败 / The job failed' };
}

/** The app's one job queue (ingest uploads and model runs share it: both write to the store). */
export function jobQueue(services: ApiServices): JobQueue {
  return sharedState(services, 'jobs', () => new JobQueue(join(services.settings.home, 'jobs')));
}

/** Who may see a job: the user who started it, or an administrator. */
export function canSeeJob(job: Job, user: SessionUser): boolean {
  return job.user === user.username || user.role === 'admin';
}
