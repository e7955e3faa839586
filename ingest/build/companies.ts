// Company registrations (工商登记) and their shareholders and executives.
import { parseAmount, parseDate, parseRatio } from '../normalise/index.ts';
import type { BuildResult, MappedRow, NodeRef } from '../types.ts';
import {
  attachAddress,
  attachPhone,
  type BuildContext,
  companyKey,
  FragmentBuilder,
  looksLikeOrganisation,
  mention,
  partyFromId,
  reject,
} from './common.ts';

/** The company a row is about, by its credit code (a wrong check digit only warns). */
function company(b: FragmentBuilder, ctx: BuildContext, props: Record<string, unknown>): NodeRef {
  const raw = b.required('creditCode');
  const key = companyKey(raw, ctx);
  if (!key.ok) return reject('creditCode', key.reason, raw);
  if (key.warning) b.warn('creditCode', key.warning);
  return b.node('Company', key.value, props);
}

/** A person or company named in a registration: by identifier when given, else a mention scoped to the company. */
function namedParty(
  b: FragmentBuilder,
  ctx: BuildContext,
  target: NodeRef,
  role: string,
  idField: string,
  name: string,
  type?: string,
): NodeRef {
  const byId = partyFromId(b, ctx, idField, b.text(idField), name, type);
  if (byId) return byId;
  if (looksLikeOrganisation(name)) {
    return reject(idField, 'party.unkeyed: an organisation named without its credit code', name);
  }
  return mention(b, `${target.key}|${role}`, name);
}

export function buildCompany(row: MappedRow, ctx: BuildContext): BuildResult {
  const b = new FragmentBuilder(row);
  const capitalRaw = b.text('capital');
  const capital = capitalRaw ? parseAmount(capitalRaw) : undefined;
  if (capital && !capital.ok) b.warn('capital', capital.reason);
  const founded = b.text('foundedDate') ? parseDate(b.text('foundedDate')) : undefined;
  if (founded && !founded.ok) b.warn('foundedDate', founded.reason);
  const name = b.required('name');
  const legalRepName = b.text('legalRepName');
  const c = company(b, ctx, {
    name,
    legalRepName,
    capital: capital?.ok ? capital.value : undefined,
    foundedDate: founded?.ok ? founded.value : undefined,
    status: b.text('status'),
    registered: true,
  });
  b.fragment.primary = { node: c, prop: 'registered' };
  if (legalRepName || b.text('legalRepId')) {
    const rep = namedParty(b, ctx, c, '法定代表人', 'legalRepId', legalRepName, 'person');
    b.edge('LEGAL_REP', rep, c);
  }
  const phone = attachPhone(b, c, 'phone');
  const address = attachAddress(b, c, 'address');
  const node = b.fragment.nodes.find((n) => n.label === 'Company' && n.key === c.key);
  if (node) node.props = { ...node.props, ...(phone ? { phone } : {}), ...(address ? { address } : {}) };
  return b.done();
}

export function buildShareholder(row: MappedRow, ctx: BuildContext): BuildResult {
  const b = new FragmentBuilder(row);
  const c = company(b, ctx, { name: b.text('companyName') });
  const ratioRaw = b.required('ratio');
  const ratio = parseRatio(ratioRaw);
  if (!ratio.ok) return reject('ratio', ratio.reason, ratioRaw);
  const holderName = b.required('holderName');
  const holder = namedParty(b, ctx, c, '股东', 'holderId', holderName, b.text('holderType') || undefined);
  // Treasury shares (库存股) exist, and registries carry them: load, but say so.
  if (holder.key === c.key) b.warn('holderId', 'holder.self: the company holds its own shares');
  b.primaryEdge(b.edge('SHAREHOLDER', holder, c, { ratio: ratio.value }));
  return b.done();
}

export function buildExecutive(row: MappedRow, ctx: BuildContext): BuildResult {
  const b = new FragmentBuilder(row);
  const c = company(b, ctx, { name: b.text('companyName') });
  const name = b.required('name');
  const post = b.required('post');
  const person = namedParty(b, ctx, c, post, 'idNumber', name, 'person');
  b.primaryEdge(b.edge('EXECUTIVE', person, c, { post }));
  return b.done();
}
