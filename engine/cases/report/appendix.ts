// The report's appendix: queries, templates, analyses and exports the audit log records for the case or its subjects.
import type { Store } from '../../store/gateway.ts';
import { chinaTime } from './format.ts';
import type { ReportAuditLine } from './model.ts';

/** Most audit lines listed; the rest are counted. */
export const APPENDIX_ROWS = 200;
/** Parameters shown per line (characters). */
const PARAMS_SHOWN = 240;

/**
 * Audit entries that name the case (target, or a parameter) or one of its subjects or clues, oldest first.
 * Left out: the case's own bookkeeping (`case.*`, in the history section), report downloads (so generating a report
 * does not change the next one), logins and audit reads, and calls that failed or were refused.
 */
export async function auditAppendix(
  store: Pick<Store, 'read'>,
  input: { caseId: string; needles: readonly string[] },
): Promise<{ lines: ReportAuditLine[]; more: number }> {
  // Short needles would match by accident inside unrelated parameters.
  const needles = [...new Set([input.caseId, ...input.needles])].filter((n) => n.length >= 6);
  // Two index lookups instead of a scan of every entry's parameters (which grew with the whole log): `target`
  // by its range index, and each needle inside `params` by the text index; UNION keeps an entry once.
  const match = `CALL {
      MATCH (a:AuditEntry) WHERE a.target IN $needles RETURN a
      UNION
      UNWIND $needles AS needle
      MATCH (a:AuditEntry) WHERE a.params CONTAINS needle RETURN a
    }
    WITH a WHERE a.outcome = 'ok'
      AND NOT (a.action STARTS WITH 'case.' OR a.action STARTS WITH 'auth.' OR a.action STARTS WITH 'audit.'
               OR a.action = 'export.report')`;
  const [count] = await store.read<{ n: number }>(`${match} RETURN count(a) AS n`, { needles });
  const rows = await store.read<{
    at: string;
    user: string;
    action: string;
    target: string | null;
    params: string | null;
    rows: number | null;
  }>(
    `${match}
     RETURN toString(a.at) AS at, a.user AS user, a.action AS action, a.target AS target, a.params AS params,
            a.rows AS rows
     ORDER BY a.at, a.auditId LIMIT toInteger($limit)`,
    { needles, limit: APPENDIX_ROWS },
  );
  const lines = rows.map((r) => {
    const params = r.params && r.params !== '{}' ? r.params : '';
    return {
      at: chinaTime(r.at),
      user: r.user,
      action: r.action,
      target: r.target ?? '',
      params: params.length > PARAMS_SHOWN ? `${params.slice(0, PARAMS_SHOWN)}…` : params,
      rows: r.rows,
    };
  });
  return { lines, more: Math.max(0, (count?.n ?? 0) - lines.length) };
}
