// Every family, layout and encoding into a real Neo4j: counts add up, facts land once, re-ingest changes nothing.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { beforeAll, describe, expect, it } from 'vitest';
import { graphStats } from '../../engine/store/admin.ts';
import type { Store } from '../../engine/store/gateway.ts';
import { type IngestResult, ingestFiles } from '../../ingest/load/run.ts';
import {
  ACCOUNTS,
  EXPECTED,
  ID,
  UCC,
  writeCadreWorkbook,
  writeDepartmentalFiles,
} from '../fixtures/departmental.ts';
import { cleanGraph } from '../setup/store.ts';

const dir = mkdtempSync(join(tmpdir(), 'qf-ingest-'));
const out = mkdtempSync(join(tmpdir(), 'qf-ingest-out-'));
let store: Store;
let first: IngestResult;

beforeAll(async () => {
  store = await cleanGraph();
  await writeDepartmentalFiles(dir);
  await writeCadreWorkbook(dir);
  first = await ingestFiles(store, [dir], { outDir: out });
});

function fileSummary(result: IngestResult, name: string, sheet?: string) {
  const found = result.files.find(
    (f) => basename(f.path) === name && (sheet === undefined || f.sheet === sheet),
  );
  if (!found) throw new Error(`no summary for ${name}`);
  return found;
}

