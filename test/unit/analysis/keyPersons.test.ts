// Key persons: combined percentile ranking with a reason sentence in Chinese (or English).
import { describe, expect, it } from 'vitest';
import { keyPersons, percentileRanks } from '../../../engine/analysis/keyPersons.ts';
import { InvalidInputError } from '../../../engine/errors.ts';
import { expectEngineError, graphOf } from './helpers/fixtures.ts';

// 李四 (a cadre) brokers between two families: he is on every path between them and knows the most people.
const graph = graphOf(
  [
    ['Person:zhang1', 'Person:zhang2', 'FAMILY'],
    ['Person:zhang2', 'Person:zhang3', 'FAMILY'],
    ['Person:zhang1', 'Person:zhang3', 'FAMILY'],
    ['Person:wang1', 'Person:wang2', 'FAMILY'],
    ['Person:li', 'Person:zhang1', 'FAMILY'],
    ['Person:li', 'Person:wang1', 'HOLDS_POST'],
    ['Person:li', 'Company:c', 'LEGAL_REP'],
    ['Person:li', 'Account:l', 'OWNS_ACCOUNT'],
    ['Person:wang2', 'Account:w', 'OWNS_ACCOUNT'],
    ['Account:l', 'Account:w', 'TRANSFER', { amount: 500000 }],
  ],
  [],
  { 'Person:li': { label: '李四', cadre: true }, 'Person:zhang1': { label: '张一' } },
);

describe('keyPersons', () => {
  it('refuses bad arguments', () => {
    for (const options of [
      { top: 0 },
      { types: [] },
      { lang: 'fr' },
      { weights: { pagerank: -1 } },
      { weights: { pagerank: 0, betweenness: 0, degree: 0 } },
      { samples: 0 },
    ])
      expectEngineError(() => keyPersons(graph, options as never), InvalidInputError, 'analysis.badArgument');
  });

  it('ranks the broker first and explains why, in Chinese', () => {
    const ranking = keyPersons(graph);
    expect(ranking.map((p) => p.id)).toEqual([
      'Person:li',
      'Person:zhang1',
      'Person:wang2',
      'Person:wang1',
      'Person:zhang2',
      'Person:zhang3',
    ]);
    const [li] = ranking;
    expect(li).toMatchObject({
      key: 'li',
      label: '李四',
      type: 'Person',
      cadre: true,
      rank: 1,
      score: 1,
      degree: 4,
    });
    // networkx: betweenness_centrality 0.7142857, pagerank (undirected) 0.1920612.
    expect(li!.betweenness).toBeCloseTo(0.7142857143, 9);
    expect(li!.pagerank).toBeCloseTo(0.1920612, 6);
    expect(li!.reason).toBe(
      '综合排名第1：关系网络中介性排名第1（介数0.71），关联4个实体（4条关系，排名第1），网络影响力排名第1（PageRank 0.19），系公职人员。',
    );
    // The strongest measure comes first: 王二 ranks higher by PageRank than by brokerage.
    expect(ranking[2]!.reason).toBe(
      '综合排名第3：网络影响力排名第3（PageRank 0.10），关系网络中介性排名第4（介数0.04），关联2个实体（2条关系，排名第3）。',
    );
  });

  it('speaks English on request, honours top and the candidate types', () => {
    const [li] = keyPersons(graph, { lang: 'en', top: 1 });
    expect(li!.reason).toBe(
      'overall rank 1: brokerage (betweenness) rank 1 (0.71); linked to 4 entities (4 relations, rank 1); influence (PageRank) rank 1 (0.19); a public official.',
    );
    const accounts = keyPersons(graph, { types: ['Account'] });
    // Equal scores (l brokers more, w has the higher PageRank, same degree): PageRank breaks the tie.
    expect(accounts.map((a) => a.id)).toEqual(['Account:w', 'Account:l']);
    expect(accounts[0]!.score).toBe(accounts[1]!.score);
    // Over money flows only, the sentence says so.
    const [payer] = keyPersons(graph, { types: ['Account'], edgeTypes: ['TRANSFER'] });
    expect(payer!.reason).toContain('资金往来中介性');
  });

  it('gives percentile ranks with shared ties', () => {
    expect(percentileRanks([5])).toEqual([1]);
    expect(percentileRanks([3, 1, 3, 2])).toEqual([5 / 6, 0, 5 / 6, 1 / 3]);
  });
});
