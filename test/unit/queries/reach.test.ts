// The reach policy on hand-written plans (details as Neo4j 5.26 prints them): what is refused, and why.
import { describe, expect, it } from 'vitest';
import { investigatedRelationTypes, RELATION_TYPES } from '../../../engine/schema/index.ts';
import type { QueryPlan } from '../../../engine/store/gateway.ts';
import { judgePlan } from '../../../queries/guard.ts';
import { INVESTIGATED_LABELS, judgeFulltextIndexes, judgeReach } from '../../../queries/reach.ts';
import { planOf, verdict } from './plans.ts';

const plan = (...ops: [string, string?][]): QueryPlan => planOf('r', ...ops);

const refused = (reason: string) => `query.refused:403:${reason}`;

/** One row per operator: [what, operator, details, expected verdict]. */
const CASES: [string, string, string | undefined, string][] = [
  ['a label scan of Person', 'NodeByLabelScan', 'p:Person', 'accepted'],
  ['a label scan of User', 'NodeByLabelScan', 'u:User', refused('internal')],
  ['a back-quoted variable hiding a label', 'NodeByLabelScan', '`x:Person`:User', refused('internal')],
  ['a union scan with an internal label', 'UnionNodeByLabelsScan', 'n:Person|User', refused('internal')],
  ['a union scan of investigated labels', 'UnionNodeByLabelsScan', 'n:Person|Company|Village', 'accepted'],
  [
    'an intersection with an internal label',
    'IntersectionNodeByLabelsScan',
    'n:Person&User',
    refused('internal'),
  ],
  ['a subtraction of investigated labels', 'SubtractionNodeByLabelsScan', 'n:Person&!Company', 'accepted'],
  ['a subtraction naming Case', 'SubtractionNodeByLabelsScan', 'n:Person&!Case', refused('internal')],
  ['a label scan it cannot read', 'NodeByLabelScan', 'n:Person WHERE x', refused('unreadable')],
  ['all nodes', 'AllNodesScan', 'n', refused('unlabelledScan')],
  ['a node by id', 'NodeByIdSeek', 'n WHERE id(n) = $autoint_0', refused('byId')],
  ['a node by element id', 'NodeByElementIdSeek', 'n WHERE elementId(n) = $x', refused('byId')],
  ['a relationship by id', 'DirectedRelationshipByIdSeek', '(a)-[r]->(b) WHERE id(r) = $x', refused('byId')],
  ['a unique index seek', 'NodeUniqueIndexSeek', 'UNIQUE p:Person(idNumber) WHERE idNumber = $a', 'accepted'],
  [
    'a range index seek',
    'NodeIndexSeek',
    'RANGE INDEX p:Person(name) WHERE name = $a, cache[p.name]',
    'accepted',
  ],
  [
    'a text index on AuditEntry',
    'NodeIndexContainsScan',
    'TEXT INDEX a:AuditEntry(params) WHERE params CONTAINS $a',
    refused('internal'),
  ],
  [
    'an index scan on Case',
    'NodeIndexScan',
    'RANGE INDEX c:Case(status) WHERE status IS NOT NULL',
    refused('internal'),
  ],
  ['a typed expand', 'Expand(All)', '(p)-[anon_0:FAMILY]-(m)', 'accepted'],
  ['an untyped expand', 'Expand(All)', '(p)-[r]-(m)', refused('untypedExpand')],
  ['an expand into a case', 'Expand(All)', '(p)<-[anon_0:CASE_SUBJECT]-(anon_1)', refused('internal')],
  [
    'an expand with one internal type among several',
    'Expand(All)',
    '(p)-[r:FAMILY|CASE_SUBJECT]-(m)',
    refused('internal'),
  ],
  ['an untyped optional expand', 'OptionalExpand(All)', '(p)-[r]->(q)', refused('untypedExpand')],
  ['a typed var-length expand', 'VarLengthExpand(All)', '(p)-[anon_0:FAMILY*..3]-(m)', 'accepted'],
  [
    'an untyped var-length expand',
    'VarLengthExpand(All)',
    'p = (p)-[r*..3]->(q) WHERE all(x IN r WHERE x.a > 1)',
    refused('untypedExpand'),
  ],
  [
    'a pruning expand without a variable',
    'VarLengthExpand(Pruning,BFS,All)',
    '(a)-[:FAMILY*..3]-(b) ',
    'accepted',
  ],
  ['an untyped shortest path', 'ShortestPath', 'path = (p)-[anon_0*]-(q)', refused('untypedExpand')],
  ['a typed shortest path', 'ShortestPath', 'path = (p)-[anon_0:FAMILY|SHAREHOLDER*..5]-(q)', 'accepted'],
  ['untyped endpoints', 'ProjectEndpoints', '(a)-[rs*]->(b)', refused('untypedExpand')],
  ['an all-relationships scan', 'UndirectedAllRelationshipsScan', '(a)-[r]-(b)', refused('untypedExpand')],
  ['a type scan of TRANSFER', 'DirectedRelationshipTypeScan', '(anon_0)-[r:TRANSFER]->(anon_1)', 'accepted'],
  ['a type scan of CASE_NOTE', 'DirectedRelationshipTypeScan', '(c)-[r:CASE_NOTE]->(n)', refused('internal')],
  [
    'a union type scan',
    'UndirectedUnionRelationshipTypesScan',
    '(a)-[r:TRANSFER|CASE_CLUE]-(b)',
    refused('internal'),
  ],
  [
    'a relationship index seek',
    'DirectedRelationshipIndexSeekByRange',
    'RANGE INDEX (a)-[r:TRANSFER(amount)]->(b) WHERE amount > $x',
    'accepted',
  ],
  [
    'a stateful shortest path typed by predicate',
    'StatefulShortestPath(Into)',
    'SHORTEST 1 (p) ((`a`)-[`r`]-(`b`)){1, } (q)\n    inlined predicates: r:FAMILY\n',
    'accepted',
  ],
  [
    'a stateful shortest path of two types',
    'StatefulShortestPath(Into)',
    'SHORTEST 1 (p) ((`a`)-[`anon_4`]-(`b`)){1, } (q)\n    inlined predicates: anon_4:FAMILY:SHAREHOLDER\n',
    'accepted',
  ],
  [
    'a stateful shortest path with another type',
    'StatefulShortestPath(All)',
    'SHORTEST 1 (p) ((`a`)-[`r`]-(`b`)){1, } (q)\n    inlined predicates: r:CASE_SUBJECT\n',
    refused('internal'),
  ],
  [
    'an untyped stateful shortest path',
    'StatefulShortestPath(Into)',
    'SHORTEST 1 (p) ((`a`)-[`r`]-(`b`)){1, } (q)\n    inlined predicates: r.x > $autoint_0\n',
    refused('untypedExpand'),
  ],
  ['a count of Person', 'NodeCountFromCountStore', 'count( (:Person) ) AS `count(n)`', 'accepted'],
  [
    'a count of everything',
    'NodeCountFromCountStore',
    'count( () ) AS `count( (:Person) )`',
    refused('unlabelledScan'),
  ],
  ['a count of users', 'NodeCountFromCountStore', 'count( (:User) ) AS c', refused('internal')],
  ['a count of transfers', 'RelationshipCountFromCountStore', 'count( ()-[:TRANSFER]->() ) AS c', 'accepted'],
  [
    'an untyped relationship count',
    'RelationshipCountFromCountStore',
    'count( (:Case)-[]->() ) AS c',
    refused('untypedExpand'),
  ],
  ['a degree along a typed pattern', 'Projection', 'getDegree((p)-[:FAMILY]-()) AS c', 'accepted'],
  ['an untyped degree', 'Filter', 'getDegree((p)--()) > 0', refused('untypedExpand')],
  ['a degree along CASE_SUBJECT', 'Filter', 'getDegree((p)<-[:CASE_SUBJECT]-()) > 0', refused('internal')],
  [
    'a subquery inside a list',
    'Projection',
    '[x IN [a] | COLLECT { MATCH (u)   WHERE u:User RETURN u.passwordHash }] AS n',
    refused('expression'),
  ],
  [
    'EXISTS inside a list',
    'Projection',
    '[x IN [a] WHERE EXISTS { MATCH (u) WHERE u:User } | x] AS n',
    refused('expression'),
  ],
  ['a shortest path as an expression', 'Projection', 'shortestPath((a)-[*]-(b)) AS p', refused('expression')],
  ['row shaping', 'EagerAggregation', 'collect(r) AS rs', 'accepted'],
  ['a count of two labels', 'NodeCountFromCountStore', 'count( (:Person), (:Company) ) AS c', 'accepted'],
  [
    'a count with users, aliased like an allowed count',
    'NodeCountFromCountStore',
    'count( (:User), (:Person) ) AS `count( (:Person) )`',
    refused('internal'),
  ],
  [
    'an index leaf of an unknown kind, with a forged label later',
    'NodeIndexSeek',
    'VECTOR INDEX u:User(x) WHERE x = c.`a, p:Person(`',
    refused('unreadable'),
  ],
  [
    'a stateful shortest path with a forged predicate line',
    'StatefulShortestPath(All)',
    'SHORTEST 1 (p) ((`a`)-[`r`]-(`b`)){1, } (q)\n    inlined predicates: r.`x\nr:FAMILY\n` IS NULL\n',
    refused('unreadable'),
  ],
  ['an operator not on the list', 'SomeFutureScan', 'n', refused('operator')],
];

