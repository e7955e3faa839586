// The baseline of bench:api: the same engine calls without HTTP, sessions, validation, masking or audit.
import type { Store } from '../../engine/store/gateway.ts';
import type { Sample } from './targets.ts';

export interface LoadFigures {
  requests: number;
  perSecond: number;
  /** Latency percentiles in milliseconds. */
  p50: number;
  p99: number;
  errors: number;
}

const quantile = (sorted: number[], q: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? Number.NaN;

/** `concurrency` loops calling the sample's direct function back to back until the time is up. */
export async function directLoad(
  store: Store,
  sample: Sample,
  concurrency: number,
  seconds: number,
): Promise<LoadFigures> {
  const until = performance.now() + seconds * 1000;
  const latencies: number[] = [];
  let errors = 0;
  let next = 0;
  const loop = async () => {
    while (performance.now() < until) {
      const i = next++;
      const started = performance.now();
      try {
        await sample.direct(store, i);
        latencies.push(performance.now() - started);
      } catch {
        errors += 1;
      }
    }
  };
  const started = performance.now();
  await Promise.all(Array.from({ length: concurrency }, loop));
  const took = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  return {
    requests: latencies.length,
    perSecond: latencies.length / took,
    p50: quantile(latencies, 0.5),
    p99: quantile(latencies, 0.99),
    errors,
  };
}
