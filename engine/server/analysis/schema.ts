// Request shapes of /api/analysis: paths, fund trace, equity (UBO), communities and key persons.
import { z } from 'zod';
import { enumList, relationTypes } from '../entities/schema.ts';
import { queryAmount, queryInt, queryList, queryTime, text } from '../fields.ts';

const entity = (what: string) =>
  text(300).describe(`${what}：节点编号、类型:键 或 键 / payload node id, Label:key, or a bare key`);

const amount = () => queryAmount().optional();

/** Filters every projection takes: relationship types, a time window, a minimum amount, a size limit. */
const filters = {
  types: enumList(relationTypes).describe('关系类型 / relationship types'),
  since: queryTime().describe('起始日期 / from this date'),
  until: queryTime().describe('截止日期 / up to this date'),
  minAmount: amount().describe('最低金额（元） / minimum amount'),
  maxNodes: queryInt(1, 2_000_000).describe('子图实体上限 / most entities projected'),
};

export const PathsQuery = z.object({
  from: entity('起点 / start'),
  to: entity('终点 / end'),
  maxHops: queryInt(1, 8, 4),
  k: queryInt(1, 20, 5),
  ...filters,
});

export const TraceQuery = z.object({
  account: entity('起始账户 / start account'),
  direction: z.enum(['out', 'in']).default('out'),
  maxHops: queryInt(1, 6, 3),
  windowDays: amount().describe('整条链路的时间窗口（天） / window of a whole chain, days'),
  minAmount: amount().describe('每跳最低金额 / minimum amount per hop'),
  ratio: amount().describe('每跳金额不低于上一跳的比例 / each hop ≥ ratio × the previous'),
  since: filters.since,
  until: filters.until,
  maxNodes: filters.maxNodes,
  endpoints: queryInt(1, 5000, 200).describe(
    '列出的终点数（按金额） / endpoints listed, largest total first',
  ),
  chains: queryInt(1, 5000, 200).describe('列出的链路数（按金额） / chains listed, largest flow first'),
});

export const UboQuery = z.object({
  company: entity('公司 / company').optional(),
  holder: entity('持有人（反向） / holder (reverse)').optional(),
  threshold: queryAmount(1).default(0.25),
  maxDepth: queryInt(1, 10, 10),
});

const seeds = {
  seeds: queryList().describe('起点实体（省略则全图） / seed entities (whole graph when omitted)'),
  hops: queryInt(0, 4, 2),
};

export const CommunitiesQuery = z.object({
  ...seeds,
  ...filters,
  limit: queryInt(1, 500, 20).describe('列出的社区数（按规模） / communities listed, largest first'),
  members: queryInt(1, 5000, 50).describe('每个社区每类列出的成员数 / members listed per community and type'),
  seed: queryInt(0, 2_147_483_647).describe('随机种子 / random seed'),
  graphNodes: queryInt(1, 5000, 500).describe('图中实体上限 / most entities in the graph payload'),
});

export const KeyPersonsQuery = z.object({
  ...seeds,
  ...filters,
  top: queryInt(1, 200, 20),
});
