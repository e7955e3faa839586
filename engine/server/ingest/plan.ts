// /api/ingest/plan: upload files and see how each table would be read; then start the ingest, with corrections.
import { rmSync } from 'node:fs';
import { basename, extname } from 'node:path';
import { z } from 'zod';
import { planFiles, profileFromPlan } from '../../../ingest/layout/plan.ts';
import type { TablePlan } from '../../../ingest/layout/types.ts';
import { familyOf } from '../../../ingest/profiles/families.ts';
import { Profile, type ProfileSpec, shippedProfiles } from '../../../ingest/profiles/profile.ts';
import { loadSavedProfiles, saveProfile } from '../../../ingest/profiles/store.ts';
import { KINDS } from '../../../ingest/types.ts';
import type { SessionUser } from '../../auth/sessions.ts';
import { httpError } from '../errors.ts';
import { text } from '../fields.ts';
import { defineRoute } from '../route.ts';
import { jobQueue, newJobId } from './jobs.ts';
import { expirePlans, newPlanId, planDir, readPlan, savePlan } from './plans.ts';
import { receiveUpload, UploadForm, uploadKind } from './upload.ts';
import { enqueueIngest, uploadRelative } from './work.ts';

const PlanParams = z.object({ planId: text(100) });

const Correction = z
  .object({
    file: text(300).describe('The file as the plan names it (its upload name)'),
    sheet: text(300).optional().describe('The sheet of a workbook; absent: every table of the file'),
    kind: z.enum(KINDS).optional().describe('The kind the table is, when the plan got it wrong'),
    columns: z
      .record(text(300), z.string().min(1).max(100).nullable())
      .optional()
      .describe('Header → canonical field (null: do not read that column)'),
  })
  .strict();

const StartBody = z
  .object({
    corrections: z.array(Correction).max(500).optional(),
    save: z
      .boolean()
      .optional()
      .describe('Also save each correction as a profile, reused for the same headers'),
  })
  .strict();

type CorrectionInput = z.infer<typeof Correction>;

function badCorrection(id: string, message: string, index: number, details: Record<string, unknown>) {
  return httpError(400, id, message, { field: `body.corrections.${index}`, ...details });
}

/** The tables a correction names, and its fields checked against the kind: else 400 with a stable id. */
function correctedTables(plan: TablePlan[], c: CorrectionInput, index: number): TablePlan[] {
  const tables = plan.filter((t) => t.file === c.file && (c.sheet === undefined || t.sheet === c.sheet));
  if (!tables.length)
    throw badCorrection(
      'ingest.planUnknownFile',
      `方案中没有此文件：${c.file}${c.sheet ? ` [${c.sheet}]` : ''} / The plan has no such file or sheet`,
      index,
      { file: c.file, sheet: c.sheet ?? null },
    );
  for (const table of tables) {
    const kind = c.kind ?? table.kind;
    if (!kind)
      throw badCorrection(
        'ingest.planNoKind',
        `${c.file}：未识别类型，请在更正中给出 kind / The table's kind was not recognised; give one`,
        index,
        { file: c.file },
      );
    const headers = new Set(table.columns.map((col) => col.header));
    const known = Object.keys(familyOf(kind).fields);
    for (const [header, field] of Object.entries(c.columns ?? {})) {
      if (!headers.has(header))
        throw badCorrection(
          'ingest.planUnknownHeader',
          `${c.file} 没有列「${header}」/ ${c.file} has no column "${header}"`,
          index,
          { file: c.file, header, headers: [...headers] },
        );
      if (field !== null && !known.includes(field))
        throw badCorrection(
          'ingest.planUnknownField',
          `类型 ${kind} 没有字段 ${field} / Kind ${kind} has no field ${field}`,
          index,
          { header, value: field, kind, known },
        );
    }
  }
  return tables;
}

/**
 * A correction's columns and, when it changes the kind, the plan's columns whose field the new kind also has
 * (姓名 stays `name`): an analyst who says "this is a death register" need not map every column again.
 */
function correctedColumns(table: TablePlan, c: CorrectionInput): Record<string, string | null> | undefined {
  if (!c.kind || c.kind === table.kind) return c.columns;
  const fields = familyOf(c.kind).fields;
  const given = c.columns ?? {};
  const columns: Record<string, string | null> = { ...given };
  const taken = new Set(Object.values(given));
  for (const column of table.columns) {
    const field = column.field;
    if (!field || column.header in given || !(field in fields) || taken.has(field)) continue;
    columns[column.header] = field;
    taken.add(field);
  }
  return columns;
}

const tableKey = (file: string, sheet?: string) => `${file}\u0000${sheet ?? ''}`;

