// /api/audit (admins): the append-only audit log, filtered by user, action, target, outcome and time.
import { z } from 'zod';
import { listAudit } from '../../audit/log.ts';
import { chars, paging, queryInstant } from '../fields.ts';
import { defineRoute } from '../route.ts';

const AuditQuery = z.object({
  user: chars(80).optional(),
  action: chars(100).optional().describe('An action id, or its prefix such as `template`'),
  target: chars(1000).optional(),
  outcome: z.enum(['ok', 'denied', 'failed']).optional(),
  since: queryInstant().describe('ISO date or date-time'),
  until: queryInstant().describe('ISO date or date-time'),
  ...paging(1000, 100),
});

export const auditRoutes = [
  defineRoute(
    {
      method: 'get',
      path: '/audit',
      tag: 'audit',
      summary: 'List audit entries, newest first (itself audited as audit.list)',
      audit: 'audit.list',
      access: 'audit.read',
      query: AuditQuery,
    },
    async ({ query, services, audit }) => {
      // What was queued a moment ago belongs in the answer.
      await services.audit.flush();
      const answer = await listAudit(services.store(), query);
      audit.rows = answer.entries.length;
      return answer;
    },
  ),
];
