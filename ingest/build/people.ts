// Rows about people: cadre rosters, declared relatives, household and death registers, plain person lists.
import { parseDate } from '../normalise/index.ts';
import type { BuildResult, MappedRow, NodeRef } from '../types.ts';
import {
  attachAddress,
  attachPhone,
  type BuildContext,
  checkPlausibleDate,
  FragmentBuilder,
  mention,
  organisationRef,
  personKey,
  reject,
  villageRef,
} from './common.ts';

/** The row's person from its ID-number field; rejects the row when the number is invalid. */
function keyedPerson(
  b: FragmentBuilder,
  ctx: BuildContext,
  field: string,
  props: Record<string, unknown>,
): NodeRef {
  const raw = b.required(field);
  const key = personKey(raw, ctx);
  if (!key.ok) return reject(field, key.reason, raw);
  return b.node('Person', key.value.idNumber, {
    birthDate: key.value.birthDate,
    sex: key.value.sex,
    ...props,
  });
}

function optionalDate(b: FragmentBuilder, field: string): string | undefined {
  const raw = b.text(field);
  if (!raw) return undefined;
  const parsed = parseDate(raw);
  if (!parsed.ok) {
    b.warn(field, parsed.reason);
    return undefined;
  }
  return parsed.value;
}

export function buildCadre(row: MappedRow, ctx: BuildContext): BuildResult {
  const b = new FragmentBuilder(row);
  const person = keyedPerson(b, ctx, 'idNumber', { name: b.required('name'), isCadre: true });
  const unit = organisationRef(b, b.required('unit'));
  const post = { post: b.text('post'), level: b.text('level') };
  b.primaryEdge(b.edge('HOLDS_POST', person, unit, post));
  const village = b.text('village');
  if (village) {
    const v = villageRef(b, b.text('town'), village);
    b.edge('HOLDS_POST', person, v, post);
    b.edge('LOCATED_IN', unit, v);
  }
  attachPhone(b, person, 'phone');
  return b.done();
}

export function buildRelative(row: MappedRow, ctx: BuildContext): BuildResult {
  const b = new FragmentBuilder(row);
  const cadre = keyedPerson(b, ctx, 'cadreId', { name: b.text('cadreName') });
  const name = b.required('relativeName');
  const relation = b.required('relation');
  const relativeId = b.text('relativeId');
  let relative: NodeRef;
  if (relativeId) {
    relative = keyedPerson(b, ctx, 'relativeId', { name });
  } else {
    // Declared without an ID number: kept as this cadre's mention, resolved later only on a second identifier.
    relative = mention(b, `${cadre.key}|${relation}`, name);
  }
  b.primaryEdge(b.edge('FAMILY', cadre, relative, { relation, basis: '申报' }));
  attachPhone(b, relative, 'phone');
  return b.done();
}

export function buildHousehold(row: MappedRow, ctx: BuildContext): BuildResult {
  const b = new FragmentBuilder(row);
  const householdNo = b.required('householdNo');
  const name = b.required('name');
  const relationToHead = b.required('relationToHead');
  const birthDate = optionalDate(b, 'birthDate');
  const person = keyedPerson(b, ctx, 'idNumber', { name, phone: undefined });
  const declared = b.fragment.nodes[b.fragment.nodes.length - 1];
  if (declared && birthDate && declared.props.birthDate && declared.props.birthDate !== birthDate) {
    b.warn(
      'birthDate',
      `birthdate.mismatch: register says ${birthDate}, ID number says ${declared.props.birthDate}`,
    );
  }
  const household = b.node('Household', householdNo, { address: b.text('address') });
  b.primaryEdge(b.edge('MEMBER_OF', person, household, { relationToHead }));
  const village = b.text('village');
  if (village) b.edge('LOCATED_IN', household, villageRef(b, b.text('town'), village));
  const phone = attachPhone(b, person, 'phone');
  const address = attachAddress(b, person, 'address');
  if (phone || address)
    declared!.props = { ...declared!.props, ...(phone ? { phone } : {}), ...(address ? { address } : {}) };
  return b.done();
}

export function buildDeath(row: MappedRow, ctx: BuildContext): BuildResult {
  const b = new FragmentBuilder(row);
  const raw = b.required('deathDate');
  const deathDate = parseDate(raw);
  if (!deathDate.ok) return reject('deathDate', deathDate.reason, raw);
  checkPlausibleDate(b, ctx, 'deathDate', deathDate.value);
  const person = keyedPerson(b, ctx, 'idNumber', { name: b.text('name'), deathDate: deathDate.value });
  b.fragment.primary = { node: person, prop: 'deathDate' };
  return b.done();
}

export function buildPerson(row: MappedRow, ctx: BuildContext): BuildResult {
  const b = new FragmentBuilder(row);
  const person = keyedPerson(b, ctx, 'idNumber', {
    name: b.required('name'),
    birthDate: optionalDate(b, 'birthDate'),
  });
  attachPhone(b, person, 'phone');
  b.primaryNode(person);
  return b.done();
}
