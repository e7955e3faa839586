// Normalised mutual information between two partitions (community detection quality against ground truth).
import { badArgument, checkChoice } from './common.ts';

/** How mutual information is normalised; `arithmetic` (the default) matches scikit-learn's default. */
export type NmiNormalisation = 'arithmetic' | 'geometric' | 'max' | 'min';

export interface NmiOptions {
  normalisation?: NmiNormalisation;
}

type Partition = Readonly<Record<string, string | number>>;

/**
 * NMI(a, b) = I(a; b) / norm(H(a), H(b)), natural logarithms, computed over the nodes of `a`; every node of `a`
 * must appear in `b` (extra nodes of `b` are ignored). Two single-cluster partitions give 1 (as scikit-learn
 * does); otherwise a partition with zero entropy gives 0.
 */
export function normalizedMutualInformation(a: Partition, b: Partition, options: NmiOptions = {}): number {
  if (!a || typeof a !== 'object') throw badArgument('a', 'expected a node → label object');
  if (!b || typeof b !== 'object') throw badArgument('b', 'expected a node → label object');
  const normalisation = checkChoice<NmiNormalisation>(
    'normalisation',
    options.normalisation,
    ['arithmetic', 'geometric', 'max', 'min'],
    'arithmetic',
  );
  const nodes = Object.keys(a);
  if (nodes.length === 0) throw badArgument('a', 'the partition is empty');

  const labelsA = new Map<string, number>();
  const labelsB = new Map<string, number>();
  const joint = new Map<string, number>();
  for (const node of nodes) {
    const la = a[node];
    const lb = b[node];
    if (la === undefined || la === null) throw badArgument('a', `node ${node} has no label`);
    if (lb === undefined || lb === null) throw badArgument('b', `node ${node} has no label`);
    const ka = String(la);
    const kb = String(lb);
    labelsA.set(ka, (labelsA.get(ka) ?? 0) + 1);
    labelsB.set(kb, (labelsB.get(kb) ?? 0) + 1);
    const pair = `${ka.length}:${ka}|${kb}`;
    joint.set(pair, (joint.get(pair) ?? 0) + 1);
  }

  const n = nodes.length;
  const ha = entropy(labelsA.values(), n);
  const hb = entropy(labelsB.values(), n);
  if (labelsA.size === 1 && labelsB.size === 1) return 1;
  if (ha === 0 || hb === 0) return 0;

  // I(a; b) = Σ p(x, y) log(p(x, y) / (p(x) p(y))).
  let mi = 0;
  for (const [pair, count] of joint) {
    const split = pair.indexOf(':');
    const length = Number(pair.slice(0, split));
    const ka = pair.slice(split + 1, split + 1 + length);
    const kb = pair.slice(split + 2 + length);
    const pxy = count / n;
    mi += pxy * Math.log((count * n) / (labelsA.get(ka)! * labelsB.get(kb)!));
  }
  mi = Math.max(mi, 0);

  const norm =
    normalisation === 'arithmetic'
      ? (ha + hb) / 2
      : normalisation === 'geometric'
        ? Math.sqrt(ha * hb)
        : normalisation === 'max'
          ? Math.max(ha, hb)
          : Math.min(ha, hb);
  return Math.min(1, mi / norm);
}

function entropy(counts: Iterable<number>, n: number): number {
  let h = 0;
  for (const count of counts) {
    const p = count / n;
    if (p > 0) h -= p * Math.log(p);
  }
  return h;
}
