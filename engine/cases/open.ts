// Opening a case: a new number, the team, subjects and clues in one transaction; from a clue, its subjects come too.
import { can } from '../auth/roles.ts';
import { listModels } from '../detect/run.ts';
import { getClue } from '../detect/store/query.ts';
import { updateClueStatus } from '../detect/store/status.ts';
import type { Store } from '../store/gateway.ts';
import {
  checkCaseSize,
  checkClues,
  linkClues,
  linkSubjects,
  resolveSubjects,
  type SubjectInput,
} from './links.ts';
import { badCaseInput, type CaseActor, type CaseDetail } from './model.ts';
import {
  createCaseNode,
  getCaseDetail,
  historyEntry,
  normaliseMembers,
  STAMP,
  withNumberRetry,
} from './store.ts';
import { checkUsers } from './users.ts';

export interface NewCase {
  /** Default from the clue (model title and first subject) when opened from one. */
  title?: string;
  /** Default: the creator. */
  lead?: string;
  members?: string[];
  subjects?: SubjectInput[];
  clues?: string[];
  /** Open the case from this clue: its subjects are added, it is attached, and a 新线索 moves to 核查中. */
  fromClue?: string;
}

const MODEL_TITLES = new Map(listModels().map((m) => [m.id as string, m.title.zh]));

/**
 * Creates a case. The creator leads it unless `lead` says otherwise; an investigator who names another lead is
 * added to the team, so nobody opens a case they cannot see. Errors: case.titleRequired, case.unknownUser,
 * case.badMember, entity.*, clue.notFound, case.tooManySubjects/Clues.
 */
export async function createCase(store: Store, actor: CaseActor, input: NewCase): Promise<CaseDetail> {
  const origin = input.fromClue ? await getClue(store, input.fromClue) : null;
  const firstSubject = origin?.subjects.find((s) => s.primary) ?? origin?.subjects[0];
  const title =
    input.title?.trim() ||
    (origin
      ? `${MODEL_TITLES.get(origin.model) ?? origin.model}：${firstSubject?.name ?? origin.clueId}`
      : '');
  if (!title)
    throw badCaseInput('case.titleRequired', 'body.title', '须填写案件名称', 'A case title is required');
  const lead = input.lead?.trim() || actor.username;
  const seesAll = actor.role === 'cli' || can(actor.role, 'cases.all');
  const team = [...(input.members ?? []), ...(seesAll ? [] : [actor.username])];
  const members = normaliseMembers(lead, team);
  await checkUsers(store, lead, members);
  const subjects = await resolveSubjects(store, input.subjects ?? [], 'body.subjects');
  const clues = [...new Set([...(origin ? [origin.clueId] : []), ...(input.clues ?? [])])];
  await checkClues(store, input.clues ?? [], 'body.clues');
  checkCaseSize('subjects', subjects.length);
  checkCaseSize('clues', clues.length);
  const at = new Date().toISOString();
  const by = actor.username;
  const caseId = await withNumberRetry(() =>
    store.transaction(async (run) => {
      const id = await createCaseNode(run, {
        title,
        lead,
        members,
        fromClue: origin?.clueId ?? null,
        by,
        at,
      });
      await linkSubjects(run, id, subjects, by, at);
      // A clue opened into a case brings its subjects; clues merely attached at creation do too.
      await linkClues(run, id, clues, { by, at, withSubjects: true });
      const entry = historyEntry(by, at, 'created', {
        title,
        lead,
        members,
        fromClue: origin?.clueId ?? null,
        subjects: subjects.map((s) => ({ ref: s.ref, name: s.name, role: s.role })),
        clues,
      });
      await run(`MATCH (c:Case {caseId: $caseId}) ${STAMP}`, { caseId: id, entry, at, by });
      return id;
    }),
  );
  if (origin?.status === 'new') {
    // The clue is now being checked in this case; a concurrent change of the clue is left as it is.
    await updateClueStatus(store, origin.clueId, {
      status: 'checking',
      user: by,
      comment: `转入案件 ${caseId} 初核 / Opened as case ${caseId}`,
    }).catch((error: { id?: string }) => {
      if (error.id !== 'clue.conflict' && error.id !== 'clue.badTransition') throw error;
    });
  }
  return getCaseDetail(store, caseId);
}
