// The scale-1 demo county through all twelve models: precision and recall per model against truth.json, evidence.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DemoSummary, generateDemo, type Truth } from '../../engine/demo/index.ts';
import { evaluate, type ModelScore, scoreTable } from '../../engine/detect/evaluate.ts';
import { SUBJECT_ROLES } from '../../engine/detect/roles.ts';
import { runModels } from '../../engine/detect/run.ts';
import { DEFAULT_MODEL_IDS, type RunResult } from '../../engine/detect/types.ts';
import type { Store } from '../../engine/store/gateway.ts';
import { ingestFiles } from '../../ingest/load/run.ts';
import { cleanGraph } from '../setup/store.ts';

const dir = mkdtempSync(join(tmpdir(), 'qf-detect-demo-'));
let store: Store;
let summary: DemoSummary;
let truth: Truth;
let result: RunResult;
let scores: ModelScore[];

beforeAll(async () => {
  store = await cleanGraph();
  summary = await generateDemo({ out: join(dir, 'county'), scale: 1, seed: 1 });
  truth = JSON.parse(readFileSync(join(dir, 'county', 'truth.json'), 'utf8')) as Truth;
  await ingestFiles(store, [summary.dataDir], { outDir: join(dir, 'runs') });
  result = await runModels(store, { asOf: truth.asOf, user: 'demo-test' });
  scores = evaluate(result.clues, truth, DEFAULT_MODEL_IDS);
  process.stdout.write(
    `\nDemo county, scale 1, seed 1 (${result.clues.length} clues, ${result.totalMs} ms)\n${scoreTable(scores)}\n`,
  );
});

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('all models on the demo county at scale 1', () => {
  for (const model of DEFAULT_MODEL_IDS) {
    it(`${model}: recall ≥ 0.95 and precision ≥ 0.9 against truth.json, no decoy flagged`, () => {
      const score = scores.find((s) => s.model === model)!;
      expect(score.schemes, model).toBeGreaterThan(0);
      expect(score.recall, `missed ${score.missed.join(', ')}`).toBeGreaterThanOrEqual(0.95);
      expect(score.precision, `false clues ${score.falseClues.join(', ')}`).toBeGreaterThanOrEqual(0.9);
      expect(score.decoysFlagged, model).toEqual([]);
    });
  }

  it('runs every model, each timed, none skipped', () => {
    expect(result.models.map((m) => m.model)).toEqual([...DEFAULT_MODEL_IDS]);
    for (const m of result.models) {
      expect(m.skipped, m.model).toBeUndefined();
      expect(m.ms).toBeGreaterThanOrEqual(0);
    }
  });

  it('cites the departmental files and rows behind every relationship of the evidence', () => {
    const files = new Set(summary.files.map((f) => basename(f.path)));
    for (const clue of result.clues) {
      expect(clue.summary.length, clue.clueId).toBeGreaterThan(10);
      for (const rel of clue.evidence.relationships) {
        expect(rel.sources.length, `${clue.model} ${rel.type}`).toBeGreaterThan(0);
        for (const source of rel.sources) {
          // Family ties derived from a household register cite the household; everything else a file and row.
          if (source.startsWith('household:')) continue;
          // `file#row`, or `workbook.xlsx:sheet#row` for spreadsheets.
          const [, file, row] = /^(.+?\.(?:csv|txt|jsonl?|xlsx))(?::[^#]*)?#(\d+)$/.exec(source) ?? [];
          expect(files.has(basename(file ?? '')), `${clue.model} ${source}`).toBe(true);
          expect(Number(row)).toBeGreaterThan(0);
        }
      }
    }
  });

  it('gives every subject a role that has a Chinese and an English name (viewer and report show them)', () => {
    const roles = new Set(result.clues.flatMap((clue) => clue.subjects.map((s) => s.role)));
    expect(roles.size).toBeGreaterThan(3);
    for (const role of roles) {
      expect(SUBJECT_ROLES[role]?.zh, role).toMatch(/\p{Script=Han}/u);
      expect(SUBJECT_ROLES[role]?.en, role).toBeTruthy();
    }
  });

  it('a second run updates the stored clues instead of adding to them', async () => {
    const count = async () => (await store.read<{ n: number }>('MATCH (c:Clue) RETURN count(c) AS n'))[0]!.n;
    const before = await count();
    expect(before).toBe(result.clues.length);
    const again = await runModels(store, { asOf: truth.asOf, user: 'demo-test' });
    expect(await count()).toBe(before);
    expect(again.clues.map((c) => c.clueId).sort()).toEqual(result.clues.map((c) => c.clueId).sort());
  });
});
