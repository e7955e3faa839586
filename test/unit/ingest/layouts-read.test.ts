// Reads every file of the layout corpora as ingest would, with no profile and no kind, and checks what it read.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { type Grade, gradeCorpus } from './helpers/layout-corpus.ts';

const FIXTURES = join(import.meta.dirname, '../../fixtures');

function named(grade: Grade): string {
  return `${grade.entry.file}${grade.entry.sheet ? `:${grade.entry.sheet}` : ''}`;
}

describe('the development layout corpus (test/fixtures/layouts)', async () => {
  const grades = await gradeCorpus(join(FIXTURES, 'layouts'));

  it('holds at least 40 tables in distinct layouts', () => {
    expect(grades.length).toBeGreaterThanOrEqual(40);
  });

  it.each(grades.map((grade) => [named(grade), grade] as const))(
    'reads %s: kind, header row, data and skipped rows, preamble facts and checked values',
    (_name, grade) => {
      expect(grade.problems).toEqual([]);
      expect(grade.kind).toBe(grade.entry.kind);
    },
  );
});

describe('the hold-out layout corpus (test/fixtures/layouts-holdout), never tuned on', async () => {
  const grades = await gradeCorpus(join(FIXTURES, 'layouts-holdout'));

  it('reads at least 95% of its tables exactly as their manifest says', () => {
    const failed = grades.filter((g) => g.problems.length > 0).map((g) => `${named(g)}: ${g.problems[0]}`);
    expect(grades.length).toBeGreaterThanOrEqual(20);
    expect((grades.length - failed.length) / grades.length, failed.join('\n')).toBeGreaterThanOrEqual(0.95);
  });

  it('never reads a table as the wrong kind: a table it cannot place is refused, not misfiled', () => {
    const misfiled = grades.filter((g) => g.kind !== null && g.kind !== g.entry.kind).map(named);
    expect(misfiled).toEqual([]);
  });
});