describe('ingest of departmental files', () => {
  it('detects each file kind from its headers and accounts for every row', () => {
    for (const [name, expected] of Object.entries(EXPECTED)) {
      const f = fileSummary(first, name);
      expect(f.kind, name).toBe(expected.kind);
      expect(f.rows, name).toBe(expected.rows);
      expect(f.quarantined, name).toBe(expected.quarantined);
      expect(f.loaded + f.merged + f.quarantined, name).toBe(f.rows);
    }
    const roster = fileSummary(first, 'cadres.xlsx', '干部名册');
    expect(roster).toMatchObject({ kind: 'cadre', rows: 2, loaded: 1, quarantined: 1 });
    expect(fileSummary(first, 'cadres.xlsx', '亲属申报')).toMatchObject({
      kind: 'relative',
      rows: 2,
      loaded: 2,
    });
    expect(first.files.some((f) => f.sheet === '空表')).toBe(false);
  });

  it('makes ONE transfer of a movement that appears in both statements, keeping both provenances', async () => {
    const banks = ['bank_village.csv', 'bank_company_gbk.tsv', 'bank_wife.psv'].map((n) =>
      fileSummary(first, n),
    );
    expect(banks.reduce((n, f) => n + f.loaded, 0)).toBe(6);
    expect(banks.reduce((n, f) => n + f.merged, 0)).toBe(2);
    const rows = await store.read<{ amount: number; sources: string[]; time: string }>(
      `MATCH (:Account {accountNo: $v})-[t:TRANSFER]->(:Account {accountNo: $c}) RETURN t.amount AS amount, t.sources AS sources, t.time AS time`,
      { v: ACCOUNTS.village, c: ACCOUNTS.company },
    );
    expect(rows).toHaveLength(1);
    expect(rows[0]!.amount).toBe(120000);
    expect(rows[0]!.time).toMatch(/^2023-05-01T09:30:0[05]$/); // the first statement read gives the time
    expect(rows[0]!.sources.sort()).toEqual(['bank_company_gbk.tsv#2', 'bank_village.csv#2']);
    const [total] = await store.read<{ n: number }>('MATCH ()-[t:TRANSFER]->() RETURN count(t) AS n');
    expect(total!.n).toBe(6);
  });

  it('reads every bank layout: flags, debit/credit columns, signed amounts, Excel serial dates', async () => {
    const rows = await store.read<{ from: string; to: string; amount: number; day: string }>(
      `MATCH (a:Account)-[t:TRANSFER]->(b:Account) RETURN a.accountNo AS from, b.accountNo AS to, t.amount AS amount,
         toString(date(t.time)) AS day ORDER BY day, amount`,
    );
    expect(rows).toContainEqual({
      from: ACCOUNTS.company,
      to: ACCOUNTS.wife,
      amount: 118000,
      day: '2023-05-06',
    });
    expect(rows).toContainEqual({
      from: ACCOUNTS.wife,
      to: '6217000077770000',
      amount: 50000,
      day: '2023-05-07',
    });
    expect(rows).toContainEqual({
      from: '6217000099990000',
      to: ACCOUNTS.village,
      amount: 300000,
      day: '2023-05-04',
    });
    // A posting without a counterparty goes to a counterparty private to that account.
    expect(rows.find((r) => r.amount === 5000)?.to).toMatch(/^UNKNOWN:6217000010001000:/);
  });

  it('ties accounts to holders only by identifiers given beside them', async () => {
    const owners = await store.read<{ account: string; key: string }>(
      `MATCH (h)-[:OWNS_ACCOUNT]->(a:Account) RETURN a.accountNo AS account, coalesce(h.idNumber, h.creditCode, h.mentionId) AS key`,
    );
    expect(owners).toContainEqual({ account: ACCOUNTS.company, key: UCC.roads });
    expect(owners).toContainEqual({ account: ACCOUNTS.wife, key: ID.wife });
    // The village account's statement names a holder but gives no identifier: no owner edge.
    expect(owners.some((o) => o.account === ACCOUNTS.village)).toBe(false);
  });

  it('derives family ties from the household register and keeps declared relatives', async () => {
    const ties = await store.read<{ a: string; b: string; relation: string; basis: string }>(
      `MATCH (a:Person)-[f:FAMILY]->(b) RETURN a.idNumber AS a, coalesce(b.idNumber, b.name) AS b, f.relation AS relation, f.basis AS basis`,
    );
    expect(ties).toContainEqual({ a: ID.cadre, b: ID.wife, relation: '配偶', basis: '户籍' });
    expect(ties).toContainEqual({ a: ID.cadre, b: ID.son, relation: '子女', basis: '户籍' });
    expect(ties).toContainEqual({ a: ID.wife, b: ID.son, relation: '子女', basis: '户籍' });
    expect(ties).toContainEqual({
      a: ID.cadre,
      b: ID.brotherInLaw,
      relation: '配偶的兄弟姐妹',
      basis: '申报',
    });
    expect(ties).toContainEqual({ a: ID.cadre, b: '张木匠', relation: '表兄弟', basis: '申报' });
  });

  it('loads deaths, company registrations, shareholdings with ratios, executives, ledgers and subsidies', async () => {
    const [elder] = await store.read<{ deathDate: string; birthDate: string }>(
      'MATCH (p:Person {idNumber: $id}) RETURN p.deathDate AS deathDate, p.birthDate AS birthDate',
      { id: ID.elder },
    );
    expect(elder).toEqual({ deathDate: '2022-12-05', birthDate: '1940-02-02' });
    const shares = await store.read<{ holder: string; ratio: number }>(
      `MATCH (h)-[s:SHAREHOLDER]->(:Company) RETURN coalesce(h.idNumber, h.creditCode) AS holder, s.ratio AS ratio ORDER BY ratio`,
    );
    expect(shares).toEqual([
      { holder: UCC.holding, ratio: 0.6 },
      { holder: ID.wife, ratio: 0.8 },
    ]);
    const [company] = await store.read<{ capital: number; rep: string; phone: string }>(
      `MATCH (r:Person)-[:LEGAL_REP]->(c:Company {creditCode: $c})-[:HAS_PHONE]->(ph:Phone)
       RETURN c.capital AS capital, r.idNumber AS rep, ph.number AS phone`,
      { c: UCC.roads },
    );
    expect(company).toEqual({ capital: 5_000_000, rep: ID.brotherInLaw, phone: '0571-88886666' });
    const ledger = await store.read<{ amount: number; payee: string }>(
      `MATCH (:Village {villageKey: '青山镇/石桥村'})-[p:COLLECTIVE_PAYMENT]->(x)
       RETURN p.amount AS amount, coalesce(x.creditCode, x.name) AS payee ORDER BY amount`,
    );
    expect(ledger).toEqual([
      { amount: 52000, payee: '张木匠' },
      { amount: 59870.69, payee: UCC.roads },
    ]);
    const [dup] = await store.read<{ n: number }>(
      `MATCH (:Person {idNumber: $id})<-[s:SUBSIDY {program: '城乡居民最低生活保障', period: '2023-03'}]-() RETURN count(s) AS n`,
      { id: ID.wife },
    );
    expect(dup!.n).toBe(2); // paid twice for one period: both payments kept for the duplicate-benefit model
    const [ghost] = await store.read<{ invalidId: boolean; raw: string }>(
      `MATCH (m:PersonMention {name: '虚构人'})<-[:SUBSIDY]-() RETURN m.invalidId AS invalidId, m.idNumberRaw AS raw`,
    );
    expect(ghost).toEqual({ invalidId: true, raw: '330102199913320000' });
  });

  it('writes every rejected row to the quarantine report with file, row, field and reason', () => {
    const records: string[][] = parse(readFileSync(first.quarantineFile, 'utf8'), {
      bom: true,
      from_line: 2,
    });
    const quarantined = records.filter((r) => r[6] === 'quarantined');
    const expected = Object.values(EXPECTED).reduce((n, e) => n + e.quarantined, 0) + 1; // + the roster row
    expect(quarantined).toHaveLength(expected);
    const has = (file: string, row: string, field: string, code: string) =>
      quarantined.some(
        (r) => basename(r[0]!) === file && r[2] === row && r[3] === field && r[4]!.startsWith(code),
      );
    expect(has('household.csv', '7', 'idNumber', 'id.checksum')).toBe(true);
    expect(has('bank_village.csv', '4', 'amount', 'amount.empty')).toBe(true);
    expect(has('ledger.csv', '4', 'date', 'date.invalid')).toBe(true);
    expect(has('shareholders.jsonl', '3', 'ratio', 'ratio.range')).toBe(true);
    expect(has('shareholders.jsonl', '4', '*', 'row.malformed')).toBe(true);
    expect(has('subsidy.csv', '6', 'name', 'name.empty')).toBe(true);
    expect(has('cadres.xlsx', '3', 'idNumber', 'idNumber.empty')).toBe(true);
    // The raw values travel with the rejection, so nothing is lost.
    const household = quarantined.find((r) => basename(r[0]!) === 'household.csv');
    expect(JSON.parse(household![7]!)).toMatchObject({ 户号: 'H004', 姓名: '坏号码' });
  });

  it('changes nothing when the same files are ingested again: every row is merged or quarantined', async () => {
    const before = await graphStats(store);
    const again = await ingestFiles(store, [dir], { outDir: out });
    for (const f of again.files) {
      expect(f.loaded, f.path).toBe(0);
      expect(f.merged + f.quarantined, f.path).toBe(f.rows);
    }
    const after = await graphStats(store);
    expect({ ...after.nodes, IngestRun: 0 }).toEqual({ ...before.nodes, IngestRun: 0 });
    expect(after.relationships).toEqual(before.relationships);
  });
});
