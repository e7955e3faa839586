// Shipped mapping profiles on the public data sets: LDBC FinBench snapshot and IBM AMLSim, counts checked against the files.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '../../engine/store/gateway.ts';
import { type IngestResult, ingestFiles } from '../../ingest/load/run.ts';
import { cleanGraph } from '../setup/store.ts';

const DATA = resolve('../shared/data');
const FINBENCH = join(DATA, 'ldbc_finbench_example/snapshot');
const out = mkdtempSync(join(tmpdir(), 'qf-profiles-'));

/** Data lines of a delimited file (header excluded), split into cells. */
function dataLines(path: string, sep: string): string[][] {
  return readFileSync(path, 'utf8')
    .split(/\r?\n/)
    .slice(1)
    .filter((l) => l.trim() !== '')
    .map((l) => l.split(sep));
}

let store: Store;

describe('FinBench snapshot through shipped profiles', () => {
  let result: IngestResult;
  beforeAll(async () => {
    store = await cleanGraph();
    result = await ingestFiles(store, [FINBENCH], { outDir: out });
  });

  it('maps the files it has profiles for and refuses the others, naming missing fields and headers', () => {
    const byName = new Map(result.files.map((f) => [basename(f.path), f]));
    for (const name of [
      'Person.csv',
      'Company.csv',
      'Account.csv',
      'AccountTransferAccount.csv',
      'PersonInvestCompany.csv',
    ]) {
      expect(byName.get(name)?.refused, name).toBeUndefined();
    }
    expect(byName.get('CompanyInvestCompany.csv')?.kind).toBe('shareholder');
    expect(byName.get('PersonGuaranteePerson.csv')?.kind).toBe('guarantee');
    const loan = byName.get('Loan.csv');
    expect(loan?.refused?.id).toBe('ingest.unmapped');
    expect(loan?.refused?.message).toContain('loanId');
    for (const f of result.files) expect(f.loaded + f.merged + f.quarantined, f.path).toBe(f.rows);
  });

  it('loads as many persons, companies, accounts and transfers as the files hold', async () => {
    const count = async (cypher: string) => (await store.read<{ n: number }>(cypher))[0]!.n;
    const people = new Set(dataLines(join(FINBENCH, 'Person.csv'), '|').map((c) => c[0]));
    const companies = new Set(dataLines(join(FINBENCH, 'Company.csv'), '|').map((c) => c[0]));
    const accounts = new Set(dataLines(join(FINBENCH, 'Account.csv'), '|').map((c) => c[0]));
    const transfers = dataLines(join(FINBENCH, 'AccountTransferAccount.csv'), '|');
    const named = await store.read<{ n: number }>(
      "UNWIND $ids AS id MATCH (p:Person {idNumber: 'FB-P-' + id}) WHERE NOT p.name STARTS WITH 'FB-' RETURN count(p) AS n",
      { ids: [...people] },
    );
    expect(named[0]!.n).toBe(people.size);
    expect(await count('MATCH (c:Company) WHERE c.name IS NOT NULL RETURN count(c) AS n')).toBe(
      companies.size,
    );
    expect(await count('MATCH (a:Account) RETURN count(a) AS n')).toBeGreaterThanOrEqual(accounts.size);
    expect(await count('MATCH ()-[t:TRANSFER]->() RETURN count(t) AS n')).toBe(transfers.length);
    const [sum] = await store.read<{ s: number }>('MATCH ()-[t:TRANSFER]->() RETURN sum(t.amount) AS s');
    const expected = transfers.reduce((s, c) => s + Math.round(Number(c[2]) * 100) / 100, 0);
    expect(sum!.s).toBeCloseTo(expected, 0);
  });

  it('keeps investment ratios as fractions on one SHAREHOLDER edge per investor and company', async () => {
    const invest = [
      ...dataLines(join(FINBENCH, 'PersonInvestCompany.csv'), '|').map((c) => `P${c[0]}>${c[1]}`),
      ...dataLines(join(FINBENCH, 'CompanyInvestCompany.csv'), '|').map((c) => `C${c[0]}>${c[1]}`),
    ];
    const [edges] = await store.read<{ n: number; max: number }>(
      'MATCH ()-[s:SHAREHOLDER]->() RETURN count(s) AS n, max(s.ratio) AS max',
    );
    expect(edges!.n).toBe(new Set(invest).size);
    expect(edges!.max).toBeLessThanOrEqual(1);
  });
});

describe('AMLSim transactions through a shipped profile', () => {
  it('loads every transaction of the 4-file sample and the 20K cycle run', async () => {
    store = await cleanGraph();
    const sample = join(DATA, 'amlsim/sample_outputs');
    const small = await ingestFiles(store, [join(sample, 'tx.csv'), join(sample, 'accounts.csv')], {
      outDir: out,
    });
    expect(small.files.map((f) => f.kind)).toEqual(['transfer', 'account']);
    const txRows = dataLines(join(sample, 'tx.csv'), ',').length;
    expect(small.files[0]!.rows).toBe(txRows);
    const cycle = join(DATA, 'amlsim/20K_cycle200/transactions.csv');
    const big = await ingestFiles(store, [cycle], { outDir: out });
    const rows = dataLines(cycle, ',').length;
    expect(big.files[0]).toMatchObject({ kind: 'transfer', rows, quarantined: 0 });
    expect(big.files[0]!.loaded + big.files[0]!.merged).toBe(rows);
    const [n] = await store.read<{ n: number }>(
      "MATCH (a:Account)-[t:TRANSFER]->() WHERE a.accountNo STARTS WITH 'AML-' RETURN count(t) AS n",
    );
    expect(n!.n).toBe(rows + txRows);
  }, 600_000);
});