/**
 * The profiles a plan is started with: one per table that can be mapped, reproducing what the plan showed (with
 * the correction applied), so the job reads each table as the analyst saw it even if saved profiles change in
 * between. With `save`, corrections are also saved under the analyst's name, matched by header fingerprint, so
 * the next file with the same headers is read the same way.
 */
function startProfiles(
  home: string,
  tables: TablePlan[],
  corrections: CorrectionInput[],
  user: SessionUser,
  save: boolean,
): { byTable: Map<string, Profile>; saved: string[] } {
  const corrected = new Map<TablePlan, CorrectionInput>();
  corrections.forEach((c, i) => {
    for (const table of correctedTables(tables, c, i)) corrected.set(table, c);
  });
  const byTable = new Map<string, Profile>();
  const specs: ProfileSpec[] = [];
  for (const table of tables) {
    const correction = corrected.get(table);
    if (!correction && (table.refused || !table.kind)) continue;
    const stem = basename(table.file, extname(table.file));
    const spec = profileFromPlan(
      table,
      correction ? { kind: correction.kind, columns: correctedColumns(table, correction) } : undefined,
      table.sheet ? `${stem}-${table.sheet}` : stem,
    );
    byTable.set(tableKey(table.file, table.sheet), new Profile(spec, `plan:${table.file}`));
    if (correction) specs.push(spec);
  }
  // Saved only once every correction proved valid: a refused start leaves no half-saved profiles.
  const saved = save ? specs.map((spec) => saveProfile(home, spec, user.username)) : [];
  return { byTable, saved };
}

export const planRoutes = [
  defineRoute(
    {
      method: 'post',
      path: '/ingest/plan',
      tag: 'ingest',
      summary:
        'Upload files (multipart/form-data, field `files`, optional `kind`) and see how each table would be read, loading nothing',
      access: 'ingest.run',
      multipart: UploadForm,
      audit: 'ingest.plan',
      responses: {
        400: 'No files, an unsupported file type or an unknown kind',
        413: 'The upload exceeds the size limit',
      },
    },
    async ({ services, req, user, audit }) => {
      const home = services.settings.home;
      const busy = new Set(
        jobQueue(services)
          .list()
          .filter((j) => j.state === 'queued' || j.state === 'running')
          .map((j) => j.internal.dir ?? ''),
      );
      expirePlans(home, busy);
      const planId = newPlanId();
      audit.target = planId;
      const seen: { name: string; size: number }[] = [];
      audit.params = { files: seen };
      const dir = planDir(home, planId);
      const upload = await receiveUpload(req, dir, services.settings.uploadLimitMb, seen);
      try {
        const kind = uploadKind(upload);
        const nameOf = (path: string) => upload.files.find((f) => f.path === path)?.name ?? basename(path);
        const tables = uploadRelative(
          await planFiles(
            upload.files.map((f) => f.path),
            {
              ...(kind ? { kind } : {}),
              // Saved corrections first: an analyst's reading of a layout wins over a shipped one.
              profiles: [...loadSavedProfiles(home), ...shippedProfiles()],
              limits: services.settings.ingestLimits,
              displayName: nameOf,
            },
          ),
          dir,
        );
        savePlan(home, {
          planId,
          user: user.username,
          createdAt: new Date().toISOString(),
          ...(kind ? { kind } : {}),
          files: upload.files,
          tables,
        });
        audit.rows = tables.length;
        return { planId, tables };
      } catch (error) {
        rmSync(dir, { recursive: true, force: true });
        throw error;
      }
    },
  ),
  defineRoute(
    {
      method: 'post',
      path: '/ingest/plan/:planId/start',
      tag: 'ingest',
      summary:
        'Ingest a planned upload as a background job, with corrections of kinds and column fields (optionally saved as profiles)',
      access: 'ingest.run',
      params: PlanParams,
      body: StartBody,
      audit: 'ingest.planStart',
      status: 202,
      responses: {
        400: 'A correction names a file, sheet or column the plan lacks, or a field the kind lacks',
        404: 'No such plan (or not yours, or expired): `ingest.planNotFound`',
      },
    },
    ({ services, user, params, body, audit }) => {
      const home = services.settings.home;
      const plan = readPlan(home, params.planId, user);
      audit.target = plan.planId;
      const corrections = body.corrections ?? [];
      const { byTable, saved } = startProfiles(home, plan.tables, corrections, user, body.save === true);
      audit.params = { corrections: corrections.length, save: body.save === true, saved };
      const job = enqueueIngest(services, user, newJobId(), planDir(home, plan.planId), plan.files, {
        tableProfiles: (name, sheet) => byTable.get(tableKey(name, sheet)),
        jobOptions: {
          planId: plan.planId,
          ...(plan.kind ? { kind: plan.kind } : {}),
          ...(saved.length ? { savedProfiles: saved } : {}),
        },
      });
      return { job };
    },
  ),
];
