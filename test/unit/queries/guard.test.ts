// The guard's pure parts: literals blanked before looking for parameters or USE, and plans judged by operator.

import { describe, expect, it } from 'vitest';
import type { QueryPlan } from '../../../engine/store/gateway.ts';
import { blankLiterals, hasUseClause, judgePlan, parameterNames } from '../../../queries/guard.ts';
import { planOf, verdict } from './plans.ts';

const plan = planOf;
const reason = verdict;

describe('blankLiterals / parameterNames / hasUseClause', () => {
  it('blanks strings, comments and quoted names but keeps line breaks and length', () => {
    const text = "MATCH (n) // c $x\nWHERE n.a = 'it''s $y' AND n.b = \"q\\\"$z\" /* $w */ RETURN n.`$v`";
    const blanked = blankLiterals(text);
    expect(blanked.length).toBe(text.length);
    expect(blanked.split('\n').length).toBe(2);
    expect(blanked).not.toMatch(/\$[xyzwv]/);
  });

  it('names $parameters in order, once each, including numbered and back-quoted ones', () => {
    expect(parameterNames('RETURN $b, $a, $b, $0, $`odd name`')).toEqual(['b', 'a', '0', 'odd name']);
  });

  it('finds a USE clause at the start, in a subquery or a UNION part, but not in strings or names', () => {
    expect(hasUseClause('USE system SHOW USERS')).toBe(true);
    expect(hasUseClause('  use neo4j MATCH (n) RETURN n')).toBe(true);
    expect(hasUseClause('MATCH (n) CALL { USE other MATCH (m) RETURN m } RETURN n')).toBe(true);
    expect(hasUseClause('RETURN 1 AS x UNION ALL USE other RETURN 2 AS x')).toBe(true);
    expect(hasUseClause("MATCH (n) WHERE n.memo = 'USE system' RETURN n")).toBe(false);
    expect(hasUseClause('MATCH (use:Person) RETURN use')).toBe(false);
  });
});

describe('judgePlan', () => {
  it('accepts a read plan with allowed procedures', () => {
    expect(
      reason(() => judgePlan(plan('r', ['ProduceResults', 'n'], ['NodeByLabelScan', 'n:Person']), 'neo4j')),
    ).toBe('accepted');
    expect(
      reason(() =>
        judgePlan(
          plan('r', ['ProcedureCall', 'db.schema.visualization() :: (nodes :: LIST<NODE>)']),
          'neo4j',
        ),
      ),
    ).toBe('accepted');
    expect(
      reason(() =>
        judgePlan(
          plan('r', ['ProcedureCall', 'db.index.fulltext.queryNodes($a, $b) :: (node :: NODE)']),
          'neo4j',
        ),
      ),
    ).toBe('accepted');
  });

  const refused: [string, QueryPlan, string][] = [
    ['a write query type', plan('w', ['SetProperty']), 'write'],
    ['a read-write query type', plan('rw', ['Create']), 'write'],
    ['a schema query type', plan('s', ['CreateIndex']), 'schema'],
    ['LOAD CSV in a read plan', plan('r', ['LoadCSV']), 'loadCsv'],
    [
      'a procedure outside the allow-list',
      plan('r', ['ProcedureCall', 'db.awaitIndexes($x) :: ()']),
      'procedure',
    ],
    ['dbms procedures', plan('s', ['ProcedureCall', 'dbms.components() :: (name :: STRING)']), 'procedure'],
    ['CALL IN TRANSACTIONS in a read plan', plan('r', ['TransactionApply']), 'inTransactions'],
    ['TERMINATE TRANSACTIONS (Neo4j calls it read)', plan('r', ['TerminateTransactions']), 'admin'],
    ['SHOW commands', plan('r', ['ShowIndexes']), 'admin'],
    ['a write operator even if the type said read', plan('r', ['DetachDelete']), 'write'],
  ];
  for (const [what, p, why] of refused) {
    it(`refuses ${what} with 403 query.writeRefused`, () => {
      expect(reason(() => judgePlan(p, 'neo4j'))).toBe(`query.writeRefused:403:${why}`);
    });
  }

  it('refuses a plan that runs on another database', () => {
    const other: QueryPlan = {
      queryType: 'r',
      columns: [],
      operators: [{ name: 'AllNodesScan', database: 'system', details: null }],
    };
    expect(reason(() => judgePlan(other, 'neo4j'))).toBe('query.writeRefused:403:use');
  });
});
