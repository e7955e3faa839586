// What a subject is in a clue (`role` on CLUE_SUBJECT and CASE_SUBJECT): the names of the roles models give.
// The viewer reads them from GET /api/schema and the case report from here; a role typed by a user has no entry
// and shows as typed.
import type { Lang } from '../cases/report/model.ts';

export const SUBJECT_ROLES: Readonly<Record<string, { zh: string; en: string }>> = {
  cadre: { zh: '公职人员', en: 'Cadre' },
  relative: { zh: '亲属', en: 'Relative' },
  recipient: { zh: '领取人', en: 'Recipient' },
  resident: { zh: '居民', en: 'Resident' },
  possibly: { zh: '疑似对应人员', en: 'Possibly this person' },
  payer: { zh: '付款方', en: 'Payer' },
  payee: { zh: '收款方', en: 'Payee' },
  sender: { zh: '转出方', en: 'Sender' },
  collector: { zh: '归集账户', en: 'Collecting account' },
  conduit: { zh: '过渡账户', en: 'Pass-through account' },
  holder: { zh: '账户持有人', en: 'Account holder' },
  intermediary: { zh: '中间账户', en: 'Intermediary account' },
  start: { zh: '循环起点', en: 'Start of the cycle' },
  cycle: { zh: '循环经过账户', en: 'In the cycle' },
};

/** A role in a language: the model's name for it, or the role as typed. */
export function subjectRoleLabel(role: string, lang: Lang): string {
  return SUBJECT_ROLES[role]?.[lang] ?? role;
}
