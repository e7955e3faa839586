// The demo county generator: departmental files with planted schemes, decoys and malformed rows, plus truth.json.
import { existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { InvalidInputError } from '../errors.ts';
import { ageOn } from './calendar.ts';
import { buildCompanies, markTied } from './companies.ts';
import { County } from './county.ts';
import { backgroundLedger } from './ledger.ts';
import { Plan } from './plan.ts';
import { plantAllowance } from './plant/allowance.ts';
import { plantContractors, plantHiddenOwners, plantSharedContacts } from './plant/contracts.ts';
import { plantCycles, plantKickbacks, plantPassThrough } from './plant/flows.ts';
import { plantSplits } from './plant/payments.ts';
import { plantDeceased, plantDuplicates, plantGhosts, plantUncovered } from './plant/welfare.ts';
import { buildPopulation } from './population.ts';
import { backgroundSubsidies } from './subsidies.ts';
import { writeTransfers } from './transfers.ts';
import { DEFAULT_PARAMS, type Truth } from './truth.ts';
import { writeCompanies } from './write/companies.ts';
import { writeAccountLists, writeLedgers, writeSubsidies } from './write/payments.ts';
import { writeCadres, writeDeaths, writeHouseholds } from './write/people.ts';
import type { PlantedWarning, WriteContext, WrittenFile } from './write/text.ts';

export type { Decoy, Malformed, ModelId, Scheme, Subject, Truth } from './truth.ts';
export { MODELS } from './truth.ts';
export type { WrittenFile } from './write/text.ts';

/** Subfolder of `out` holding the departmental files; `files[].path` and truth's file names are relative to it. */
export const DATA_DIR = 'data';

export interface DemoOptions {
  /** Folder to write into; created if missing, and must be empty unless `overwrite`. */
  out: string;
  /** Size of the county: 1 ≈ 3,000 people and 10,000 transfers; grows linearly. */
  scale?: number;
  seed?: number;
  /** The date the investigation looks from (YYYY-MM-DD); the data covers the six months up to it. */
  asOf?: string;
  /** Empty the folder first. */
  overwrite?: boolean;
}

export interface DemoSummary {
  /** The departmental files' folder (`out/data`). */
  dataDir: string;
  files: WrittenFile[];
  people: number;
  households: number;
  companies: number;
  accounts: number;
  transfers: number;
  schemes: number;
  decoys: number;
  malformed: number;
  /** Rows ingest loads with a warning by design (wrong credit-code check character, invalid ghost IDs). */
  warnings: PlantedWarning[];
}

function checkOptions(options: DemoOptions): { scale: number; seed: number; asOf: string } {
  const scale = options.scale ?? 1;
  const seed = options.seed ?? 1;
  const asOf = options.asOf ?? '2026-06-30';
  if (!(scale > 0 && scale <= 1000))
    throw new InvalidInputError('demo.scale', `规模须在 0–1000 之间 / scale must be in (0, 1000]: ${scale}`);
  if (!Number.isInteger(seed))
    throw new InvalidInputError('demo.seed', `种子须为整数 / seed must be an integer: ${seed}`);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(asOf) || asOf < '2000-01-01' || asOf > '2099-12-31') {
    throw new InvalidInputError(
      'demo.asOf',
      `基准日期格式应为 YYYY-MM-DD / asOf must be YYYY-MM-DD: ${asOf}`,
    );
  }
  return { scale, seed, asOf };
}

function prepareFolder(out: string, overwrite: boolean): void {
  if (existsSync(out) && readdirSync(out).length > 0) {
    if (!overwrite)
      throw new InvalidInputError('demo.out', `输出目录非空 / output folder is not empty: ${out}`);
    rmSync(out, { recursive: true, force: true });
  }
  mkdirSync(out, { recursive: true });
}

/** One ordinary villager whose register row carries an ID typo; kept out of everything else. */
function pickTypoPerson(county: County): void {
  const rng = county.rng('typo');
  const { asOf } = county.settings;
  const candidates = county.people.filter(
    (p) => !p.related && !p.account && !p.death && ageOn(p.birth, asOf) >= 20 && ageOn(p.birth, asOf) <= 60,
  );
  const chosen = candidates.length > 0 ? rng.pick(candidates) : undefined;
  if (chosen) chosen.malformedRow = true;
}

export async function generateDemo(options: DemoOptions): Promise<DemoSummary> {
  const { scale, seed, asOf } = checkOptions(options);
  const out = resolve(options.out);
  prepareFolder(out, options.overwrite === true);
  const county = new County({ seed, scale, asOf });
  buildPopulation(county);
  pickTypoPerson(county);
  buildCompanies(county);
  const plan = new Plan(county);
  for (const plant of [
    plantDeceased,
    plantUncovered,
    plantGhosts,
    plantDuplicates,
    plantAllowance,
    plantContractors,
    plantHiddenOwners,
    plantSharedContacts,
    plantSplits,
    plantCycles,
    plantPassThrough,
    plantKickbacks,
  ]) {
    plant(plan);
  }
  markTied(county);
  backgroundSubsidies(plan);
  backgroundLedger(plan);

  // Departmental files go to out/data (what `qingfeng ingest` reads); truth.json stays beside, never ingested.
  const root = join(out, DATA_DIR);
  mkdirSync(root, { recursive: true });
  const ctx: WriteContext = { county, plan, root, rng: county.rng('write'), files: [], warnings: [] };
  await writeHouseholds(ctx);
  await writeCadres(ctx);
  await writeDeaths(ctx);
  await writeCompanies(ctx);
  await writeLedgers(ctx);
  await writeSubsidies(ctx);
  await writeAccountLists(ctx);
  const counts = {
    people: county.people.length,
    households: county.households.length,
    companies: county.companies.length,
    accounts: county.accounts.length,
  };
  // Only accounts matter from here on: letting go of the rest keeps scale-100 memory small.
  plan.subsidies.length = 0;
  plan.ledger.length = 0;
  plan.used.clear();
  const bank = await writeTransfers(county, plan, root);
  const files = [...ctx.files, ...bank.files];

  const truth: Truth = {
    seed,
    scale,
    asOf,
    params: DEFAULT_PARAMS,
    schemes: plan.book.schemes,
    decoys: plan.book.decoys,
    malformed: plan.book.malformed,
  };
  truth.malformed.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.row - b.row));
  writeFileSync(join(out, 'truth.json'), `${JSON.stringify(truth, null, 2)}\n`);
  return {
    dataDir: root,
    files,
    ...counts,
    transfers: bank.transfers,
    schemes: truth.schemes.length,
    decoys: truth.decoys.length,
    malformed: truth.malformed.length,
    warnings: ctx.warnings,
  };
}
