// Case-level access: members (lead and team) and analysts/admins; team changes are for the lead and analysts.
import { can, canSeeCase } from '../auth/roles.ts';
import { EngineError } from '../errors.ts';
import type { Store } from '../store/gateway.ts';
import { type CaseActor, type CaseRecord, caseForbidden } from './model.ts';
import { getCaseRecord } from './store.ts';

/** The CLI is run by the machine's operator, who holds the database anyway: it sees every case. */
export function seesCase(actor: CaseActor, record: CaseRecord): boolean {
  if (actor.role === 'cli') return true;
  return canSeeCase({ username: actor.username, role: actor.role }, [record.lead, ...record.members]);
}

/** May change the lead and the team: the lead, analysts and admins. */
export function leadsCase(actor: CaseActor, record: CaseRecord): boolean {
  return actor.role === 'cli' || can(actor.role, 'cases.all') || record.lead === actor.username;
}

/**
 * The case when `actor` may see it: `case.notFound` (404) for an unknown number, `case.forbidden` (403) for a case
 * the actor is not on. A 403 reveals that the number exists; numbers are sequential, so hiding it would protect
 * nothing, while a clear answer tells a colleague to ask the lead to add them.
 */
export async function caseFor(
  store: Pick<Store, 'read'>,
  actor: CaseActor,
  caseId: string,
): Promise<CaseRecord> {
  const record = await getCaseRecord(store, caseId);
  if (!seesCase(actor, record)) throw caseForbidden(caseId);
  return record;
}

export function leadOnly(caseId: string): EngineError {
  return new EngineError(
    'case.leadOnly',
    `只有承办人或数据分析员可以调整承办人和办案组 / Only the lead or an analyst may change the lead and team of ${caseId}`,
    { status: 403, details: { caseId } },
  );
}
