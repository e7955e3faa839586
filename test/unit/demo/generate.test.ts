// The demo county generator: files the ingest recognises, valid keys, truth that points into the files, determinism.
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateDemo, MODELS } from '../../../engine/demo/index.ts';
import { planFiles } from '../../../ingest/layout/plan.ts';
import { isValidCreditCode, isValidIdNumber, normaliseKey } from '../../../ingest/normalise/index.ts';
import { shippedProfiles } from '../../../ingest/profiles/profile.ts';
import { type Demo, makeDemo } from './dataset.ts';
import { detectAll } from './reference.ts';

let demo: Demo;
const scratch: string[] = [];
const tempDir = () => {
  const dir = mkdtempSync(join(tmpdir(), 'qf-demo-'));
  scratch.push(dir);
  return dir;
};
beforeAll(async () => {
  demo = await makeDemo();
  scratch.push(demo.dir);
}, 60_000);
afterAll(() => {
  for (const dir of scratch) rmSync(dir, { recursive: true, force: true });
});

function hashes(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (folder: string) => {
    for (const name of readdirSync(folder).sort()) {
      const full = join(folder, name);
      if (statSync(full).isDirectory()) walk(full);
      else out.set(relative(dir, full), createHash('sha256').update(readFileSync(full)).digest('hex'));
    }
  };
  walk(dir);
  return out;
}

const ID_FIELDS: Record<string, string[]> = {
  household: ['idNumber'],
  cadre: ['idNumber'],
  relative: ['cadreId', 'relativeId'],
  death: ['idNumber'],
  company: ['legalRepId'],
  executive: ['idNumber'],
  subsidy: ['idNumber'],
};
const looksPersonal = (v: string) => /^(\d{15}|\d{17}[\dX])$/.test(normaliseKey(v));

