// The plan and the profile it writes (ingest/layout/plan.ts): round trip through YAML, corrections, refusals.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isEngineError } from '../../../engine/errors.ts';
import {
  mapShapedTable,
  openShapedTables,
  planFiles,
  profileFromPlan,
  profileToYaml,
} from '../../../ingest/layout/plan.ts';
import type { TablePlan } from '../../../ingest/layout/types.ts';
import { makeIdNumber } from '../../../ingest/normalise/idnumber.ts';
import { loadProfile } from '../../../ingest/profiles/profile.ts';

const ACCOUNT = '6228480012345678901';
const STATEMENT = [
  '中国农业银行账户明细',
  `户名：张三 账号：${ACCOUNT}`,
  '交易日期,交易金额,余额,对方户名,对方账号,摘要,附言',
  '2025-01-05,3000.00,5000.00,李四,6222020200199887766,工资,一月',
  '2025-01-06,-200.00,4800.00,王五,6222020200199887767,转账,还款',
  '2025-01-07,-100.00,4700.00,赵六,6222020200199887768,消费,午饭',
  '合计,2700.00,,,,,',
].join('\n');

const IDS = ['19800101', '19810202', '19820303'].map((birth, i) => makeIdNumber('330102', birth, `01${i}`));
const LIVING = [
  '姓名,身份证号,联系电话,登记日期',
  ...IDS.map((id, i) => `人${'甲乙丙'[i]},${id},1380013800${i},2025-0${i + 1}-01`),
].join('\n');

let dir: string;
let statementPath: string;
let plan: TablePlan;
let living: TablePlan;

/** The error `fn` throws (failing the test if it throws none). */
function thrown(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  throw new Error('expected a throw');
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'qf-layout-plan-'));
  statementPath = join(dir, 'statement.csv');
  writeFileSync(statementPath, STATEMENT);
  writeFileSync(join(dir, 'living.csv'), LIVING);
  [plan] = (await planFiles([statementPath])) as [TablePlan];
  [living] = (await planFiles([join(dir, 'living.csv')])) as [TablePlan];
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('plans of empty or unmappable input', () => {
  it('no paths plan nothing', async () => {
    expect(await planFiles([])).toEqual([]);
  });

  it('a file with no recognisable table is a refused plan, and a refused plan makes no profile without a kind', async () => {
    const path = join(dir, 'noise.csv');
    writeFileSync(path, 'foo,bar\n1,2\n');
    const [refused] = (await planFiles([path])) as [TablePlan];
    expect(refused.kind).toBeNull();
    expect(refused.refused?.id).toBe('ingest.unmapped');
    const error = thrown(() => profileFromPlan(refused));
    expect(isEngineError(error) && error.id).toBe('profile.noKind');
  });
});

describe('the plan of a statement', () => {
  it('finds the header below the account block, the preamble facts and the total row', () => {
    expect(plan.kind).toBe('bank');
    expect(plan.headerRows).toEqual([3]);
    expect(plan.preamble.map((f) => [f.field, f.value])).toEqual([
      ['ownName', '张三'],
      ['ownAccount', ACCOUNT],
    ]);
    expect(plan.dataRows).toBe(3);
    expect(plan.skipped).toMatchObject({ count: 1, byReason: { total: 1 } });
  });

  it('profileFromPlan round trip: the YAML, loaded back, maps the same table to the same fields', async () => {
    const spec = profileFromPlan(plan);
    const path = join(dir, 'statement.yaml');
    writeFileSync(path, profileToYaml(spec));
    const loaded = loadProfile(path);
    expect(loaded.spec).toEqual(spec);
    const [table] = await openShapedTables(statementPath);
    expect(loaded.matches(table!.headers, 'statement.csv')).toBe(true);
    const recognised = await mapShapedTable(table!, {});
    expect(loaded.toMapping(table!.headers, statementPath).fields).toEqual(recognised.fields);
    const replanned = await planFiles([statementPath], { profile: loaded });
    expect(replanned[0]!.columns.map((c) => c.field)).toEqual(plan.columns.map((c) => c.field));
  });

  it('a correction gives a column another field, or takes it out', () => {
    expect(plan.columns.find((c) => c.header === '摘要')?.field).toBe('memo');
    const spec = profileFromPlan(plan, { columns: { 摘要: null, 附言: 'memo' } });
    expect(spec.fields.memo).toBe('附言');
    expect(Object.values(spec.fields)).not.toContain('摘要');
    expect(spec.fields.ownAccount).toEqual({ preamble: '账号' });
  });

  it('an unknown field is refused as profile.unknownField', () => {
    const error = thrown(() => profileFromPlan(plan, { columns: { 摘要: 'nonsense' } }));
    expect(isEngineError(error) && error.id).toBe('profile.unknownField');
  });
});

describe('a correction changing the kind', () => {
  it('a list of the living is planned as a person list, never as a death register', () => {
    expect(living.kind).toBe('person');
    expect(living.columns.map((c) => c.field)).not.toContain('deathDate');
  });

  it('the new kind keeps only the columns the analyst names, with the plan’s fingerprint', () => {
    const spec = profileFromPlan(
      living,
      { kind: 'death', columns: { 姓名: 'name', 身份证号: 'idNumber', 登记日期: 'deathDate' } },
      'my-deaths',
    );
    expect(spec).toMatchObject({
      name: 'my-deaths',
      kind: 'death',
      match: { fingerprint: living.fingerprint },
    });
    expect(spec.fields).toEqual({ name: '姓名', idNumber: '身份证号', deathDate: '登记日期' });
  });

  it('a field the new kind lacks is refused', () => {
    const error = thrown(() => profileFromPlan(living, { kind: 'death', columns: { 联系电话: 'phone' } }));
    expect(isEngineError(error) && error.id).toBe('profile.unknownField');
  });
});
