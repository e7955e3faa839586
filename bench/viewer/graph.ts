// Seeded synthetic case graph for bench:viewer: persons, accounts and companies in clusters, ~4 edges per node.
import { mulberry32 } from '../rng.ts';

export type BenchNodeType = 'Person' | 'Account' | 'Company';

export interface BenchNode {
  id: string;
  type: BenchNodeType;
  label: string;
  x: number;
  y: number;
}

export interface BenchEdge {
  id: string;
  type: 'OWNS' | 'TRANSFER' | 'SHAREHOLDER' | 'FAMILY';
  source: string;
  target: string;
  amount?: number;
  time?: string;
}

export interface BenchGraph {
  nodes: BenchNode[];
  edges: BenchEdge[];
}

const SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '黄', '赵', '吴', '周', '徐', '孙', '马', '朱', '胡'];
const GIVEN = ['伟', '芳', '娜', '敏', '静', '丽', '强', '磊', '军', '洋', '勇', '艳', '杰', '涛', '明'];
const CLUSTER = 60;

/**
 * `order` nodes (40% persons, 45% accounts, 15% companies) in clusters of ~60, and 4 × order edges:
 * mostly transfers between accounts, account ownership, shareholdings and family ties; 85% of the ends
 * of an edge lie in the same cluster. Positions are random in a square (the layout's starting point).
 */
export function generateGraph(order: number, seed = 1): BenchGraph {
  const rand = mulberry32(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rand() * list.length)]!;
  const nodes: BenchNode[] = [];
  const byCluster: Record<BenchNodeType, number[][]> = { Person: [], Account: [], Company: [] };
  const clusters = Math.max(1, Math.round(order / CLUSTER));
  for (const type of ['Person', 'Account', 'Company'] as const)
    for (let c = 0; c < clusters; c++) byCluster[type].push([]);
  const side = Math.sqrt(order) * 10;
  for (let i = 0; i < order; i++) {
    const r = rand();
    const type: BenchNodeType = r < 0.4 ? 'Person' : r < 0.85 ? 'Account' : 'Company';
    const cluster = i % clusters;
    const label =
      type === 'Person'
        ? pick(SURNAMES) + pick(GIVEN) + pick(GIVEN)
        : type === 'Account'
          ? `6222${String(1e11 + i).slice(1)}`
          : `${pick(SURNAMES)}氏${pick(['建材', '农业', '贸易', '工程'])}有限公司${i}`;
    nodes.push({ id: `n${i}`, type, label, x: rand() * side, y: rand() * side });
    byCluster[type][cluster]!.push(i);
  }
  const member = (type: BenchNodeType, near: number): number | undefined => {
    const c = rand() < 0.85 ? near % clusters : Math.floor(rand() * clusters);
    const list = byCluster[type][c]!;
    return list.length ? list[Math.floor(rand() * list.length)] : undefined;
  };
  const edges: BenchEdge[] = [];
  const target = order * 4;
  let guard = 0;
  while (edges.length < target && guard++ < target * 4) {
    const from = Math.floor(rand() * order);
    const cluster = from % clusters;
    const r = rand();
    const kind = r < 0.6 ? 'TRANSFER' : r < 0.8 ? 'OWNS' : r < 0.9 ? 'SHAREHOLDER' : 'FAMILY';
    const [sourceType, targetType]: [BenchNodeType, BenchNodeType] =
      kind === 'TRANSFER'
        ? ['Account', 'Account']
        : kind === 'OWNS'
          ? ['Person', 'Account']
          : kind === 'SHAREHOLDER'
            ? ['Person', 'Company']
            : ['Person', 'Person'];
    const a = member(sourceType, cluster);
    const b = member(targetType, cluster);
    if (a === undefined || b === undefined || a === b) continue;
    const edge: BenchEdge = { id: `e${edges.length}`, type: kind, source: `n${a}`, target: `n${b}` };
    if (kind === 'TRANSFER') {
      edge.amount = Math.round(10 ** (2 + rand() * 4.5));
      edge.time = new Date(Date.UTC(2024, 0, 1) + Math.floor(rand() * 366) * 86_400_000).toISOString();
    }
    edges.push(edge);
  }
  return { nodes, edges };
}