describe('demo county generator', () => {
  it('writes a county of the intended size with every family, and a summary that matches the files', () => {
    const { summary, data } = demo;
    expect(summary.people).toBeGreaterThan(2000);
    expect(summary.people).toBeLessThan(4000);
    expect(summary.transfers).toBeGreaterThan(8000);
    expect(summary.transfers).toBeLessThan(13000);
    const kinds = new Set(summary.files.map((f) => f.kind));
    expect([...kinds].sort()).toEqual([
      'account',
      'bank',
      'cadre',
      'company',
      'death',
      'executive',
      'household',
      'ledger',
      'relative',
      'shareholder',
      'subsidy',
    ]);
    for (const file of summary.files) {
      const rows = data.rows.filter((r) => r.file === file.path && r.sheet === file.sheet);
      expect(rows.length, `${file.path} ${file.sheet ?? ''}`).toBe(file.rows);
      // The ingest's own detector reads each file as the kind it was written as.
      expect(new Set(rows.map((r) => r.kind)), file.path).toEqual(new Set([file.kind]));
    }
    expect(data.register.size + 1).toBe(summary.people);
    expect(
      new Set(data.rows.filter((r) => r.kind === 'household' && !r.malformed).map((r) => r.f.householdNo))
        .size,
    ).toBe(summary.households);
    expect(data.companies.size).toBe(summary.companies);
    expect(data.transfers.length).toBe(summary.transfers);
    const formats = summary.files.filter((f) => f.kind === 'bank').map((f) => f.path.split('.').pop());
    expect(new Set(formats)).toEqual(new Set(['csv', 'txt', 'xlsx']));
  });

  it('prints the statements of accounts under inquiry in several bank layouts, own account only above the table', async () => {
    const statements = demo.summary.files.filter((f) => f.kind === 'bank' && f.path.split('/').length === 3);
    const layouts = new Set(
      statements.map((f) => `${f.path.split('/')[1]}:${/_([^_]+)\.\w+$/.exec(f.path)?.[1]}`),
    );
    expect(layouts.size).toBeGreaterThanOrEqual(6);
    const plans = await planFiles(
      statements.map((f) => join(demo.summary.dataDir, f.path)),
      { profiles: shippedProfiles() },
    );
    expect(plans.length).toBe(statements.length);
    for (const plan of plans) {
      expect(plan.refused, plan.file).toBeUndefined();
      expect(plan.kind, plan.file).toBe('bank');
      const facts = new Set(plan.preamble.map((f) => f.field));
      expect(facts.has('ownAccount') && facts.has('ownName'), plan.file).toBe(true);
      expect(
        plan.columns.some((c) => c.field === 'ownAccount' || c.field === 'ownName'),
        plan.file,
      ).toBe(false);
    }
    // Totals, print footers, notes and page-break rules are below most statements.
    expect(plans.filter((p) => p.skipped.count > 0).length).toBeGreaterThan(plans.length / 2);
  }, 60_000);

  it("writes registry, roster, declaration, ledger and subsidy files in their departments' layouts", async () => {
    const dir = demo.summary.dataDir;
    const plans = await planFiles(
      [
        '工商登记.xlsx',
        '干部名册.xlsx',
        '干部亲属申报.xlsx',
        '三资台账_青山镇.xlsx',
        '惠民补贴_高龄补贴.csv',
      ].map((f) => join(dir, f)),
      { profiles: shippedProfiles() },
    );
    const of = (file: string, sheet?: string) =>
      plans.find((p) => p.file === file && (!sheet || p.sheet === sheet))!;
    expect(
      of('工商登记.xlsx', '股东及出资信息').columns.find((c) => c.header === '证照/证件号码')?.field,
    ).toBe('holderId');
    expect(of('工商登记.xlsx', '企业基本信息').headerRows).toEqual([3]);
    expect(of('干部名册.xlsx').headerRows).toEqual([3, 4]);
    expect(of('干部亲属申报.xlsx').headerRows).toEqual([2, 3]);
    const ledgers = plans.filter((p) => p.file === '三资台账_青山镇.xlsx');
    expect(ledgers.length).toBeGreaterThan(2);
    for (const ledger of ledgers) {
      expect(ledger.preamble.find((f) => f.field === 'village')?.value).toBe(ledger.sheet);
      expect(ledger.preamble.find((f) => f.field === 'town')?.value).toBe('青山镇');
      expect(ledger.skipped.byReason.total).toBeGreaterThan(0);
    }
    expect(ledgers.some((p) => p.preamble.some((f) => f.field === 'unit' && f.value === '10000'))).toBe(true);
    expect(of('惠民补贴_高龄补贴.csv').headerRows).toEqual([3]);
    for (const plan of plans) expect(plan.refused, plan.file).toBeUndefined();
  }, 60_000);

  it('writes valid ID numbers and credit codes except in the rows planted as malformed or ghost', () => {
    const { data, truth, summary } = demo;
    const malformed = new Set(truth.malformed.map((m) => `${m.file}:${m.row}`));
    const warned = new Set(summary.warnings.map((w) => `${w.file}:${w.row}`));
    const ghosts = new Set(
      truth.schemes.filter((s) => s.subjects[0]?.type === 'PersonMention').map((s) => s.subjects[0]!.key),
    );
    let ids = 0;
    let codes = 0;
    for (const r of data.rows) {
      const where = `${r.file}:${r.row}`;
      if (malformed.has(where)) continue;
      for (const field of ID_FIELDS[r.kind] ?? []) {
        const value = r.f[field] ?? '';
        if (!value || ghosts.has(value)) continue;
        ids += 1;
        expect(isValidIdNumber(value), `${where} ${field} ${value}`).toBe(true);
      }
      for (const field of ['ownId', 'holderId', 'payeeId']) {
        if (r.kind === 'account' && !r.f[field]) continue;
        const value = r.f[field] ?? '';
        if (!value) continue;
        if (looksPersonal(value)) expect(isValidIdNumber(value), `${where} ${value}`).toBe(true);
        else expect(isValidCreditCode(value), `${where} ${value}`).toBe(true);
      }
      if (r.f.creditCode) {
        codes += 1;
        expect(
          isValidCreditCode(r.f.creditCode) || warned.has(`${r.file}:${r.row}`),
          `${where} ${r.f.creditCode}`,
        ).toBe(true);
      }
    }
    expect(ids).toBeGreaterThan(3000);
    expect(codes).toBeGreaterThan(100);
    expect(summary.warnings.filter((w) => w.reason.startsWith('ucc')).length).toBe(1);
  });

  it('plants schemes and decoys for every model, each subject findable in the files', () => {
    const { truth, data } = demo;
    expect(truth).toMatchObject({ seed: 1, scale: 1, asOf: '2026-06-30' });
    const values = new Set<string>();
    for (const r of data.rows) {
      for (const v of Object.values(r.f)) if (v) values.add(normaliseKey(v));
      if (r.f.town && r.f.village) values.add(`${r.f.town}/${r.f.village}`);
    }
    for (const model of MODELS) {
      expect(truth.schemes.filter((s) => s.model === model).length, model).toBeGreaterThanOrEqual(3);
      expect(truth.decoys.filter((s) => s.model === model).length, model).toBeGreaterThanOrEqual(1);
    }
    for (const item of [...truth.schemes, ...truth.decoys]) {
      expect(item.subjects.length, item.id).toBeGreaterThan(0);
      for (const subject of item.subjects) {
        const key = subject.type === 'Village' ? subject.key : normaliseKey(subject.key);
        expect(values.has(key), `${item.id} ${item.model} ${subject.type} ${subject.key}`).toBe(true);
      }
    }
    expect(new Set([...truth.schemes, ...truth.decoys].map((s) => s.id)).size).toBe(
      truth.schemes.length + truth.decoys.length,
    );
  });

  it('lists exactly the rows the ingest would reject as malformed, by file and physical row', () => {
    const { truth, data } = demo;
    expect(truth.malformed.length).toBeGreaterThanOrEqual(5);
    expect(new Set(truth.malformed.map((m) => `${m.file}:${m.row}`))).toEqual(data.rejected);
  });

  it('is deterministic: the same seed gives identical bytes, another seed a different county', async () => {
    const again = tempDir();
    await generateDemo({ out: again, seed: 1 });
    expect(hashes(again)).toEqual(hashes(demo.dir));
    const other = tempDir();
    await generateDemo({ out: other, seed: 2 });
    const a = hashes(demo.dir);
    const b = hashes(other);
    expect(a.get('truth.json')).not.toBe(b.get('truth.json'));
    expect(a.get('data/银行流水/农商银行_1.csv')).not.toBe(b.get('data/银行流水/农商银行_1.csv'));
  }, 60_000);

  it('refuses a non-empty output folder unless asked to overwrite', async () => {
    await expect(generateDemo({ out: demo.dir })).rejects.toMatchObject({ id: 'demo.out' });
    await expect(generateDemo({ out: tempDir(), scale: 0 })).rejects.toMatchObject({ id: 'demo.scale' });
  });
});

const key = (k: string) => normaliseKey(k);

describe('planted truth against naive reference detectors', () => {
  let cached: ReturnType<typeof detectAll> | undefined;
  const found = () => {
    cached ??= detectAll(demo.data, demo.truth.asOf);
    return cached;
  };
  for (const model of MODELS) {
    it(`${model}: every scheme found, no decoy flagged, no background hit`, () => {
      const flagged = new Set([...found()[model]].map(key));
      const schemes = demo.truth.schemes.filter((s) => s.model === model);
      const decoys = demo.truth.decoys.filter((s) => s.model === model);
      for (const s of schemes) expect(flagged.has(key(s.subjects[0]!.key)), `${s.id} ${s.note}`).toBe(true);
      for (const d of decoys) expect(flagged.has(key(d.subjects[0]!.key)), `${d.id} ${d.note}`).toBe(false);
      // Cycles flag every account on them; the other models flag exactly the primary subjects.
      const expected = new Set(
        schemes.flatMap((s) =>
          (model === 'circular_transfers' ? s.subjects : [s.subjects[0]!]).map((x) => key(x.key)),
        ),
      );
      expect([...flagged].filter((k) => !expected.has(k))).toEqual([]);
    });
  }
});
