// Generic kinds used by mapping profiles for other data sets: account lists, owners, transfers, guarantees.
import { parseAmount, parseDate, parseDateTime } from '../normalise/index.ts';
import type { BuildResult, MappedRow } from '../types.ts';
import {
  type BuildContext,
  checkPlausibleDate,
  FragmentBuilder,
  keyOf,
  partyFromId,
  reject,
  shortHash,
} from './common.ts';

export function buildAccount(row: MappedRow, ctx: BuildContext): BuildResult {
  const b = new FragmentBuilder(row);
  const holderName = b.text('holderName');
  const account = b.node('Account', keyOf(b, 'accountNo'), {
    holderName,
    bank: b.text('bank'),
  });
  const holder = partyFromId(b, ctx, 'holderId', b.text('holderId'), holderName);
  if (holder) b.edge('OWNS_ACCOUNT', holder, account);
  b.primaryNode(account);
  return b.done();
}

export function buildAccountOwner(row: MappedRow, ctx: BuildContext): BuildResult {
  const b = new FragmentBuilder(row);
  const account = b.node('Account', keyOf(b, 'accountNo'));
  const holder = partyFromId(
    b,
    ctx,
    'holderId',
    b.required('holderId'),
    '',
    b.text('holderType') || undefined,
  );
  b.primaryEdge(b.edge('OWNS_ACCOUNT', holder!, account));
  return b.done();
}

export function buildTransfer(row: MappedRow, ctx: BuildContext): BuildResult {
  const b = new FragmentBuilder(row);
  const from = b.node('Account', keyOf(b, 'fromAccount'));
  const to = b.node('Account', keyOf(b, 'toAccount'));
  const amountRaw = b.required('amount');
  const amount = parseAmount(amountRaw);
  if (!amount.ok) return reject('amount', amount.reason, amountRaw);
  const timeRaw = b.required('time');
  const time = parseDateTime(timeRaw);
  if (!time.ok) return reject('time', time.reason, timeRaw);
  checkPlausibleDate(b, ctx, 'time', time.value);
  const base = `${from.key}|${to.key}|${time.value}|${Math.round(amount.value * 100)}`;
  const key = `T${shortHash(`${base}|${ctx.occurrence(base)}`)}`;
  const edge = b.edge(
    'TRANSFER',
    from,
    to,
    { amount: amount.value, time: time.value, serial: b.text('serial'), memo: b.text('memo') },
    key,
  );
  b.primaryEdge(edge);
  return b.done();
}

export function buildGuarantee(row: MappedRow, ctx: BuildContext): BuildResult {
  const b = new FragmentBuilder(row);
  const from = partyFromId(b, ctx, 'fromId', b.required('fromId'), '', b.text('fromType') || undefined);
  const to = partyFromId(b, ctx, 'toId', b.required('toId'), '', b.text('toType') || undefined);
  const dateRaw = b.text('date');
  const date = dateRaw ? parseDate(dateRaw) : undefined;
  if (date && !date.ok) b.warn('date', date.reason);
  const amount = b.text('amount') ? parseAmount(b.text('amount')) : undefined;
  b.primaryEdge(
    b.edge('GUARANTEES', from!, to!, {
      date: date?.ok ? date.value : undefined,
      amount: amount?.ok ? amount.value : undefined,
    }),
  );
  return b.done();
}
