// /api/cases: list, assignable users, open (also from a clue), read, update, history, the report (HTML or PDF).

import type { SessionUser } from '../../auth/sessions.ts';
import { caseFor, leadOnly, leadsCase } from '../../cases/access.ts';
import { type CaseActor, type CaseDetail, type CaseRecord, caseMoves } from '../../cases/model.ts';
import { createCase } from '../../cases/open.ts';
import { generateReport } from '../../cases/report/index.ts';
import { getCaseDetail, getCaseHistory, listCases, updateCase } from '../../cases/store.ts';
import { assignableUsers } from '../../cases/users.ts';
import { defineRoute } from '../route.ts';
import { CaseListQuery, CaseParams, CreateCaseBody, ReportQuery, UpdateCaseBody } from './schema.ts';
import { caseWorkRoutes } from './work.ts';

const actorOf = (user: SessionUser): CaseActor => ({ username: user.username, role: user.role });

/** The case with the statuses it may move to next (from CASE_TRANSITIONS: the viewer keeps no copy). */
const withMoves = (record: CaseRecord) => ({ ...record, moves: caseMoves(record.status) });
const detailWithMoves = (detail: CaseDetail) => ({ ...detail, case: withMoves(detail.case) });

const NOT_YOURS = { 403: 'Not a member of the case (case.forbidden)', 404: 'No such case (case.notFound)' };

export const caseRoutes = [
  // Before /cases/:id, which would take "assignable" for a case number.
  defineRoute(
    {
      method: 'get',
      path: '/cases/assignable',
      tag: 'cases',
      summary: 'Enabled users whose role may work on cases: whom a lead can name lead or put on the team',
      access: 'cases.own',
      audit: 'case.assignable',
    },
    async ({ store, audit }) => {
      const users = await assignableUsers(store());
      audit.rows = users.length;
      return { users };
    },
  ),
  defineRoute(
    {
      method: 'get',
      path: '/cases',
      tag: 'cases',
      summary: 'Cases the user may see (members: their own; analysts and admins: all), newest change first',
      access: 'cases.own',
      query: CaseListQuery,
      audit: 'case.list',
    },
    async ({ query, store, user, audit }) => {
      const answer = await listCases(store(), actorOf(user), {
        ...(query.status ? { status: query.status } : {}),
        ...(query.member ? { member: query.member } : {}),
        ...(query.text ? { text: query.text } : {}),
        limit: query.limit ?? 50,
        offset: query.offset ?? 0,
      });
      audit.rows = answer.cases.length;
      return answer;
    },
  ),
  defineRoute(
    {
      method: 'post',
      path: '/cases',
      tag: 'cases',
      summary: 'Open a case (number QF-YYYY-NNNN); with fromClue, the clue and its subjects come along',
      access: 'cases.own',
      body: CreateCaseBody,
      audit: 'case.create',
      status: 201,
      responses: {
        400: 'Bad title, team, subject or clue reference',
        404: 'A subject or clue does not exist (entity.notFound, clue.notFound)',
      },
    },
    async ({ body, store, user, audit }) => {
      const detail = await createCase(store(), actorOf(user), {
        ...(body.title ? { title: body.title } : {}),
        ...(body.lead ? { lead: body.lead } : {}),
        ...(body.members ? { members: body.members } : {}),
        ...(body.subjects ? { subjects: body.subjects } : {}),
        ...(body.clues ? { clues: body.clues } : {}),
        ...(body.fromClue ? { fromClue: body.fromClue } : {}),
      });
      audit.target = detail.case.caseId;
      audit.rows = 1;
      return detailWithMoves(detail);
    },
  ),
  defineRoute(
    {
      method: 'get',
      path: '/cases/:id',
      tag: 'cases',
      summary: 'One case with its subjects, clues, notes and saved views (without their state)',
      access: 'cases.own',
      params: CaseParams,
      audit: 'case.read',
      responses: NOT_YOURS,
    },
    async ({ params, store, user, audit }) => {
      await caseFor(store(), actorOf(user), params.id);
      const detail = await getCaseDetail(store(), params.id);
      audit.rows = detail.subjects.length;
      return detailWithMoves(detail);
    },
  ),
  defineRoute(
    {
      method: 'patch',
      path: '/cases/:id',
      tag: 'cases',
      summary: 'Change title, status (初核 → 立案审查 → 办结, comment to close or reopen), lead or team',
      access: 'cases.own',
      params: CaseParams,
      body: UpdateCaseBody,
      audit: 'case.update',
      responses: {
        ...NOT_YOURS,
        400: 'Unknown status, a move not allowed (case.badTransition), missing comment, unknown user',
        409: 'Changed meanwhile by someone else (case.conflict)',
      },
    },
    async ({ params, body, store, user, audit }) => {
      const actor = actorOf(user);
      const current = await caseFor(store(), actor, params.id);
      if ((body.lead !== undefined || body.members !== undefined) && !leadsCase(actor, current))
        throw leadOnly(params.id);
      const updated = await updateCase(store(), actor, current, {
        ...(body.title !== undefined ? { title: body.title } : {}),
        ...(body.status !== undefined ? { status: body.status } : {}),
        ...(body.comment !== undefined ? { comment: body.comment } : {}),
        ...(body.lead !== undefined ? { lead: body.lead } : {}),
        ...(body.members !== undefined ? { members: body.members } : {}),
      });
      audit.params = { ...body, from: current.status, to: updated.status };
      audit.rows = 1;
      return { case: withMoves(updated) };
    },
  ),
  defineRoute(
    {
      method: 'get',
      path: '/cases/:id/history',
      tag: 'cases',
      summary: 'Every change of the case, oldest first: who, when, what',
      access: 'cases.own',
      params: CaseParams,
      audit: 'case.history',
      responses: NOT_YOURS,
    },
    async ({ params, store, user, audit }) => {
      await caseFor(store(), actorOf(user), params.id);
      const history = await getCaseHistory(store(), params.id);
      audit.rows = history.length;
      return { caseId: params.id, history };
    },
  ),
  defineRoute(
    {
      method: 'get',
      path: '/cases/:id/report',
      tag: 'cases',
      summary:
        'The case report as a download: self-contained HTML or A4 PDF (ID numbers masked without clearance)',
      access: 'export',
      params: CaseParams,
      query: ReportQuery,
      audit: 'export.report',
      responses: { ...NOT_YOURS, 500: 'Chromium missing for PDF (report.noChromium)' },
    },
    async ({ params, query, store, user, audit, res, services }) => {
      await caseFor(store(), actorOf(user), params.id);
      // The appendix reads the audit log: what was queued a moment ago belongs in it, every time alike.
      await services.audit.flush();
      const report = await generateReport(store(), params.id, {
        format: query.format,
        lang: query.lang,
        mask: !user.clearance,
      });
      audit.params = {
        format: query.format,
        lang: query.lang,
        masked: !user.clearance,
        bytes: report.body.length,
      };
      audit.rows = report.model.subjects.length;
      res.setHeader('Content-Type', report.contentType);
      res.setHeader('Content-Disposition', `attachment; filename="${report.fileName}"`);
      res.setHeader('Cache-Control', 'no-store');
      res.status(200).send(report.body);
      return undefined;
    },
  ),
  ...caseWorkRoutes,
];
