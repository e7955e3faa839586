// /api/cases/:id/… : subjects, attached clues, notes and saved graph views of one case (members and analysts only).

import type { SessionUser } from '../../auth/sessions.ts';
import { caseFor } from '../../cases/access.ts';
import { addSubjects, attachClues, detachClue, removeSubject } from '../../cases/links.ts';
import type { CaseActor } from '../../cases/model.ts';
import { addNote, editNote } from '../../cases/notes.ts';
import { getCaseDetail } from '../../cases/store.ts';
import { deleteView, getView, listViews, saveView, viewBytes } from '../../cases/views.ts';
import { httpError } from '../errors.ts';
import { defineRoute } from '../route.ts';
import {
  CaseParams,
  ClueParams,
  CluesBody,
  NoteBody,
  NoteParams,
  SubjectParams,
  SubjectsBody,
  ViewBody,
  ViewParams,
  ViewState,
} from './schema.ts';

const actorOf = (user: SessionUser): CaseActor => ({ username: user.username, role: user.role });
const NOT_YOURS = { 403: 'Not a member of the case (case.forbidden)', 404: 'No such case (case.notFound)' };

export const caseWorkRoutes = [
  defineRoute(
    {
      method: 'post',
      path: '/cases/:id/subjects',
      tag: 'cases',
      summary:
        'Add subjects by element id, Label:key or bare key, with a role and note (re-adding updates them)',
      access: 'cases.own',
      params: CaseParams,
      body: SubjectsBody,
      audit: 'case.subject.add',
      responses: { ...NOT_YOURS, 400: 'Ambiguous or wrong-type entity' },
    },
    async ({ params, body, store, user, audit }) => {
      const actor = actorOf(user);
      const record = await caseFor(store(), actor, params.id);
      const result = await addSubjects(store(), actor, record, body.subjects);
      audit.rows = result.subjects.length;
      const detail = await getCaseDetail(store(), params.id);
      return { added: result.added, subjects: detail.subjects };
    },
  ),
  defineRoute(
    {
      method: 'delete',
      path: '/cases/:id/subjects/:ref',
      tag: 'cases',
      summary: 'Remove one subject (element id, Label:key or bare key)',
      access: 'cases.own',
      params: SubjectParams,
      audit: 'case.subject.remove',
      responses: { ...NOT_YOURS, 404: 'No such case, entity, or not a subject (case.subjectNotFound)' },
    },
    async ({ params, store, user, audit }) => {
      const actor = actorOf(user);
      const record = await caseFor(store(), actor, params.id);
      const result = await removeSubject(store(), actor, record, params.ref);
      audit.rows = 1;
      return result;
    },
  ),
  defineRoute(
    {
      method: 'post',
      path: '/cases/:id/clues',
      tag: 'cases',
      summary: 'Attach clues (their evidence comes with them); withSubjects adds their subjects too',
      access: 'cases.own',
      params: CaseParams,
      body: CluesBody,
      audit: 'case.clue.attach',
      responses: { ...NOT_YOURS, 404: 'No such case or clue (clue.notFound)' },
    },
    async ({ params, body, store, user, audit }) => {
      const actor = actorOf(user);
      const record = await caseFor(store(), actor, params.id);
      const result = await attachClues(store(), actor, record, body.clues, body.withSubjects ?? false);
      audit.rows = result.attached.length;
      const detail = await getCaseDetail(store(), params.id);
      return { attached: result.attached, clues: detail.clues, subjects: detail.subjects };
    },
  ),
  defineRoute(
    {
      method: 'delete',
      path: '/cases/:id/clues/:clueId',
      tag: 'cases',
      summary: 'Detach a clue from the case (the clue itself stays)',
      access: 'cases.own',
      params: ClueParams,
      audit: 'case.clue.detach',
      responses: { ...NOT_YOURS, 404: 'No such case, or the clue is not attached (case.clueNotFound)' },
    },
    async ({ params, store, user, audit }) => {
      const actor = actorOf(user);
      const record = await caseFor(store(), actor, params.id);
      audit.rows = 1;
      return detachClue(store(), actor, record, params.clueId);
    },
  ),
  defineRoute(
    {
      method: 'post',
      path: '/cases/:id/notes',
      tag: 'cases',
      summary: 'Add a note (author and time recorded)',
      access: 'cases.own',
      params: CaseParams,
      body: NoteBody,
      audit: 'case.note.add',
      status: 201,
      responses: NOT_YOURS,
    },
    async ({ params, body, store, user, audit }) => {
      const actor = actorOf(user);
      const record = await caseFor(store(), actor, params.id);
      const note = await addNote(store(), actor, record, body.text);
      audit.params = { noteId: note.noteId, chars: body.text.length };
      audit.rows = 1;
      return { note };
    },
  ),
  defineRoute(
    {
      method: 'patch',
      path: '/cases/:id/notes/:noteId',
      tag: 'cases',
      summary: 'Correct a note: its author only; the previous text stays in the case history',
      access: 'cases.own',
      params: NoteParams,
      body: NoteBody,
      audit: 'case.note.edit',
      responses: {
        403: 'Not a member, or not the note’s author (case.noteNotAuthor)',
        404: 'No such case or note',
      },
    },
    async ({ params, body, store, user, audit }) => {
      const actor = actorOf(user);
      const record = await caseFor(store(), actor, params.id);
      const note = await editNote(store(), actor, record, params.noteId, body.text);
      audit.params = { noteId: note.noteId, chars: body.text.length };
      audit.rows = 1;
      return { note };
    },
  ),
  defineRoute(
    {
      method: 'get',
      path: '/cases/:id/views',
      tag: 'cases',
      summary: 'Saved graph views of the case, newest first (without their state)',
      access: 'cases.own',
      params: CaseParams,
      audit: 'case.views.list',
      responses: NOT_YOURS,
    },
    async ({ params, store, user, audit }) => {
      await caseFor(store(), actorOf(user), params.id);
      const views = await listViews(store(), params.id);
      audit.rows = views.length;
      return { views };
    },
  ),
  defineRoute(
    {
      method: 'post',
      path: '/cases/:id/views',
      tag: 'cases',
      summary:
        'Save the viewer state (node ids, positions, filters, colours) as a named view, at most 2,000,000 bytes',
      access: 'cases.own',
      params: CaseParams,
      body: ViewBody,
      audit: 'case.views.save',
      status: 201,
      responses: { ...NOT_YOURS, 413: 'State too large (case.viewTooLarge)' },
    },
    async ({ params, body, store, user, audit }) => {
      const actor = actorOf(user);
      // The audit keeps the name and size, never the (large) state itself.
      const nodes = Array.isArray(body.state.nodes) ? body.state.nodes.length : null;
      audit.params = { name: body.name, bytes: viewBytes(body.state), nodes };
      const state = ViewState.safeParse(body.state);
      if (!state.success) {
        const issue = state.error.issues[0];
        const field = ['body', 'state', ...(issue?.path ?? []).map(String)].join('.');
        throw httpError(
          400,
          'request.invalid',
          `请求参数 ${field} 无效：${issue?.message} / Invalid ${field}: ${issue?.message}`,
          {
            field,
          },
        );
      }
      const record = await caseFor(store(), actor, params.id);
      const view = await saveView(store(), actor, record, { name: body.name, state: state.data });
      audit.rows = state.data.nodes.length;
      return { view };
    },
  ),
  defineRoute(
    {
      method: 'get',
      path: '/cases/:id/views/:viewId',
      tag: 'cases',
      summary: 'One saved view with its state, as saved',
      access: 'cases.own',
      params: ViewParams,
      audit: 'case.views.read',
      responses: { ...NOT_YOURS, 404: 'No such case or view (case.viewNotFound)' },
    },
    async ({ params, store, user, audit }) => {
      await caseFor(store(), actorOf(user), params.id);
      const view = await getView(store(), params.id, params.viewId);
      audit.rows = Array.isArray(view.state.nodes) ? view.state.nodes.length : 0;
      return { view };
    },
  ),
  defineRoute(
    {
      method: 'delete',
      path: '/cases/:id/views/:viewId',
      tag: 'cases',
      summary: 'Delete a saved view',
      access: 'cases.own',
      params: ViewParams,
      audit: 'case.views.delete',
      responses: { ...NOT_YOURS, 404: 'No such case or view (case.viewNotFound)' },
    },
    async ({ params, store, user, audit }) => {
      const actor = actorOf(user);
      const record = await caseFor(store(), actor, params.id);
      audit.rows = 1;
      return deleteView(store(), actor, record, params.viewId);
    },
  ),
];
