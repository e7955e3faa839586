// Plans of uploads not yet ingested: kept beside the uploaded files, visible to their owner, expired after a day.
import { randomBytes } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { TablePlan } from '../../../ingest/layout/types.ts';
import type { Kind } from '../../../ingest/types.ts';
import type { SessionUser } from '../../auth/sessions.ts';
import { httpError } from '../errors.ts';
import type { UploadedFile } from './upload.ts';

export interface StoredPlan {
  planId: string;
  /** Who uploaded it: the only user who sees it. */
  user: string;
  createdAt: string;
  kind?: Kind;
  /** Server-side: where each upload was saved (never sent to clients). */
  files: UploadedFile[];
  tables: TablePlan[];
}

/** An upload folder's plan file: a leading dot, so no uploaded name (safeFileName drops leading dots) can be it. */
const PLAN_FILE = '.plan.json';
const PLAN_ID = /^plan-\d{8}-\d{6}-[0-9a-f]{6}$/;
/** How long an upload waits for its start: a plan is looked at and corrected the same day, or uploaded again. */
export const PLAN_TTL_MS = 24 * 3_600_000;

export function newPlanId(): string {
  const stamp = new Date().toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
  return `plan-${stamp}-${randomBytes(3).toString('hex')}`;
}

export const uploadsDir = (home: string) => join(home, 'uploads');
export const planDir = (home: string, planId: string) => join(uploadsDir(home), planId);

export function savePlan(home: string, plan: StoredPlan): void {
  const file = join(planDir(home, plan.planId), PLAN_FILE);
  writeFileSync(`${file}.tmp`, `${JSON.stringify(plan)}\n`);
  renameSync(`${file}.tmp`, file);
}

function planNotFound(planId: string) {
  return httpError(404, 'ingest.planNotFound', `没有此导入方案：${planId} / No such ingest plan: ${planId}`, {
    planId,
  });
}

/** The user's own plan, else 404 `ingest.planNotFound` (another user's plan is not said to exist). */
export function readPlan(home: string, planId: string, user: SessionUser): StoredPlan {
  // Only ids this server makes are looked up, so a path parameter can never reach outside the uploads folder.
  const file = join(planDir(home, planId), PLAN_FILE);
  if (!PLAN_ID.test(planId) || !existsSync(file)) throw planNotFound(planId);
  let plan: StoredPlan;
  try {
    plan = JSON.parse(readFileSync(file, 'utf8')) as StoredPlan;
  } catch {
    throw planNotFound(planId);
  }
  if (plan.user !== user.username) throw planNotFound(planId);
  if (Date.parse(plan.createdAt) < Date.now() - PLAN_TTL_MS) throw planNotFound(planId);
  return plan;
}

/**
 * Removes plan uploads older than the time-to-live, unless a job still reads them (`busy`). Called when a new
 * plan is made, so the folder never grows with plans nobody started; a started plan's job keeps its own record.
 */
export function expirePlans(home: string, busy: Set<string>, now = Date.now()): number {
  const root = uploadsDir(home);
  if (!existsSync(root)) return 0;
  let removed = 0;
  for (const name of readdirSync(root)) {
    if (!PLAN_ID.test(name)) continue;
    const dir = join(root, name);
    if (busy.has(dir)) continue;
    let created: number;
    try {
      const file = join(dir, PLAN_FILE);
      created = existsSync(file)
        ? Date.parse((JSON.parse(readFileSync(file, 'utf8')) as StoredPlan).createdAt)
        : statSync(dir).mtimeMs;
    } catch {
      created = statSync(dir).mtimeMs;
    }
    if (!(created >= now - PLAN_TTL_MS)) {
      rmSync(dir, { recursive: true, force: true });
      removed += 1;
    }
  }
  return removed;
}
