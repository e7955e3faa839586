// Company registrations (工商登记) and their shareholders and executives.
import { lookupCompany } from '../load/company-index.ts';
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

/**
 * A company named without its credit code, found in this run's company register (load/company-index.ts): only
 * when exactly one registered company bears that name. A name alone is never a key, so a name two companies
 * share quarantines the row (`company.ambiguous`), and so does one the register lacks (`onMissing`).
 */
export function registeredByName(
  b: FragmentBuilder,
  ctx: BuildContext,
  field: string,
  name: string,
  onMissing: (register: string) => string,
): NodeRef {
  const found = lookupCompany(ctx.companyCodes, name);
  // No name offered: the register's own spelling names the company, whichever file is read first.
  if (found.found) return b.node('Company', found.creditCode, {});
  if (found.why === 'ambiguous') {
    return reject(
      field,
      `company.ambiguous: 本批次工商登记中有两家或以上企业同名「${name}」，无法确定是哪一家，请补充统一社会信用代码 / ` +
        `two or more companies in this run's register are named "${name}"; add the credit code`,
      name,
    );
  }
  return reject(
    field,
    onMissing(ctx.companyCodes ? '本批次工商登记中没有' : '本批次没有工商登记，找不到'),
    name,
  );
}

/** The company a shareholder or key-personnel row is about: by its credit code, else by its registered name. */
function heldCompany(b: FragmentBuilder, ctx: BuildContext): NodeRef {
  const name = b.text('companyName');
  if (b.text('creditCode') || !name) return company(b, ctx, { name });
  return registeredByName(
    b,
    ctx,
    'companyName',
    name,
    (register) =>
      `company.unresolved: ${register}名称为「${name}」的企业，请补充统一社会信用代码或一并导入工商登记 / ` +
      `no company named "${name}" in this run's company register; add the credit code or ingest the register with it`,
  );
}

/**
 * A person or company named in a registration: by identifier when given; an organisation without one by its
 * registered name when `byName` (a corporate shareholder); else a person's mention scoped to the company.
 */
function namedParty(
  b: FragmentBuilder,
  ctx: BuildContext,
  target: NodeRef,
  role: string,
  idField: string,
  name: string,
  type?: string,
  byName = false,
): NodeRef {
  const byId = partyFromId(b, ctx, idField, b.text(idField), name, type);
  if (byId) return byId;
  if (looksLikeOrganisation(name)) {
    const unkeyed = 'party.unkeyed: an organisation named without its credit code';
    if (!byName) return reject(idField, unkeyed, name);
    return registeredByName(
      b,
      ctx,
      idField,
      name,
      (register) =>
        `party.unkeyed: 「${name}」是企业但未给统一社会信用代码，且${register}该名称的企业 / an organisation ` +
        `named without its credit code, and none of that name in this run's company register`,
    );
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
    // The representative's own phone is theirs: on a mention it is the second identifier that lets
    // resolveMentions link it to the one person of that name with that phone. The company's phone is not.
    attachPhone(b, rep, 'legalRepPhone');
  }
  const phone = attachPhone(b, c, 'phone');
  const address = attachAddress(b, c, 'address');
  const node = b.fragment.nodes.find((n) => n.label === 'Company' && n.key === c.key);
  if (node) node.props = { ...node.props, ...(phone ? { phone } : {}), ...(address ? { address } : {}) };
  return b.done();
}

export function buildShareholder(row: MappedRow, ctx: BuildContext): BuildResult {
  const b = new FragmentBuilder(row);
  const c = heldCompany(b, ctx);
  const ratioRaw = b.required('ratio');
  const ratio = parseRatio(ratioRaw);
  if (!ratio.ok) return reject('ratio', ratio.reason, ratioRaw);
  const holderName = b.required('holderName');
  const holderType = b.text('holderType') || undefined;
  const holder = namedParty(b, ctx, c, '股东', 'holderId', holderName, holderType, true);
  // Treasury shares (库存股) exist, and registries carry them: load, but say so.
  if (holder.key === c.key) b.warn('holderId', 'holder.self: the company holds its own shares');
  b.primaryEdge(b.edge('SHAREHOLDER', holder, c, { ratio: ratio.value }));
  return b.done();
}

export function buildExecutive(row: MappedRow, ctx: BuildContext): BuildResult {
  const b = new FragmentBuilder(row);
  const c = heldCompany(b, ctx);
  const name = b.required('name');
  const post = b.required('post');
  const person = namedParty(b, ctx, c, post, 'idNumber', name, 'person');
  b.primaryEdge(b.edge('EXECUTIVE', person, c, { post }));
  return b.done();
}