describe('judgeReach', () => {
  for (const [what, name, details, expected] of CASES) {
    it(`${what}: ${expected}`, () => {
      expect(verdict(() => judgeReach(plan(['ProduceResults', 'x'], [name, details])))).toBe(expected);
    });
  }

  it('lets a write refusal win over a reach refusal (the existing id stays)', () => {
    const p: QueryPlan = { ...plan(['DetachDelete', 'n'], ['AllNodesScan', 'n']), queryType: 'w' };
    expect(verdict(() => judgePlan(p, 'neo4j'))).toBe('query.writeRefused:403:write');
  });
});

describe('what the policy derives from the schema', () => {
  it('investigated relationship types are those with investigated ends only', () => {
    const types = investigatedRelationTypes().map((r) => r.type);
    expect(types).toContain('CLUE_SUBJECT');
    expect(types).not.toContain('CASE_SUBJECT');
    for (const r of RELATION_TYPES) {
      const ends = [...r.from, ...r.to];
      expect(types.includes(r.type), r.type).toBe(ends.every((l) => INVESTIGATED_LABELS.has(l)));
    }
    for (const internal of [
      'User',
      'AuditEntry',
      'Case',
      'CaseNote',
      'CaseView',
      'QueryTemplate',
      'IngestRun',
    ]) {
      expect(INVESTIGATED_LABELS.has(internal), internal).toBe(false);
    }
  });

  it('refuses full-text look-ups while any full-text index covers application data', () => {
    const ok = { name: 'entity_search', entityType: 'NODE', labelsOrTypes: ['Person', 'Company'] };
    expect(verdict(() => judgeFulltextIndexes([ok]))).toBe('accepted');
    const notes = { name: 'notes', entityType: 'NODE', labelsOrTypes: ['CaseNote'] };
    expect(verdict(() => judgeFulltextIndexes([ok, notes]))).toBe(refused('fulltextIndex'));
    const rels = { name: 'r', entityType: 'RELATIONSHIP', labelsOrTypes: ['CASE_SUBJECT'] };
    expect(verdict(() => judgeFulltextIndexes([rels]))).toBe(refused('fulltextIndex'));
  });
});
