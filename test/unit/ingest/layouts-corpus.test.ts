// Sanity of the layout corpus manifest (test/fixtures/layouts): files exist, entries are well formed, README agrees.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isValidCreditCode } from '../../../ingest/normalise/creditcode.ts';
import { isValidIdNumber } from '../../../ingest/normalise/idnumber.ts';
import { FAMILIES } from '../../../ingest/profiles/families.ts';
import { KINDS as ALL_KINDS } from '../../../ingest/types.ts';
import { loadManifest } from './helpers/layout-corpus.ts';

const DIR = join(import.meta.dirname, '../../fixtures/layouts');
/** The departmental kinds (the generic ones after them read foreign data sets through profiles). */
const KINDS = ALL_KINDS.slice(0, ALL_KINDS.indexOf('person'));

const manifest = loadManifest(DIR);
const readme = readFileSync(join(DIR, 'README.md'), 'utf8');

function fixtureFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return fixtureFiles(path);
    return /^(make.*\.ts|manifest\.json|README\.md)$/.test(name) ? [] : [relative(DIR, path)];
  });
}

describe('layout corpus manifest', () => {
  it('lists at least 44 tables, spread over the families the issue asks for', () => {
    expect(manifest.length).toBeGreaterThanOrEqual(44);
    const count = (kinds: string[]) => manifest.filter((e) => kinds.includes(e.kind)).length;
    expect(count(['bank'])).toBeGreaterThanOrEqual(16);
    expect(count(['company', 'shareholder', 'executive'])).toBeGreaterThanOrEqual(6);
    expect(count(['cadre', 'relative'])).toBeGreaterThanOrEqual(8);
    expect(count(['ledger'])).toBeGreaterThanOrEqual(6);
    expect(count(['subsidy', 'household', 'death'])).toBeGreaterThanOrEqual(8);
  });

  it('names an existing file for every entry, a sheet exactly for XLSX, and lists every fixture file', () => {
    for (const e of manifest) {
      expect(existsSync(join(DIR, e.file)), e.file).toBe(true);
      expect(e.sheet !== undefined, `${e.file} sheet`).toBe(e.file.endsWith('.xlsx'));
    }
    const listed = new Set(manifest.map((e) => e.file));
    expect(fixtureFiles(DIR).filter((f) => !listed.has(f))).toEqual([]);
    const keys = manifest.map((e) => `${e.file}#${e.sheet ?? ''}`);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('gives each entry a valid kind, a cited source, consistent counts and 3–6 checks after the header', () => {
    for (const e of manifest) {
      const at = `${e.file}${e.sheet ? `[${e.sheet}]` : ''}`;
      expect(KINDS, at).toContain(e.kind);
      expect(e.source.length, at).toBeGreaterThan(20);
      expect(e.headerRow, at).toBeGreaterThanOrEqual(e.file.endsWith('.json') ? 0 : 1);
      expect(e.dataRows, at).toBeGreaterThanOrEqual(5);
      expect(e.dataRows, at).toBeLessThanOrEqual(40);
      expect(e.skipped, at).toBeGreaterThanOrEqual(0);
      expect(e.checks.length, at).toBeGreaterThanOrEqual(3);
      expect(e.checks.length, at).toBeLessThanOrEqual(6);
      const last = e.headerRow + e.dataRows + e.skipped + 60;
      for (const c of e.checks) {
        expect(c.row, `${at} row`).toBeGreaterThan(e.headerRow);
        expect(c.row, `${at} row`).toBeLessThan(last);
        expect(c.value.trim(), `${at} ${c.field}`).toBe(c.value);
      }
    }
  });

  it('uses only canonical field names of the kind, in checks and preamble facts', () => {
    for (const e of manifest) {
      const family = FAMILIES.find((f) => f.kind === e.kind);
      expect(family, e.kind).toBeDefined();
      const fields = Object.keys(family?.fields ?? {});
      for (const c of e.checks) expect(fields, `${e.file} ${c.field}`).toContain(c.field);
      for (const key of Object.keys(e.preamble ?? {})) expect(fields, `${e.file} preamble`).toContain(key);
    }
  });

  it('writes values as they mean after normalisation', () => {
    const ids = ['idNumber', 'cadreId', 'relativeId', 'ownId', 'legalRepId'];
    for (const e of manifest) {
      for (const c of e.checks) {
        const at = `${e.file}#${c.row} ${c.field}=${c.value}`;
        if (ids.includes(c.field)) expect(isValidIdNumber(c.value) && c.value.length === 18, at).toBe(true);
        if (c.field === 'creditCode') expect(isValidCreditCode(c.value), at).toBe(true);
        if (c.field === 'holderId' || c.field === 'payeeId') {
          expect(isValidIdNumber(c.value) || isValidCreditCode(c.value), at).toBe(true);
        }
        if (/date$|^date$/i.test(c.field)) expect(c.value, at).toMatch(/^\d{4}-\d{2}-\d{2}$/);
        if (['amount', 'subscribed', 'balance'].includes(c.field))
          expect(c.value, at).toMatch(/^\d+(\.\d+)?$/);
        if (c.field === 'direction') expect(['in', 'out'], at).toContain(c.value);
        if (/account/i.test(c.field) || c.field === 'accountNo') expect(c.value, at).toMatch(/^\d{12,21}$/);
        if (c.field === 'ratio') expect(Number(c.value), at).toBeGreaterThan(0);
        if (c.field === 'ratio') expect(Number(c.value), at).toBeLessThanOrEqual(1);
      }
    }
  });

  it('has a README line for every file, naming its kind', () => {
    for (const e of manifest) {
      const line = readme
        .split('\n')
        .find((l) => l.startsWith(`- \`${e.file}\``) && (!e.sheet || l.includes(`[${e.sheet}]`)));
      expect(line, e.file).toBeDefined();
      expect(line, e.file).toContain(e.kind);
    }
  });
});
