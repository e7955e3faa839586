// Bank statement rows (银行流水) → accounts, holders and one TRANSFER per real movement of money.
import { type Direction, parseAmount, parseDateTime, parseDirection } from '../normalise/index.ts';
import type { BuildResult, MappedRow, NodeRef } from '../types.ts';
import {
  type BuildContext,
  checkPlausibleDate,
  FragmentBuilder,
  keyOf,
  partyFromId,
  reject,
  shortHash,
} from './common.ts';

function amountOf(b: FragmentBuilder, field: string): number | undefined {
  const raw = b.text(field);
  if (!raw) return undefined;
  const parsed = parseAmount(raw);
  if (!parsed.ok) reject(field, parsed.reason, raw);
  return parsed.value;
}

/** Amount and direction from any of the layouts: debit/credit columns, a flag, or a signed amount. */
function movement(b: FragmentBuilder): { amount: number; direction: Direction } {
  const debit = amountOf(b, 'debit');
  const credit = amountOf(b, 'credit');
  if (debit || credit) {
    if (debit && credit)
      reject('debit', 'amount.both: both debit and credit are filled', `${debit}/${credit}`);
    return debit
      ? { amount: Math.abs(debit), direction: 'out' }
      : { amount: Math.abs(credit ?? 0), direction: 'in' };
  }
  const amount = amountOf(b, 'amount');
  if (amount === undefined || amount === 0) {
    return reject('amount', 'amount.empty: no amount in amount, debit or credit columns');
  }
  const flag = b.text('direction');
  if (flag) {
    const said = parseDirection(flag);
    // A negative amount beside 借/支出 says the same thing twice; beside 贷/收入 it contradicts the flag: a
    // reversal (冲正) or a typo, and either reading would put money on the wrong side, so it is not guessed.
    if (said === 'out') return { amount: Math.abs(amount), direction: 'out' };
    if (said === 'in' && amount < 0) {
      return reject(
        'amount',
        `amount.signFlag: negative amount with incoming flag '${flag}'`,
        b.text('amount'),
      );
    }
    if (said === 'in') return { amount: Math.abs(amount), direction: 'in' };
    return reject('direction', 'direction.unknown: debit/credit flag not recognised', flag);
  }
  if ('direction' in b.row.fields) reject('direction', 'direction.empty: debit/credit flag is empty');
  // Signed layouts: negative is money out, positive money in.
  return { amount: Math.abs(amount), direction: amount < 0 ? 'out' : 'in' };
}

export function buildBank(row: MappedRow, ctx: BuildContext): BuildResult {
  const b = new FragmentBuilder(row);
  const ownNo = keyOf(b, 'ownAccount');
  const dateRaw = b.text('date') || b.required('time');
  const when = parseDateTime(dateRaw, b.text('date') ? b.text('time') || undefined : undefined);
  if (!when.ok) reject(b.text('date') ? 'date' : 'time', when.reason, dateRaw);
  checkPlausibleDate(b, ctx, b.text('date') ? 'date' : 'time', when.value);
  const { amount, direction } = movement(b);

  const ownName = b.text('ownName');
  const own = b.node('Account', ownNo, { holderName: ownName });
  const holder = partyFromIdOrWarn(b, ctx, ownName);
  if (holder) b.edge('OWNS_ACCOUNT', holder, own);

  const cpName = b.text('cpName');
  const cpNoRaw = keyOf(b, 'cpAccount', false);
  // A posting without a counterparty account (cash, fees, some banks) still moves money: it goes to a
  // counterparty private to this account, so it never joins unrelated statements through a shared hub.
  const cpNo = cpNoRaw || `UNKNOWN:${ownNo}:${cpName || '?'}`;
  const counterparty = b.node('Account', cpNo, { holderName: cpName, bank: b.text('cpBank') });

  const [from, to]: [NodeRef, NodeRef] = direction === 'out' ? [own, counterparty] : [counterparty, own];
  const cents = Math.round(amount * 100);
  const day = when.value.slice(0, 10);
  // Both statements of a transfer between two collected accounts yield the same key: same ends, day, amount,
  // and the same rank among identical-looking transfers of that day.
  // The rank is counted per statement (own account): when one file holds both statements, each side still
  // ranks its copy of the transfer the same.
  const base = `${from.key}|${to.key}|${day}|${cents}`;
  const txKey = `T${shortHash(`${base}|${ctx.occurrence(`${ownNo}|${base}`)}`)}`;
  const edge = b.edge(
    'TRANSFER',
    from,
    to,
    { amount, time: when.value, serial: b.text('serial'), memo: b.text('memo') },
    txKey,
  );
  b.primaryEdge(edge);
  // Many banks give dates only; midnight is then the honest reading, not worth a warning per row.
  if (when.warning && !when.warning.startsWith('date.notime')) b.warn('date', when.warning);
  return b.done();
}

/** The statement's holder identifier, when given; a bad one is a warning (the transfer itself is sound). */
function partyFromIdOrWarn(b: FragmentBuilder, ctx: BuildContext, name: string): NodeRef | undefined {
  const rawId = b.text('ownId');
  if (!rawId) return undefined;
  try {
    return partyFromId(b, ctx, 'ownId', rawId, name);
  } catch (error) {
    b.warn('ownId', (error as Error).message);
    return undefined;
  }
}
