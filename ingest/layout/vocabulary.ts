// Header meaning: rewrites a header into role and attribute tokens, so spellings that mean the same compare equal.
//
// Departments spell the same column many ways: 股东证件号, 股东证照号码 and 股东统一社会信用代码 all name the holder's
// identifier; 收款单位/个人, 收款人（单位） and 领款人 all name the payee. Instead of listing every whole spelling, a
// header is rewritten into tokens for *who* (the role: holder, counterparty, payee…) and *what* (the attribute:
// identifier, name, account…), and two headers mean the same when their token forms are equal. The families'
// aliases are rewritten the same way, so every alias already declared teaches the matcher its variants.

/** One rewrite: every match of `pattern` becomes the token. Order matters: longer phrases first. */
interface Rewrite {
  pattern: RegExp;
  token: string;
}

const ROLE = (name: string) => `{${name}}`;
const ATTR = (name: string) => `<${name}>`;

/**
 * Roles: whose value a column holds. Kept to words whose meaning does not depend on the table (对方 is always the
 * other side of a movement, 股东 always a holder); table-dependent words (单位) stay literal.
 */
const ROLES: Rewrite[] = [
  { pattern: /交易对手方?|对手方?|对方/g, token: ROLE('cp') },
  { pattern: /股东|投资人|出资人|投资方|发起人|合伙人/g, token: ROLE('holder') },
  {
    pattern: /(?:收款|领款|受款|领取)(?:单位|人|方|者)?(?:\/(?:个人|单位|人))?(?:\((?:单位|个人)\))?/g,
    token: ROLE('payee'),
  },
  { pattern: /法定代表人|法人代表|法人/g, token: ROLE('legalRep') },
  { pattern: /申报人|报告人|公职人员|干部/g, token: ROLE('cadre') },
  { pattern: /家庭成员|亲属|家属|成员/g, token: ROLE('relative') },
  { pattern: /死者|逝者|亡者/g, token: ROLE('deceased') },
];

/** Attributes: what a column holds. Identifiers of people and of organisations are one attribute. */
const ATTRIBUTES: Rewrite[] = [
  // An organisation's code and a person's (or anyone's) identifier are different attributes: a column of
  // 身份证号码 must never stand for a company's 统一社会信用代码.
  { pattern: /统一社会信用代码|社会信用代码|信用代码|注册号/g, token: ATTR('uscc') },
  {
    pattern:
      /(?:公民身份号码|身份证件号码|身份证号码|身份证号|(?:证照|证件)(?:\/(?:证照|证件))?(?:号码|号|编号)|身份证)/g,
    token: ATTR('id'),
  },
  { pattern: /卡号\/账号|账号\/卡号|账户号码|账户号|账号|卡号|账户(?!名)/g, token: ATTR('account') },
  // An account's name (户名) is its holder's; a bare 名称 may name anything (交易名称 is the kind of movement).
  // (客户名称 holds 户名 by accident of spelling: it is the customer's name.)
  { pattern: /账户名称|账户名|(?<!客)户名(?!称)/g, token: ATTR('acctname') },
  { pattern: /姓名|名称|名字/g, token: ATTR('name') },
  { pattern: /联系电话|手机号码|手机号|电话号码|电话|手机|联系方式/g, token: ATTR('phone') },
  { pattern: /发生额|交易额|金额/g, token: ATTR('amount') },
  { pattern: /日期|(?<=[账易款放生亡化销])日$/g, token: ATTR('date') },
  { pattern: /时间/g, token: ATTR('time') },
  // Which side of the account money moved: 交易金额(收入) is a credit column, 借方发生额 a debit one.
  // A lone 借/贷 is a side only as a flag or column of its own (借方, `借/贷`): 借记卡 and 贷款 are other words.
  { pattern: /收入|存入|贷方|贷(?=$|\/|\)|标)|转入|入账|来账/g, token: '[in]' },
  { pattern: /支出|支取|借方|借(?=$|\/|\)|贷)|转出|出账|往账|付出/g, token: '[out]' },
];

/** Decoration that never changes a header's meaning: required-markers, spaces, quotes and punctuation. */
const DECORATION = /[\s"'*＊:：、,，.。·_\-—]/g;

/** Header text as compared: NFKC (full-width → half-width), 帐 → 账, lower case, decoration removed. */
export function normaliseHeader(header: string): string {
  return header
    .normalize('NFKC')
    .replace(/帐/g, '账')
    .replace(/[【[（]/g, '(')
    .replace(/[】\]）]/g, ')')
    .toLowerCase()
    .replace(DECORATION, '');
}

/** The header without bracketed parts (`金额(万元)` → `金额`), for spellings that add a note or a unit. */
export function withoutBrackets(normalised: string): string {
  return normalised.replace(/\([^)]*\)/g, '');
}

