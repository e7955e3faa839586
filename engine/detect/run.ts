// runModels: the engine API that runs supervision models with the data they share, times each, stores their clues.
import { InvalidInputError } from '../errors.ts';
import type { Store } from '../store/gateway.ts';
import { sortClues } from './clue.ts';
import { circularTransfers } from './models/circular.ts';
import { cadreRelatedContractor } from './models/contractor.ts';
import { deceasedReceiving } from './models/deceased.ts';
import { duplicateBenefit } from './models/duplicate.ts';
import { fanIn } from './models/fanIn.ts';
import { ghostRecipient } from './models/ghost.ts';
import { hiddenBeneficialOwner } from './models/hiddenOwner.ts';
import { kickbackChain } from './models/kickback.ts';
import { passThrough } from './models/passThrough.ts';
import { cadreRelativeAllowance } from './models/relativeAllowance.ts';
import { sharedContact } from './models/sharedContact.ts';
import { splitPayments } from './models/splitPayments.ts';
import { eligibleNotCovered } from './models/uncovered.ts';
import { resolveAsOf, resolveParams } from './params.ts';
import { Circle } from './shared/circle.ts';
import { Ownership } from './shared/ownership.ts';
import { loadPaidCompanies, type PaidCompany, Payers } from './shared/payers.ts';
import { saveClues } from './store/save.ts';
import {
  type Clue,
  DEFAULT_MODEL_IDS,
  type ModelDefinition,
  type ModelId,
  type ModelTiming,
  type Reader,
  type RunOptions,
  type RunResult,
  type SharedNeed,
} from './types.ts';

/** Every model, in the order they run and are listed. */
export const MODELS: readonly ModelDefinition[] = [
  deceasedReceiving,
  eligibleNotCovered,
  cadreRelativeAllowance,
  cadreRelatedContractor,
  hiddenBeneficialOwner,
  sharedContact,
  splitPayments,
  circularTransfers,
  passThrough,
  kickbackChain,
  ghostRecipient,
  duplicateBenefit,
  fanIn,
];

/** Data several models share in one run (cadre circle, payers, paid companies, shareholdings), loaded once, timed. */
export class SharedContext {
  readonly store: Reader;
  readonly asOf: string;
  /** Milliseconds spent loading each part. */
  readonly timings: Record<string, number> = {};
  private circleP?: Promise<Circle>;
  private payersP?: Promise<Payers>;
  private paidP?: Promise<Map<string, PaidCompany>>;
  private ownershipP?: Promise<Ownership>;

  constructor(store: Reader, asOf: string) {
    this.store = store;
    this.asOf = asOf;
  }

  private timed<T>(name: string, work: () => Promise<T>): Promise<T> {
    const started = performance.now();
    return work().then((value) => {
      this.timings[name] = Math.round(performance.now() - started);
      return value;
    });
  }

  /** Cadres, their posts, and their declared and household relatives. */
  circle(): Promise<Circle> {
    this.circleP ??= this.timed('circle', () => Circle.load(this.store));
    return this.circleP;
  }

  /** Villages and public bodies that pay, with their accounts and cadres. */
  payers(): Promise<Payers> {
    this.payersP ??= this.circle().then((circle) =>
      this.timed('payers', () => Payers.load(this.store, circle)),
    );
    return this.payersP;
  }

  /** Companies paid by a collective or public payer up to asOf. */
  paidCompanies(): Promise<Map<string, PaidCompany>> {
    this.paidP ??= this.payers().then((payers) =>
      this.timed('paidCompanies', () => loadPaidCompanies(this.store, payers, this.asOf)),
    );
    return this.paidP;
  }

  /** The shareholding graph. */
  ownership(): Promise<Ownership> {
    this.ownershipP ??= this.timed('ownership', () => Ownership.load(this.store));
    return this.ownershipP;
  }

  /** Loads what the given needs require, one after another (their timings are then the models' share). */
  async prepare(needs: Iterable<SharedNeed>): Promise<void> {
    for (const need of new Set(needs)) {
      if (need === 'circle') await this.circle();
      else if (need === 'payers') await this.payers();
      else if (need === 'paidCompanies') await this.paidCompanies();
      else await this.ownership();
    }
  }
}

