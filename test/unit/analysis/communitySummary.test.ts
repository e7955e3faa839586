// Community summaries: members by type, flows inside and across, cadres and clue counts.
import { describe, expect, it } from 'vitest';
import { summarizeCommunities } from '../../../engine/analysis/communitySummary.ts';
import { InvalidInputError } from '../../../engine/errors.ts';
import { expectEngineError, graphOf } from './helpers/fixtures.ts';

const graph = graphOf(
  [
    ['Person:p1', 'Account:a1', 'OWNS_ACCOUNT'],
    ['Person:p2', 'Account:a2', 'OWNS_ACCOUNT'],
    ['Account:a1', 'Account:a2', 'TRANSFER', { amount: 100 }],
    ['Account:a2', 'Account:a1', 'TRANSFER', { amount: 30 }],
    ['Account:a2', 'Account:a3', 'TRANSFER', { amount: 55 }],
    ['Account:a3', 'Account:a1', 'TRANSFER', { amount: 5 }],
    ['Person:p3', 'Account:a3', 'OWNS_ACCOUNT'],
    ['Person:p1', 'Person:p3', 'FAMILY'],
  ],
  ['Company:c1'],
  { 'Person:p1': { cadre: true } },
);
const assignment = {
  'Person:p1': 0,
  'Person:p2': 0,
  'Account:a1': 0,
  'Account:a2': 0,
  'Person:p3': 1,
  'Account:a3': 1,
  'Company:c1': 1,
};

describe('summarizeCommunities', () => {
  it('refuses bad arguments', () => {
    expectEngineError(
      () => summarizeCommunities(graph, null as never),
      InvalidInputError,
      'analysis.badArgument',
    );
    expectEngineError(
      () => summarizeCommunities(graph, { 'Person:nobody': 0 }),
      InvalidInputError,
      'analysis.badArgument',
    );
    expectEngineError(
      () => summarizeCommunities(graph, { 'Person:p1': 0.5 }),
      InvalidInputError,
      'analysis.badArgument',
    );
    expectEngineError(
      () => summarizeCommunities(graph, assignment, { clues: { 'Person:p1': -1 } }),
      InvalidInputError,
      'analysis.badArgument',
    );
    expectEngineError(
      () => summarizeCommunities(graph, assignment, { flowTypes: [] }),
      InvalidInputError,
      'analysis.badArgument',
    );
  });

  it('counts members, internal and crossing flows, cadres and clues', () => {
    const clues = new Map([
      ['Person:p2', 2],
      ['Account:a3', 1],
      ['Person:p3', 0],
    ]);
    const [first, second] = summarizeCommunities(graph, assignment, { clues });
    expect(first).toEqual({
      community: 0,
      size: 4,
      membersByType: { Person: ['Person:p1', 'Person:p2'], Account: ['Account:a1', 'Account:a2'] },
      internalFlow: 130,
      internalTransfers: 2,
      inflow: 5,
      outflow: 55,
      cadres: ['Person:p1'],
      clueCount: 2,
      clueSubjects: ['Person:p2'],
    });
    expect(second).toEqual({
      community: 1,
      size: 3,
      membersByType: { Person: ['Person:p3'], Account: ['Account:a3'], Company: ['Company:c1'] },
      internalFlow: 0,
      internalTransfers: 0,
      inflow: 55,
      outflow: 5,
      cadres: [],
      clueCount: 1,
      clueSubjects: ['Account:a3'],
    });
  });

  it('ignores unassigned nodes and accepts a plain clue object', () => {
    const partial = summarizeCommunities(
      graph,
      { 'Account:a1': 3, 'Account:a2': 3 },
      { clues: { 'Account:a1': 4 } },
    );
    expect(partial).toHaveLength(1);
    expect(partial[0]).toMatchObject({
      community: 3,
      size: 2,
      internalFlow: 130,
      inflow: 5,
      outflow: 55,
      clueCount: 4,
    });
  });
});
