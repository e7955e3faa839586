// POST /api/exports: the viewer records each export it makes in the browser (PNG, SVG, CSV), so exports are audited too.
import { z } from 'zod';
import { chars } from '../fields.ts';
import { defineRoute } from '../route.ts';

export const ExportBody = z.object({
  format: z.enum(['png', 'svg', 'csv', 'json']),
  /** What was exported: a view name, a case id, a template id. */
  subject: chars(200).optional(),
  nodes: z.number().int().min(0).max(10_000_000).optional(),
  edges: z.number().int().min(0).max(10_000_000).optional(),
});
export type ExportBody = z.infer<typeof ExportBody>;

export const exportRoutes = [
  defineRoute(
    {
      method: 'post',
      path: '/exports',
      tag: 'exports',
      summary: 'Record an export made in the viewer (audit action export)',
      access: 'export',
      body: ExportBody,
      audit: 'export',
      status: 201,
    },
    ({ body, audit }) => {
      audit.target = body.subject ?? body.format;
      if (body.nodes !== undefined) audit.rows = body.nodes;
      return { recorded: true, format: body.format };
    },
  ),
];