const byId = new Map<string, ModelDefinition>(MODELS.map((m) => [m.id, m]));

export function modelDefinition(id: string): ModelDefinition {
  const found = byId.get(id);
  if (!found)
    throw new InvalidInputError(
      'detect.unknownModel',
      `未知的监督模型：${id}（可用：${[...byId.keys()].join(', ')}）/ Unknown model: ${id}`,
      { details: { model: id, known: [...byId.keys()] } },
    );
  return found;
}

/** What the engine lists to clients: ids, titles, descriptions, default parameters, default set membership. */
export function listModels() {
  return MODELS.map((m) => ({
    id: m.id,
    title: m.title,
    description: m.description,
    defaults: m.defaults,
    inDefaultSet: (DEFAULT_MODEL_IDS as readonly string[]).includes(m.id),
  }));
}

/**
 * The default as-of date: the day of the latest transfer or payment in the store (index-ordered look-ups), so that
 * data collected up to some day is judged as of that day; today when the store holds none.
 */
export async function latestDataDate(store: Reader): Promise<string> {
  const [row] = await store.read<{ day: string | null }>(
    `CALL {
       MATCH ()-[t:TRANSFER]->() WHERE t.time IS NOT NULL RETURN date(t.time) AS day ORDER BY t.time DESC LIMIT 1
       UNION
       MATCH ()-[s:SUBSIDY]->() WHERE s.date IS NOT NULL RETURN s.date AS day ORDER BY s.date DESC LIMIT 1
       UNION
       MATCH ()-[p:COLLECTIVE_PAYMENT]->() WHERE p.date IS NOT NULL RETURN p.date AS day ORDER BY p.date DESC LIMIT 1
     }
     RETURN toString(max(day)) AS day`,
  );
  return row?.day ?? resolveAsOf(undefined);
}

/** The store side runModels needs: reads for the models, writes for saving clues. */
export type DetectStore = Pick<Store, 'read' | 'stream' | 'write'>;

/**
 * Runs the chosen models (default: the twelve of the default set) as of a date (default: the latest date in the
 * data, see latestDataDate), with parameter overrides, and (unless `save: false`) stores their clues: an existing
 * clue is updated, never duplicated.
 */
export async function runModels(store: DetectStore, options: RunOptions = {}): Promise<RunResult> {
  const started = performance.now();
  const ids = [...new Set(options.models?.length ? options.models : DEFAULT_MODEL_IDS)];
  const models = ids.map(modelDefinition);
  const asOf = options.asOf ? resolveAsOf(options.asOf) : await latestDataDate(store);
  const params = resolveParams(models, options.params);
  const shared = new SharedContext(store, asOf);
  const timings: ModelTiming[] = [];
  const clues: Clue[] = [];
  for (const model of models) {
    const p = params.get(model.id)!;
    if (model.prerequisite) {
      const [row] = await store.read<{ ok: boolean }>(
        model.prerequisite.cypher,
        model.prerequisite.params?.(p) ?? {},
      );
      if (!row?.ok) {
        timings.push({ model: model.id, clues: 0, ms: 0, skipped: model.prerequisite.reason });
        continue;
      }
    }
    // Shared data is loaded (and timed) before the model's own clock starts.
    await shared.prepare(model.needs);
    const t0 = performance.now();
    const found = await model.run({ store, asOf, shared }, p);
    timings.push({ model: model.id, clues: found.length, ms: Math.round(performance.now() - t0) });
    clues.push(...found);
  }
  sortClues(clues);
  let saveMs = 0;
  let result: RunResult['clues'] = clues;
  if (options.save !== false) {
    const t0 = performance.now();
    result = await saveClues(store, clues, {
      models: models.map((m) => m.id as ModelId),
      asOf,
      params: Object.fromEntries(params),
      user: options.user ?? 'system',
    });
    saveMs = Math.round(performance.now() - t0);
  }
  return {
    asOf,
    clues: result,
    models: timings,
    shared: { ...shared.timings },
    saveMs,
    totalMs: Math.round(performance.now() - started),
  };
}
