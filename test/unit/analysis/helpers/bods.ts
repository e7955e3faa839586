// Reads Beneficial Ownership Data Standard (0.4) example packages into a shareholding graph plus the declared flags.
import { readFileSync } from 'node:fs';
import {
  type AnalysisGraph,
  buildGraph,
  type PlainEdge,
  type PlainNode,
} from '../../../../engine/analysis/graph.ts';

interface Share {
  exact?: number;
  minimum?: number;
  exclusiveMinimum?: number;
  maximum?: number;
  exclusiveMaximum?: number;
}
interface Interest {
  type?: string;
  directOrIndirect?: string;
  beneficialOwnershipOrControl?: boolean;
  share?: Share;
  endDate?: string;
}
interface Statement {
  recordId: string;
  recordType: 'entity' | 'person' | 'relationship';
  recordStatus?: string;
  recordDetails: {
    name?: string;
    names?: Array<{ fullName?: string }>;
    subject?: string;
    interestedParty?: string | object;
    interests?: Interest[];
    componentRecords?: string[];
  };
}

/** One declared relationship with a beneficial-ownership flag, and what the shares say about it. */
export interface DeclaredInterest {
  subject: string;
  party: string;
  partyIsPerson: boolean;
  /** The stated interests, e.g. "shareholding direct 50%". */
  stated: string;
  flag: boolean;
  /** Whether the declared shares decide the flag: a direct share, or an indirect one whose chain has shares. */
  sharesKnown: boolean;
}

export interface BodsCase {
  graph: AnalysisGraph;
  interests: DeclaredInterest[];
}

/** Lower bound of a share as a ratio 0..1: exact, else minimum, else exclusive minimum. */
export function shareRatio(share: Share | undefined): number | undefined {
  const percent = share?.exact ?? share?.minimum ?? share?.exclusiveMinimum;
  return percent === undefined ? undefined : percent / 100;
}

const isDirectShare = (i: Interest) =>
  i.type === 'shareholding' &&
  i.directOrIndirect !== 'indirect' &&
  !i.endDate &&
  shareRatio(i.share) !== undefined;

/**
 * The current state of a package: the last statement of each record wins and closed records drop out.
 * Entities (companies, trusts, arrangements, state bodies) become `Company` nodes, people `Person` nodes; every
 * current direct shareholding with a share becomes a SHAREHOLDER edge (party → subject).
 */
export function readBods(path: string): BodsCase {
  const statements = JSON.parse(readFileSync(path, 'utf8')) as Statement[];
  const latest = new Map<string, Statement>();
  for (const statement of statements) latest.set(statement.recordId, statement);
  const current = [...latest.values()].filter((s) => s.recordStatus !== 'closed');
  const kind = new Map<string, 'Company' | 'Person'>();
  const nodes: PlainNode[] = [];
  for (const s of current) {
    if (s.recordType === 'relationship') continue;
    const type = s.recordType === 'person' ? 'Person' : 'Company';
    kind.set(s.recordId, type);
    const label = s.recordDetails.name ?? s.recordDetails.names?.[0]?.fullName ?? s.recordId;
    nodes.push({ type, key: s.recordId, label });
  }
  const id = (record: string) => `${kind.get(record)}:${record}`;
  const relationships = current.filter(
    (s) =>
      s.recordType === 'relationship' &&
      typeof s.recordDetails.interestedParty === 'string' &&
      kind.has(s.recordDetails.interestedParty) &&
      kind.has(s.recordDetails.subject!),
  );
  const byRecord = new Map(relationships.map((s) => [s.recordId, s]));
  const edges: PlainEdge[] = [];
  const interests: DeclaredInterest[] = [];
  for (const s of relationships) {
    const details = s.recordDetails;
    const party = details.interestedParty as string;
    const list = details.interests ?? [];
    for (const interest of list.filter(isDirectShare))
      edges.push({
        source: id(party),
        target: id(details.subject!),
        type: 'SHAREHOLDER',
        ratio: shareRatio(interest.share)!,
      });
    const flags = list
      .map((i) => i.beneficialOwnershipOrControl)
      .filter((f): f is boolean => typeof f === 'boolean');
    if (flags.length === 0) continue;
    const chain = (details.componentRecords ?? []).map((r) => byRecord.get(r)).filter((r) => r !== undefined);
    const chainKnown =
      chain.length > 0 && chain.every((r) => (r.recordDetails.interests ?? []).some(isDirectShare));
    interests.push({
      subject: id(details.subject!),
      party: id(party),
      partyIsPerson: kind.get(party) === 'Person',
      stated: list
        .map((i) => {
          const ratio = shareRatio(i.share);
          return [
            i.type ?? '?',
            i.directOrIndirect ?? '',
            ratio === undefined ? '' : `${+(ratio * 100).toFixed(2)}%`,
          ]
            .filter(Boolean)
            .join(' ');
        })
        .join(', '),
      flag: flags.some(Boolean),
      sharesKnown: list.some(isDirectShare) || chainKnown,
    });
  }
  return { graph: buildGraph({ nodes, edges }), interests };
}
