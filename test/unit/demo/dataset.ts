// Generates a demo county and reads it back through the ingest's own layout reader, mapping and normalisers.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type DemoSummary, generateDemo, type Truth, type WrittenFile } from '../../../engine/demo/index.ts';
import { fileContext } from '../../../ingest/build/index.ts';
import { mapShapedTable, openShapedTables } from '../../../ingest/layout/plan.ts';
import { TableRows } from '../../../ingest/load/rows.ts';
import {
  normaliseKey,
  parseAmount,
  parseCreditCode,
  parseDate,
  parseDateTime,
  parseDirection,
  parseIdNumber,
  parsePhone,
  parseRatio,
} from '../../../ingest/normalise/index.ts';
import { shippedProfiles } from '../../../ingest/profiles/profile.ts';
import type { Kind } from '../../../ingest/types.ts';

export interface Row {
  file: string;
  sheet?: string;
  row: number;
  kind: Kind;
  /** canonical field → raw text */
  f: Record<string, string>;
  malformed?: string;
}

/**
 * Every data row of every file, read the way ingest reads it: the table located below its title and account
 * block, the preamble's facts applied, merged group cells carried down, columns mapped by meaning and content.
 * Totals and footers are left out; a row the ingest's builder refuses is kept as malformed, with its reason.
 */
export async function readRows(dir: string, files: WrittenFile[]): Promise<Row[]> {
  const rows: Row[] = [];
  const profiles = shippedProfiles();
  for (const path of [...new Set(files.map((f) => f.path))]) {
    for (const table of await openShapedTables(join(dir, path))) {
      const mapped = await mapShapedTable(table, { profiles });
      const mapping = { kind: mapped.kind, fields: mapped.fields, profile: mapped.profile };
      const reader = new TableRows(table, mapping, fileContext({ idValidation: 'gb' }));
      const where = { file: path, ...(table.sheet ? { sheet: table.sheet } : {}), kind: mapping.kind };
      for await (const record of table.records()) {
        const outcome = reader.read(record);
        if (outcome.type === 'skipped') continue;
        if (outcome.type === 'quarantined') {
          rows.push({ ...where, row: record.row, f: {}, malformed: outcome.reason });
          continue;
        }
        const f: Record<string, string> = {};
        for (const [field, value] of Object.entries(outcome.row.fields)) f[field] = (value ?? '').trim();
        rows.push({ ...where, row: record.row, f });
      }
    }
  }
  return rows;
}

export interface Transfer {
  from: string;
  to: string;
  /** seconds since the epoch, wall clock as UTC */
  t: number;
  fen: number;
}

export interface Dataset {
  rows: Row[];
  /** rows the ingest would reject, as `file:row` */
  rejected: Set<string>;
  register: Map<string, { name: string; household: string; phone: string; address: string }>;
  households: Map<string, string[]>;
  deaths: Map<string, string>;
  cadres: { id: string; unit: string; village: string }[];
  declared: { cadreId: string; relativeId: string }[];
  companies: Map<string, { legalRepId: string; phone: string; address: string }>;
  holders: { code: string; holder: string; ratio: number }[];
  executives: { code: string; id: string }[];
  ledger: { village: string; date: string; payee: string; account: string; fen: number }[];
  subsidies: { program: string; raw: string; id?: string; date: string; period: string; fen: number }[];
  transfers: Transfer[];
  /** account → holder ID number or credit code, from the statements */
  owners: Map<string, string>;
  holderNames: Map<string, string>;
}

const TODAY = '2026-12-31';
const idOf = (raw: string) => {
  const p = parseIdNumber(raw, TODAY);
  return p.ok ? p.value.idNumber : undefined;
};
const seconds = (iso: string) => Date.parse(`${iso}Z`) / 1000;
const fenOf = (raw: string) => {
  const p = parseAmount(raw);
  return p.ok ? Math.round(p.value * 100) : undefined;
};

function bankMovement(f: Record<string, string>): { fen: number; out: boolean } | undefined {
  const debit = f.debit ? fenOf(f.debit) : undefined;
  const credit = f.credit ? fenOf(f.credit) : undefined;
  if (debit) return { fen: debit, out: true };
  if (credit) return { fen: credit, out: false };
  const amount = f.amount ? fenOf(f.amount) : undefined;
  if (!amount) return undefined;
  const direction = f.direction ? parseDirection(f.direction) : undefined;
  if (direction) return { fen: Math.abs(amount), out: direction === 'out' };
  return { fen: Math.abs(amount), out: amount < 0 };
}

