// Case vocabulary without a store: status names and moves, members normalised, history entries, view sizes.
import { describe, expect, it } from 'vitest';
import { canSeeCase } from '../../../engine/auth/roles.ts';
import { leadsCase, seesCase } from '../../../engine/cases/access.ts';
import {
  CASE_STATUS_LABELS,
  CASE_TRANSITIONS,
  type CaseRecord,
  needsComment,
  parseCaseStatus,
} from '../../../engine/cases/model.ts';
import { historyEntry, normaliseMembers, toCaseRecord } from '../../../engine/cases/store.ts';
import { viewBytes } from '../../../engine/cases/views.ts';

const record = (lead: string, members: string[]): CaseRecord =>
  toCaseRecord({
    caseId: 'QF-2026-0001',
    title: 't',
    status: 'preliminary',
    lead,
    members,
    fromClue: null,
    createdAt: '2026-01-01T00:00:00Z',
    createdBy: lead,
    updatedAt: '2026-01-01T00:00:00Z',
    updatedBy: lead,
    counts: { subjects: 0, clues: 0, notes: 0, views: 0 },
  });

describe('case statuses', () => {
  it('reads ids, Chinese and English names, and nothing else', () => {
    expect(parseCaseStatus('初核')).toBe('preliminary');
    expect(parseCaseStatus('立案审查')).toBe('investigation');
    expect(parseCaseStatus(' 办结 ')).toBe('closed');
    expect(parseCaseStatus('closed')).toBe('closed');
    expect(parseCaseStatus('under investigation')).toBe('investigation');
    expect(parseCaseStatus('新线索')).toBeUndefined();
    expect(parseCaseStatus('')).toBeUndefined();
    expect(CASE_STATUS_LABELS.investigation.zh).toBe('立案审查');
  });

  it('moves forward, may close a preliminary review at once, and reopens only into investigation', () => {
    expect(CASE_TRANSITIONS.preliminary).toEqual(['investigation', 'closed']);
    expect(CASE_TRANSITIONS.investigation).not.toContain('preliminary');
    expect(CASE_TRANSITIONS.closed).toEqual(['investigation']);
    expect(needsComment('investigation', 'closed')).toBe(true);
    expect(needsComment('closed', 'investigation')).toBe(true);
    expect(needsComment('preliminary', 'investigation')).toBe(false);
  });
});

describe('case teams and access', () => {
  it('keeps members sorted, once each, without the lead', () => {
    expect(normaliseMembers('lead', ['b', 'lead', 'a', 'b', ' '])).toEqual(['a', 'b']);
  });

  it('lets members, analysts, admins and the CLI see a case; investigators off the team and viewers not', () => {
    const c = record('inv1', ['inv2']);
    expect(seesCase({ username: 'inv1', role: 'investigator' }, c)).toBe(true);
    expect(seesCase({ username: 'inv2', role: 'investigator' }, c)).toBe(true);
    expect(seesCase({ username: 'inv3', role: 'investigator' }, c)).toBe(false);
    expect(seesCase({ username: 'someone', role: 'analyst' }, c)).toBe(true);
    expect(seesCase({ username: 'root', role: 'admin' }, c)).toBe(true);
    expect(seesCase({ username: 'inv2', role: 'viewer' }, c)).toBe(false);
    expect(seesCase({ username: 'cli:ops', role: 'cli' }, c)).toBe(true);
    expect(canSeeCase({ username: 'inv2', role: 'investigator' }, ['inv1', 'inv2'])).toBe(true);
  });

  it('lets the lead and analysts, not other members, change the team', () => {
    const c = record('inv1', ['inv2']);
    expect(leadsCase({ username: 'inv1', role: 'investigator' }, c)).toBe(true);
    expect(leadsCase({ username: 'inv2', role: 'investigator' }, c)).toBe(false);
    expect(leadsCase({ username: 'x', role: 'analyst' }, c)).toBe(true);
  });
});

describe('history entries and views', () => {
  it('records who, when, what as one JSON entry', () => {
    const entry = JSON.parse(
      historyEntry('inv1', '2026-01-02T03:04:05.000Z', 'status', { status: { from: 'a' } }),
    );
    expect(entry).toEqual({
      at: '2026-01-02T03:04:05.000Z',
      by: 'inv1',
      event: 'status',
      status: { from: 'a' },
    });
  });

  it('measures a view in UTF-8 bytes of its JSON', () => {
    expect(viewBytes({ a: '中' })).toBe(Buffer.byteLength('{"a":"中"}'));
    expect(viewBytes({ a: '中' })).toBe(11);
  });
});
