// The clue workflow: 新线索 → 核查中 → 属实 / 不属实 / 已移交, each change recorded with who, when and why.
import { InvalidInputError } from '../../errors.ts';
import type { Store } from '../../store/gateway.ts';
import type { ClueRecord, ClueStatus } from '../types.ts';
import { getClue } from './query.ts';
import {
  CLUE_PROJECTION,
  type ClueRow,
  historyText,
  parseStatus,
  STATUS_LABELS,
  toRecord,
} from './records.ts';

/** Allowed moves. A closed clue can be reopened for checking (with a reason); a confirmed one handed over. */
export const TRANSITIONS: Record<ClueStatus, readonly ClueStatus[]> = {
  new: ['checking', 'transferred'],
  checking: ['confirmed', 'unfounded', 'transferred'],
  confirmed: ['transferred', 'checking'],
  unfounded: ['checking'],
  transferred: [],
};

/** Moves that must say why: concluding, handing over, reopening. */
const NEEDS_COMMENT = (from: ClueStatus, to: ClueStatus) => to !== 'checking' || from !== 'new';

export interface StatusChange {
  /** The new status: an id (checking…) or its name (核查中…). */
  status: string;
  /** Who makes the change. */
  user: string;
  comment?: string;
}

export function canTransition(from: ClueStatus, to: ClueStatus): boolean {
  return TRANSITIONS[from].includes(to);
}

/**
 * Changes a clue's status after checking the move is allowed; returns the updated clue. Errors (all with stable
 * ids): clue.notFound, clue.badStatus, clue.badTransition, clue.userRequired, clue.commentRequired, clue.conflict.
 */
export async function updateClueStatus(
  store: Pick<Store, 'read' | 'write'>,
  clueId: string,
  change: StatusChange,
): Promise<ClueRecord> {
  const to = parseStatus(change.status ?? '');
  if (!to)
    throw new InvalidInputError(
      'clue.badStatus',
      `未知的线索状态：${change.status}（可用：${Object.values(STATUS_LABELS)
        .map((l) => l.zh)
        .join('、')}）/ Unknown clue status: ${change.status}`,
      { details: { status: change.status } },
    );
  const user = change.user?.trim();
  if (!user)
    throw new InvalidInputError('clue.userRequired', '须注明操作人 / The user making the change is required');
  const current = await getClue(store, clueId);
  if (!canTransition(current.status, to))
    throw new InvalidInputError(
      'clue.badTransition',
      `线索状态不能从“${STATUS_LABELS[current.status].zh}”改为“${STATUS_LABELS[to].zh}” / A clue cannot go from ${current.status} to ${to}`,
      { details: { from: current.status, to, allowed: TRANSITIONS[current.status] } },
    );
  const comment = change.comment?.trim() ?? '';
  if (NEEDS_COMMENT(current.status, to) && !comment)
    throw new InvalidInputError(
      'clue.commentRequired',
      `将线索改为“${STATUS_LABELS[to].zh}”须填写说明 / A comment is required to set a clue to ${to}`,
      { details: { from: current.status, to } },
    );
  const at = new Date().toISOString();
  const entry = historyText({
    at,
    by: user,
    event: 'status',
    from: current.status,
    to,
    ...(comment ? { comment } : {}),
  });
  // Guarded by the status just read: a concurrent change makes this update match nothing.
  const rows = await store.write<{ c: ClueRow }>(
    `MATCH (c:Clue {clueId: $clueId}) WHERE c.status = $from
     SET c.status = $to, c.statusBy = $user, c.statusAt = datetime($at), c.history = coalesce(c.history, []) + [$entry]
     RETURN ${CLUE_PROJECTION} AS c`,
    { clueId, from: current.status, to, user, at, entry, withEvidence: true },
  );
  const row = rows[0];
  if (!row)
    throw new InvalidInputError(
      'clue.conflict',
      '线索状态已被他人修改，请刷新后重试 / The clue was changed by someone else; reload and try again',
      { details: { clueId } },
    );
  return toRecord(row.c);
}
