// `qingfeng ingest --plan` and `qingfeng profiles` as a user runs them: a plan, its profile passed back, saved ones.
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { cleanEnv, runCli } from '../setup/cli.ts';
import { cleanGraph, testServerEnv } from '../setup/store.ts';

const dir = mkdtempSync(join(tmpdir(), 'qf-cli-plan-'));
const home = join(dir, 'home');
const out = join(dir, 'plan');
const statement = join(dir, 'statement.csv');

/** A counter statement: a title and an account block above the table, a total and a print time below. */
const STATEMENT = [
  '个人账户交易明细',
  '户名：张三',
  '账号：6222020200112233445',
  '交易日期,摘要,交易金额,借贷标志,余额,对方账号,对方户名',
  '2024-01-03,转账,1000.00,借,5000.00,6217000010001000,李四',
  '2024-01-05,转账,200.00,贷,5200.00,6217000010002000,王五',
  '合计,,1200.00,,,,',
  '打印时间：2024-02-01 10:00',
  '',
].join('\n');

// No store at all: --plan and profiles must work without Neo4j.
const offline = () => cleanEnv({ QINGFENG_HOME: home, NEO4J_URI: 'bolt://127.0.0.1:1' });

beforeAll(() => {
  writeFileSync(statement, STATEMENT);
});

describe('qingfeng ingest --plan', () => {
  let profile: string;

  it('prints the plan as JSON without a store, and writes a profile per table', async () => {
    const result = await runCli(['ingest', '--plan', statement, '--json', '--out', out], offline());
    expect(result.stderr).not.toContain('Error');
    expect(result.code).toBe(0);
    const plan = JSON.parse(result.stdout);
    expect(plan.tables).toHaveLength(1);
    const [table] = plan.tables;
    expect(table.headerRows).toEqual([4]);
    expect(table.kind).toBe('bank');
    expect(table.preamble).toEqual(
      expect.arrayContaining([expect.objectContaining({ field: 'ownName', value: '张三' })]),
    );
    expect(table.skipped.count).toBe(2);
    expect(plan.profiles).toHaveLength(1);
    profile = plan.profiles[0];
    expect(profile.startsWith(out)).toBe(true);
    expect(readFileSync(profile, 'utf8')).toContain('kind: bank');
  });

  it('prints the plan for a person: header row, preamble facts, columns, skipped rows, Chinese first', async () => {
    const result = await runCli(['ingest', '--plan', statement, '--out', out], offline());
    expect(result.code).toBe(0);
    expect(result.stderr).toContain('表头行 Header row: 4');
    expect(result.stderr).toMatch(/户名：张三 → ownName/);
    expect(result.stderr).toMatch(/交易金额\s+→ amount/);
    expect(result.stderr).toContain('跳过 Skipped 2');
    expect(result.stderr).toContain('未导入任何数据 Nothing was loaded');
  });

  it('accepts the written profile back with --profile, in the plan and in a real ingest', async () => {
    const name = basename(profile, '.yaml');
    // The analyst's edit: the plan run with it must not overwrite it.
    const edited = `${readFileSync(profile, 'utf8')}# 已核对 checked\n`;
    writeFileSync(profile, edited);
    const planned = await runCli(
      ['ingest', '--plan', statement, '--profile', profile, '--json', '--out', out],
      offline(),
    );
    expect(planned.code).toBe(0);
    const answer = JSON.parse(planned.stdout);
    expect(answer.tables[0].profile).toBe(name);
    expect(answer.profiles[0]).not.toBe(profile);
    expect(readFileSync(profile, 'utf8')).toBe(edited);
    await cleanGraph();
    const env = { ...testServerEnv(), QINGFENG_HOME: home };
    const json = await runCli(
      ['ingest', statement, '--profile', profile, '--json', '--out', join(dir, 'runs')],
      env,
    );
    expect(json.code).toBe(0);
    const [file] = JSON.parse(json.stdout).files;
    expect(file).toMatchObject({ kind: 'bank', rows: 4, skipped: 2, quarantined: 0 });
    expect(file.loaded + file.merged).toBe(2);
    const text = await runCli(['ingest', statement, '--profile', profile, '--out', join(dir, 'runs')], env);
    expect(text.code).toBe(0);
    expect(text.stderr).toContain('跳过 skipped 2');
  });
});

describe('qingfeng profiles', () => {
  it('saves a profile file, lists, shows and removes it; a missing name is profile.notFound', async () => {
    const written = join(out, 'statement.yaml');
    expect(existsSync(written)).toBe(true);
    const saved = await runCli(['profiles', 'save', written], offline());
    expect(saved.code).toBe(0);
    const list = await runCli(['profiles', 'list', '--json'], offline());
    const [entry] = JSON.parse(list.stdout).profiles;
    expect(entry).toMatchObject({ name: 'statement', kind: 'bank' });
    expect(entry.savedBy).toMatch(/^cli:/);
    const show = await runCli(['profiles', 'show', 'statement'], offline());
    expect(show.stdout).toContain('kind: bank');
    expect((await runCli(['profiles', 'remove', 'statement'], offline())).code).toBe(0);
    const again = await runCli(['profiles', 'remove', 'statement'], offline());
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('[profile.notFound]');
    const bad = join(dir, 'bad.yaml');
    writeFileSync(bad, 'name: x\nkind: lottery\nfields: {}\n');
    const refused = await runCli(['profiles', 'save', bad], offline());
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('[profile.invalid]');
  });
});
