// /api/audit (admins): the append-only audit log, filtered by user, action, target, outcome and time.
import { z } from 'zod';
import { listAudit } from '../../audit/log.ts';
import { paging } from '../fields.ts';
import { defineRoute } from '../route.ts';

const AuditQuery = z.object({
  user: z.string().optional(),
  action: z.string().optional().describe('An action id, or its prefix such as `template`'),
  target: z.string().optional(),
  outcome: z.enum(['ok', 'denied', 'failed']).optional(),
  since: z.string().optional().describe('ISO date-time'),
  until: z.string().optional(),
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
