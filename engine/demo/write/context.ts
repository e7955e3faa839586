// What every static-file writer shares: the county, the plan, the output folder and the lists of written files.
import type { County } from '../county.ts';
import type { Plan } from '../plan.ts';
import type { Rng } from '../rng.ts';
import type { WrittenFile } from './text.ts';

/** A row ingest will load with a warning (not count as malformed): wrong credit-code check, invalid ghost ID. */
export interface PlantedWarning {
  file: string;
  row: number;
  reason: string;
}

export interface WriteContext {
  county: County;
  plan: Plan;
  root: string;
  rng: Rng;
  files: WrittenFile[];
  warnings: PlantedWarning[];
}