/** A normalised header rewritten into role `{…}` and attribute `<…>` tokens. */
export function meaningOf(normalised: string): string {
  // 所在村 and 所属乡镇 are the village and the town: the leading words only say "where it belongs".
  let text = normalised.replace(/^(?:所在|所属)(?=.)/, '');
  for (const { pattern, token } of ROLES) text = text.replace(pattern, token);
  for (const { pattern, token } of ATTRIBUTES) text = text.replace(pattern, token);
  // `身份证号/统一社会信用代码` names one identifier twice: either may be in the cell. `收入/支出金额` names both
  // sides of an amount, which is a signed amount: no side at all.
  text = text
    .replace(/(<[a-z]+>)(?:[/或]\1)+/g, '$1')
    .replace(/<id>[/或]<uscc>|<uscc>[/或]<id>/g, '<id>')
    .replace(/\[(?:in|out)\][/、]?\[(?:in|out)\](?=<amount>)/g, '');
  // A party named alone (收款人, 股东, 申报人) stands for that party's name.
  return /^\{[a-z]+\}$/i.test(text) ? `${text}<name>` : text;
}

/** True when `text` holds a role token: the column is about someone other than the row's own subject. */
export function hasRole(text: string): boolean {
  return /\{[a-z]+\}/i.test(text);
}

/** How a header relates to an alias: equal as written, equal in meaning, or containing it with decoration. */
export type HeaderMatch = 'exact' | 'meaning' | 'tokens' | 'contains';

/** The normalised forms of a header that matching tries: as written, without brackets, and their meanings. */
export interface HeaderForms {
  plain: string;
  bare: string;
  meaning: string;
  /** The meaning without bracketed notes, but keeping brackets that carry meaning (`金额(收入)`). */
  bareMeaning: string;
  /** Brackets taken away but their words kept: `居(村)委会` → `居村委会`. */
  inline: string;
  /** The role, attribute and side tokens of the meaning, sorted: `交易金额(收入)` and `收入金额` share them. */
  tokens: string;
}

const TOKEN = /\{[a-z]+\}|<[a-z]+>|\[[a-z]+\]/gi;

const HAS_TOKEN = /\{[a-z]+\}|<[a-z]+>|\[[a-z]+\]/i;

/** Drops bracketed notes (`(元)`, `(必填)`) but keeps the words of brackets that carry meaning (`(收入)`). */
function dropNotes(text: string, meaningful: (inner: string) => boolean): string {
  return text.replace(/\(([^)]*)\)/g, (_whole, inner: string) => (meaningful(inner) ? inner : ''));
}

export function headerForms(header: string): HeaderForms {
  const plain = normaliseHeader(header);
  const meaning = meaningOf(plain);
  const bare = dropNotes(plain, (inner) => HAS_TOKEN.test(meaningOf(inner)));
  const bareMeaning = dropNotes(meaning, (inner) => HAS_TOKEN.test(inner));
  const tokens = [...new Set(bareMeaning.match(TOKEN) ?? [])].sort().join('');
  return { plain, bare, inline: plain.replace(/[()]/g, ''), meaning, bareMeaning, tokens };
}

/**
 * How well a header matches an alias (both as forms). `contains` allows extra words around the alias only when
 * they add no role: `交易金额` contains `金额`, but `对方账号` does not stand for `账号` because 对方 is a role.
 */
export function matchHeader(header: HeaderForms, alias: HeaderForms): HeaderMatch | undefined {
  if (header.plain === alias.plain || header.bare === alias.plain || header.inline === alias.plain)
    return 'exact';
  if (header.meaning === alias.meaning || header.bareMeaning === alias.meaning) return 'meaning';
  // Same party, attribute and side in another order or with qualifiers (交易, 本次): 交易金额(收入) = 收入金额.
  if (
    header.tokens !== '' &&
    header.tokens === alias.tokens &&
    (alias.tokens.match(TOKEN) ?? []).length >= 2
  ) {
    return 'tokens';
  }
  const target = alias.meaning;
  if (target.length < 2) return undefined;
  const at = header.bareMeaning.indexOf(target);
  if (at < 0) return undefined;
  const rest = header.bareMeaning.slice(0, at) + header.bareMeaning.slice(at + target.length);
  // Extra words may qualify the alias (交易, 本次, 发生) but never name another party or another attribute.
  // An alias found inside a token (`name` in `<name>`, left as `<>`) is a different word, not a qualified alias.
  if (hasRole(rest) || /<[a-z]*>|\[[a-z]*\]|\{\}/.test(rest) || QUALIFIERS.test(rest)) return undefined;
  // A bare name is a person's or a party's: 交易名称 and 项目名称 name things.
  if (target === '<name>' && NAMED_THINGS.test(rest)) return undefined;
  return 'contains';
}

/** Words that make a header about something else than the alias it contains: 账户类型, 账户余额 are no account number. */
const QUALIFIERS =
  /类型|类别|性质|状态|方式|标志|标识|说明|备注|币种|行名|机构|网点|银行|地址|时间|日期|次数|笔数|人数|年龄|原因|余额/;

const NAMED_THINGS = /交易|业务|项目|商品|产品|资金|补贴|工程|合同|文件|科目|摘要/;

/** Confidence of each kind of header match before the values are seen. */
export const MATCH_CONFIDENCE: Record<HeaderMatch, number> = {
  exact: 1,
  meaning: 0.9,
  tokens: 0.85,
  contains: 0.7,
};