export async function loadDataset(dir: string, files: WrittenFile[]): Promise<Dataset> {
  const rows = await readRows(dir, files);
  const d: Dataset = {
    rows,
    rejected: new Set(),
    register: new Map(),
    households: new Map(),
    deaths: new Map(),
    cadres: [],
    declared: [],
    companies: new Map(),
    holders: [],
    executives: [],
    ledger: [],
    subsidies: [],
    transfers: [],
    owners: new Map(),
    holderNames: new Map(),
  };
  const seen = new Set<string>();
  const reject = (r: Row) => d.rejected.add(`${r.file}:${r.row}`);
  for (const r of rows) {
    const f = r.f;
    if (r.malformed) {
      reject(r);
      continue;
    }
    if (r.kind === 'household') {
      const id = idOf(f.idNumber ?? '');
      if (!id) {
        reject(r);
        continue;
      }
      const phone = parsePhone(f.phone ?? '');
      d.register.set(id, {
        name: f.name ?? '',
        household: f.householdNo ?? '',
        phone: phone.ok ? phone.value.phone : '',
        address: f.address ?? '',
      });
      d.households.set(f.householdNo ?? '', [...(d.households.get(f.householdNo ?? '') ?? []), id]);
    } else if (r.kind === 'death') {
      const date = parseDate(f.deathDate ?? '');
      const id = idOf(f.idNumber ?? '');
      if (!date.ok || !id) reject(r);
      else d.deaths.set(id, date.value);
    } else if (r.kind === 'cadre') {
      d.cadres.push({
        id: idOf(f.idNumber ?? '') ?? '',
        unit: f.unit ?? '',
        village: f.village ? `${f.town}/${f.village}` : '',
      });
    } else if (r.kind === 'relative') {
      d.declared.push({ cadreId: idOf(f.cadreId ?? '') ?? '', relativeId: idOf(f.relativeId ?? '') ?? '' });
    } else if (r.kind === 'company') {
      const code = parseCreditCode(f.creditCode ?? '');
      const phone = parsePhone(f.phone ?? '');
      if (code.ok)
        d.companies.set(code.value.creditCode, {
          legalRepId: idOf(f.legalRepId ?? '') ?? '',
          phone: phone.ok ? phone.value.phone : '',
          address: f.address ?? '',
        });
    } else if (r.kind === 'shareholder') {
      const ratio = parseRatio(f.ratio ?? '');
      if (!ratio.ok) reject(r);
      else
        d.holders.push({
          code: normaliseKey(f.creditCode ?? ''),
          holder: idOf(f.holderId ?? '') ?? normaliseKey(f.holderId ?? ''),
          ratio: ratio.value,
        });
    } else if (r.kind === 'executive') {
      d.executives.push({ code: normaliseKey(f.creditCode ?? ''), id: idOf(f.idNumber ?? '') ?? '' });
    } else if (r.kind === 'ledger') {
      const date = parseDate(f.date ?? '');
      const fen = fenOf(f.amount ?? '');
      if (!date.ok || !fen) reject(r);
      else
        d.ledger.push({
          village: `${f.town}/${f.village}`,
          date: date.value,
          payee: normaliseKey(f.payeeId || f.payeeAccount || ''),
          account: normaliseKey(f.payeeAccount ?? ''),
          fen,
        });
    } else if (r.kind === 'subsidy') {
      const date = parseDate(f.date ?? '');
      const fen = fenOf(f.amount ?? '');
      if (!date.ok || !fen) reject(r);
      else
        d.subsidies.push({
          program: f.program ?? '',
          raw: f.idNumber ?? '',
          id: idOf(f.idNumber ?? ''),
          date: date.value,
          period: f.period ?? '',
          fen,
        });
    } else if (r.kind === 'account') {
      const account = normaliseKey(f.accountNo ?? '');
      if (f.holderId) d.owners.set(account, normaliseKey(f.holderId));
      d.holderNames.set(account, f.holderName ?? '');
    } else if (r.kind === 'bank') {
      const own = normaliseKey(f.ownAccount ?? '');
      const when = f.date ? parseDateTime(f.date, f.time || undefined) : parseDateTime(f.time ?? '');
      const move = bankMovement(f);
      if (!when.ok || !move) {
        reject(r);
        continue;
      }
      if (f.ownId) d.owners.set(own, normaliseKey(f.ownId));
      d.holderNames.set(own, f.ownName ?? '');
      const cp = normaliseKey(f.cpAccount ?? '') || `UNKNOWN:${own}`;
      if (f.cpName) d.holderNames.set(cp, d.holderNames.get(cp) ?? f.cpName);
      const [from, to] = move.out ? [own, cp] : [cp, own];
      const key = `${from}|${to}|${when.value}|${move.fen}`;
      if (seen.has(key)) continue;
      seen.add(key);
      d.transfers.push({ from, to, t: seconds(when.value), fen: move.fen });
    }
  }
  d.transfers.sort((a, b) => a.t - b.t);
  return d;
}

export interface Demo {
  dir: string;
  summary: DemoSummary;
  truth: Truth;
  data: Dataset;
}

export async function makeDemo(seed = 1): Promise<Demo> {
  const dir = mkdtempSync(join(tmpdir(), 'qf-demo-'));
  const summary = await generateDemo({ out: dir, seed });
  const truth = JSON.parse(readFileSync(join(dir, 'truth.json'), 'utf8')) as Truth;
  const data = await loadDataset(summary.dataDir, summary.files);
  return { dir, summary, truth, data };
}
