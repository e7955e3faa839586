// zod schemas of /api/cases: what each route accepts (they also document it in OpenAPI).
import { z } from 'zod';
import { CASE_STATUS_LABELS, CASE_STATUSES, MAX_CLUES, MAX_SUBJECTS } from '../../cases/model.ts';
import { chars, paging, someOf, splitList, text, words } from '../fields.ts';

const username = text(40, 2);

/** A status id or its Chinese name, or its English name in any case (what parseCaseStatus reads). */
export const caseStatus = words(
  CASE_STATUSES.flatMap((s) => [s, CASE_STATUS_LABELS[s].zh]),
  CASE_STATUSES.map((s) => CASE_STATUS_LABELS[s].en),
);

export const SubjectItem = z.object({
  /** An element id from a graph payload, `Label:key`, or a bare key (ID number, credit code, account number…). */
  ref: text(300),
  role: chars(100).trim().optional(),
  note: chars(1000).trim().optional(),
});

export const CaseListQuery = z.object({
  /** `a,b` or repeated `?status=…`. */
  status: z.preprocess(splitList, z.array(caseStatus).min(1)).optional(),
  /** Cases this user leads or is on. */
  member: text(40).optional(),
  /** Part of the title or case number, a subject's name, or a subject's exact key. */
  text: text(100).optional(),
  ...paging(500, 50),
});

/** A title, or a clue to name the case after: one of the two is required. */
export const CreateCaseBody = z
  .object({
    title: text(200).optional(),
    lead: username.optional(),
    members: z.array(username).max(50).optional(),
    subjects: z.array(SubjectItem).max(MAX_SUBJECTS).optional(),
    clues: z.array(text(300)).max(MAX_CLUES).optional(),
    /** Open the case from this clue: its subjects are added, it is attached, a 新线索 moves to 核查中. */
    fromClue: text(300).optional(),
  })
  .refine((b) => b.title !== undefined || b.fromClue !== undefined, {
    message: 'title or fromClue is required',
    path: ['title'],
  })
  .meta({ anyOf: [{ required: ['title'] }, { required: ['fromClue'] }] });

/** Something to change besides the comment, which only explains a status move. */
export const UpdateCaseBody = someOf(
  z.object({
    title: text(200).optional(),
    status: caseStatus.optional(),
    /** Required to close (办结) or reopen. */
    comment: chars(2000).trim().optional(),
    lead: username.optional(),
    /** The whole team (the lead need not be listed). */
    members: z.array(username).max(50).optional(),
  }),
  ['title', 'status', 'lead', 'members'],
);

export const SubjectsBody = z.object({ subjects: z.array(SubjectItem).min(1).max(MAX_SUBJECTS) });

export const CluesBody = z.object({
  clues: z.array(text(300)).min(1).max(MAX_CLUES),
  /** Add the clues' subjects to the case too (default false). */
  withSubjects: z.boolean().optional(),
});

export const NoteBody = z.object({ text: text(20_000) });

/** A schema's JSON Schema (input side), to document a field that a route checks itself after reading it. */
const documented = (schema: z.ZodType) => {
  const { $schema: _drop, ...rest } = z.toJSONSchema(schema, { target: 'draft-2020-12', io: 'input' });
  return rest;
};

/** The viewer's state. Only `nodes[].id/x/y` (and optional `color`, `size`, `colours`, `yAxis`) are read by the report. */
export const ViewState = z
  .object({
    nodes: z
      .array(z.object({ id: chars(300, 1), x: z.number().finite(), y: z.number().finite() }).passthrough())
      .max(50_000),
    /** Colour per entity type, `#rrggbb`. */
    colours: z.record(z.string(), z.string().max(20)).optional(),
    /** sigma's graph coordinates grow upward ('up', default); 'down' for screen coordinates. */
    yAxis: z.enum(['up', 'down']).optional(),
  })
  .passthrough();

/**
 * The state is checked against ViewState inside the route, after the audit entry has been given the name and size:
 * a malformed state of up to 2 MB must not be copied into the audit log as the request's parameters.
 */
export const ViewBody = z.object({
  name: text(200),
  state: z
    .record(z.string(), z.unknown())
    // Documented as what the route then checks, so the document refuses what the route refuses.
    .meta(documented(ViewState))
    .describe(
      '{ nodes: [{ id, x, y, color?, size? }], colours?: { Type: "#rrggbb" }, yAxis?: "up" | "down", …any }',
    ),
});

export const CaseParams = z.object({ id: text(100) });
export const SubjectParams = z.object({ id: text(100), ref: text(300) });
export const ClueParams = z.object({ id: text(100), clueId: text(300) });
export const NoteParams = z.object({ id: text(100), noteId: text(100) });
export const ViewParams = z.object({ id: text(100), viewId: text(100) });

export const ReportQuery = z.object({
  format: z.enum(['html', 'pdf']).default('pdf'),
  lang: z.enum(['zh', 'en']).default('zh'),
});
