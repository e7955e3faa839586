// Dispatches a mapped row to the builder of its kind; a rejected row comes back as a Rejection, never thrown.
import { createHash } from 'node:crypto';
import type { BuildResult, Kind, MappedRow } from '../types.ts';
import { buildBank } from './bank.ts';
import { type BuildContext, RowRejected } from './common.ts';
import { buildCompany, buildExecutive, buildShareholder } from './companies.ts';
import { buildAccount, buildAccountOwner, buildGuarantee, buildTransfer } from './generic.ts';
import { buildLedger, buildSubsidy } from './payments.ts';
import { buildCadre, buildDeath, buildHousehold, buildPerson, buildRelative } from './people.ts';

export type { BuildContext };

const BUILDERS: Record<Kind, (row: MappedRow, ctx: BuildContext) => BuildResult> = {
  bank: buildBank,
  cadre: buildCadre,
  relative: buildRelative,
  household: buildHousehold,
  death: buildDeath,
  company: buildCompany,
  shareholder: buildShareholder,
  executive: buildExecutive,
  ledger: buildLedger,
  subsidy: buildSubsidy,
  person: buildPerson,
  account: buildAccount,
  accountOwner: buildAccountOwner,
  transfer: buildTransfer,
  guarantee: buildGuarantee,
};

export function buildRow(row: MappedRow, ctx: BuildContext): BuildResult {
  try {
    return BUILDERS[row.kind](row, ctx);
  } catch (error) {
    if (error instanceof RowRejected) return { ok: false, rejection: error.rejection };
    throw error;
  }
}

/** 53 bits of SHA-1: a number key keeps a million counters in tens of MB instead of hundreds. */
function key53(text: string): number {
  const digest = createHash('sha1').update(text).digest();
  return digest.readUIntBE(0, 6) * 32 + (digest[6]! >> 3);
}

/**
 * A fresh context for one file: occurrence counters live as long as the file is read. `companyCodes` is the
 * run's register by name (load/company-index.ts), given to shareholder and key-personnel files.
 */
export function fileContext(
  options: BuildContext['options'],
  companyCodes?: BuildContext['companyCodes'],
): BuildContext {
  const seen = new Map<number, number>();
  return {
    options,
    ...(companyCodes ? { companyCodes } : {}),
    occurrence(key: string): number {
      const k = key53(key);
      const n = (seen.get(k) ?? 0) + 1;
      seen.set(k, n);
      return n;
    },
  };
}
