// Query limits without Neo4j: nesting depth, parameter size, the query pool profile, Neo4j's memory settings.

import neo4j from 'neo4j-driver';
import { describe, expect, it } from 'vitest';
import { renderConf, sizeInMb, transactionMemory } from '../../../engine/localdb/conf.ts';
import { homePaths } from '../../../engine/localdb/home.ts';
import {
  checkQueryLimits,
  MAX_NESTING,
  MAX_PARAMS_DEPTH,
  nestingDepth,
  QUERY_FETCH_SIZE,
  queryProfile,
} from '../../../queries/limits.ts';
import { runLimits } from '../../../queries/run.ts';
import { MAX_CYPHER } from '../../../queries/template.ts';

function errorOf(work: () => unknown): { id?: string; status?: number; details?: Record<string, unknown> } {
  try {
    work();
  } catch (error) {
    return error as { id: string };
  }
  return {};
}

describe('nestingDepth', () => {
  it('counts ( [ { together and ignores brackets in strings and comments', () => {
    expect(nestingDepth('MATCH (a)-[r]->(b) RETURN [x IN [1] | {k: (1)}]')).toBe(3);
    expect(nestingDepth("RETURN '((((((' AS s // ((((((\n, 1")).toBe(0);
    expect(nestingDepth('RETURN 1)))) + ((2))')).toBe(2);
  });

  it('stops counting just past the limit, however deep the text', () => {
    expect(nestingDepth('('.repeat(9000), 100)).toBe(101);
  });
});

describe('checkQueryLimits', () => {
  it('passes ordinary queries and parameters', () => {
    expect(errorOf(() => checkQueryLimits('MATCH (p:Person {name: $n}) RETURN p', { n: 'x' }))).toEqual({});
    const ints = { ids: [neo4j.int(1), neo4j.int(2)], nested: { a: [{ b: 1 }] } };
    expect(errorOf(() => checkQueryLimits('RETURN $ids, $nested', ints))).toEqual({});
  });

  it('refuses long or deep texts with 400, the field and the limit', () => {
    const long = errorOf(() => checkQueryLimits(`RETURN '${'x'.repeat(MAX_CYPHER)}'`));
    expect(long).toMatchObject({ id: 'query.tooLong', status: 400, details: { field: 'cypher' } });
    const deep = errorOf(() =>
      checkQueryLimits(`RETURN ${'['.repeat(MAX_NESTING + 1)}1${']'.repeat(MAX_NESTING + 1)}`),
    );
    expect(deep).toMatchObject({ id: 'query.tooDeep', details: { field: 'cypher', limit: MAX_NESTING } });
    const atLimit = `RETURN ${'('.repeat(MAX_NESTING)}1${')'.repeat(MAX_NESTING)}`;
    expect(errorOf(() => checkQueryLimits(atLimit))).toEqual({});
  });

  it('refuses parameters too deep or too large, by keys as well as values', () => {
    let deep: unknown = 'leaf';
    for (let i = 0; i <= MAX_PARAMS_DEPTH; i += 1) deep = { d: deep };
    expect(errorOf(() => checkQueryLimits('RETURN $d', { d: deep }))).toMatchObject({
      id: 'query.paramsTooDeep',
      details: { field: 'params' },
    });
    const manyKeys = Object.fromEntries(
      Array.from({ length: 20_000 }, (_, i) => [`${'k'.repeat(60)}${i}`, 1]),
    );
    expect(errorOf(() => checkQueryLimits('RETURN $m', { m: manyKeys }))).toMatchObject({
      id: 'query.paramsTooLarge',
    });
  });
});

describe('the query pool profile', () => {
  it('is small, waits briefly, fetches little, never retries and ends after the timeout plus grace', () => {
    const limits = runLimits({
      queryRowLimit: 100,
      queryTimeoutSeconds: 30,
      queryPoolSize: 3,
      queryWaitSeconds: 2,
    });
    expect(limits).toMatchObject({ poolSize: 3, waitMs: 2000, timeoutMs: 30_000 });
    expect(queryProfile(limits)).toMatchObject({
      retryMs: 0,
      poolSize: 3,
      acquireMs: 2000,
      fetchSize: QUERY_FETCH_SIZE,
      deadlineMs: 32_000,
    });
    expect(runLimits({ queryRowLimit: 100, queryTimeoutSeconds: 30, queryAnswerMb: 2 }).answerBytes).toBe(
      2 * 1024 * 1024,
    );
  });
});

describe("Neo4j's transaction memory limits", () => {
  it('are a quarter and a half of the heap, and written to neo4j.conf', () => {
    expect(sizeInMb('2g')).toBe(2048);
    expect(sizeInMb('512m')).toBe(512);
    expect(transactionMemory('1g')).toEqual({ perTransaction: '256m', total: '512m' });
    expect(transactionMemory('4g')).toEqual({ perTransaction: '1024m', total: '2048m' });
    const conf = renderConf(homePaths('/srv/qf'), { boltPort: 1, httpPort: 2, pageCache: '64m' });
    expect(conf).toContain('db.memory.transaction.max=256m');
    expect(conf).toContain('dbms.memory.transaction.total.max=512m');
  });
});
