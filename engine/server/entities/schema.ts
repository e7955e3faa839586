// Request shapes of /api/entities: search, detail and neighbourhood expansion.
import { z } from 'zod';
import { explorableLabels } from '../../graph/entities.ts';
import { RELATION_TYPES } from '../../schema/index.ts';
import { queryInt, splitList, text } from '../fields.ts';

/** `a,b` or repeated `?x=a&x=b`, each one of `values`. */
export const enumList = <T extends string>(values: readonly [T, ...T[]]) =>
  z.preprocess(splitList, z.array(z.enum(values)).min(1)).optional();

const labels = explorableLabels() as [string, ...string[]];
export const relationTypes = RELATION_TYPES.map((r) => r.type as string) as [string, ...string[]];

export const SearchQuery = z.object({
  q: text(100).describe(
    '名称（可部分）、身份证号、账号、统一社会信用代码或电话 / name (or part), ID number, account, credit code or phone',
  ),
  types: enumList(labels).describe('实体类型 / entity types'),
  limit: queryInt(1, 100, 20),
});

export const EntityParam = z.object({
  id: text(300).describe('节点编号、类型:键 或 键 / payload node id, Label:key, or a bare key'),
});

export const NeighbourQuery = z.object({
  types: enumList(relationTypes).describe('关系类型 / relationship types'),
  direction: z.enum(['out', 'in', 'both']).default('both'),
  limit: queryInt(1, 500, 50),
  offset: queryInt(0, 10_000_000, 0),
  edgesPerNeighbour: queryInt(1, 1000, 100),
});
