// Village collective ledgers (三资台账) and subsidy rosters (惠民补贴): payments from a payer to a payee.
import { normaliseKey, parseAmount, parseDate, parseIdNumber, periodStart } from '../normalise/index.ts';
import type { BuildResult, MappedRow, NodeRef } from '../types.ts';
import {
  type BuildContext,
  checkPlausibleDate,
  FragmentBuilder,
  keyOf,
  looksLikeOrganisation,
  mention,
  organisationRef,
  partyFromId,
  reject,
  shortHash,
  villageRef,
} from './common.ts';
import { registeredByName } from './companies.ts';

function paid(b: FragmentBuilder, ctx: BuildContext, period = ''): { amount: number; date: string } {
  const amountRaw = b.required('amount');
  const amount = parseAmount(amountRaw);
  if (!amount.ok) return reject('amount', amount.reason, amountRaw);
  if (amount.value <= 0) return reject('amount', 'amount.nonpositive: a payment must be positive', amountRaw);
  // A roster that gives only the month or quarter it pays (发放月份 2025年1月) is dated by the period's first day.
  const fromPeriod = b.text('date') ? undefined : periodStart(period);
  const dateRaw = fromPeriod ?? b.required('date');
  // A range (`2025-01-01 至 2025-03-31`, a roster's 起止日期 above the table) dates its payments by its first day.
  const date = parseDate(dateRaw.split(/\s*(?:至|到|~|—|–)\s*/)[0] ?? dateRaw);
  if (!date.ok) return reject('date', date.reason, dateRaw);
  checkPlausibleDate(b, ctx, 'date', date.value);
  return { amount: amount.value, date: date.value };
}

/** The account a payment went to, tied to the payee only because the same row names both. */
/** Ties the account in `field` (if any) to `holder`: an identifier given beside the holder's own. */
function tieAccount(
  b: FragmentBuilder,
  field: string,
  payee: NodeRef,
  holderName: string,
): string | undefined {
  const accountNo = keyOf(b, field, false);
  if (!accountNo) return undefined;
  b.edge('OWNS_ACCOUNT', payee, b.node('Account', accountNo, { holderName }));
  return accountNo;
}

export function buildLedger(row: MappedRow, ctx: BuildContext): BuildResult {
  const b = new FragmentBuilder(row);
  const village = villageRef(b, b.text('town'), b.required('village'));
  const payeeName = b.required('payeeName');
  const { amount, date } = paid(b, ctx);
  let payee = partyFromId(b, ctx, 'payeeId', b.text('payeeId'), payeeName);
  if (!payee) {
    // A company paid without its code is found by name in the run's register, or the row is quarantined.
    payee = looksLikeOrganisation(payeeName)
      ? registeredByName(
          b,
          ctx,
          'payeeId',
          payeeName,
          (register) =>
            `party.unkeyed: 收款单位「${payeeName}」未给统一社会信用代码，且${register}该名称的企业 / a company payee ` +
            "needs its credit code, and none of that name is in this run's company register",
        )
      : mention(b, village.key, payeeName);
  }
  tieAccount(b, 'payeeAccount', payee, payeeName);
  // The collective's own account, when the ledger names it: ties the village to its bank statement.
  tieAccount(b, 'payerAccount', village, b.text('village'));
  const voucher = b.text('voucher');
  const base = `${village.key}|${voucher}|${date}|${payee.key}|${Math.round(amount * 100)}`;
  const key = `P${shortHash(`${base}|${ctx.occurrence(base)}`)}`;
  const edge = b.edge(
    'COLLECTIVE_PAYMENT',
    village,
    payee,
    {
      amount,
      date,
      voucher,
      purpose: b.text('purpose'),
      approver: b.text('approver'),
      handler: b.text('handler'),
    },
    key,
  );
  b.primaryEdge(edge);
  return b.done();
}

export function buildSubsidy(row: MappedRow, ctx: BuildContext): BuildResult {
  const b = new FragmentBuilder(row);
  const program = b.required('program');
  const name = b.required('name');
  const { amount, date } = paid(b, ctx, b.text('period'));
  const village = b.text('village');
  const unit = b.text('approvingUnit');
  const payer = unit
    ? organisationRef(b, unit)
    : village
      ? villageRef(b, b.text('town'), village)
      : organisationRef(b, program);
  if (unit && village) b.edge('LOCATED_IN', payer, villageRef(b, b.text('town'), village));
  const rawId = b.text('idNumber');
  const checked = rawId && ctx.options.idValidation === 'gb' ? parseIdNumber(rawId) : undefined;
  let recipient: NodeRef;
  if (checked?.ok) {
    recipient = b.node('Person', checked.value.idNumber, {
      name,
      birthDate: checked.value.birthDate,
      sex: checked.value.sex,
    });
  } else if (rawId && ctx.options.idValidation === 'none') {
    recipient = b.node('Person', normaliseKey(rawId), { name });
  } else {
    // A recipient with a missing or invalid ID number is exactly what the ghost-recipient model looks for:
    // load it as a mention carrying the number as written, and flag it.
    if (checked && !checked.ok) b.warn('idNumber', checked.reason);
    recipient = mention(b, `${payer.key}|${program}|${normaliseKey(rawId)}`, name, {
      idNumberRaw: rawId,
      invalidId: Boolean(rawId),
    });
  }
  const accountNo = tieAccount(b, 'accountNo', recipient, name);
  const period = b.text('period');
  const base = `${payer.key}|${program}|${recipient.key}|${period}|${date}|${Math.round(amount * 100)}`;
  const key = `S${shortHash(`${base}|${ctx.occurrence(base)}`)}`;
  b.primaryEdge(b.edge('SUBSIDY', payer, recipient, { program, amount, date, period, accountNo }, key));
  return b.done();
}
