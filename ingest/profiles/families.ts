// Built-in header profiles: for each kind, its canonical fields, the Chinese (and English) headers that mean them,
// and which fields are required. Detection and mapping read only this table.
import type { Kind } from '../types.ts';

export interface FieldSpec {
  /** Header spellings, compared after normalisation (case, spaces, full-width, brackets removed). */
  aliases: string[];
}

export interface Family {
  kind: Kind;
  zh: string;
  fields: Record<string, FieldSpec>;
  /** Each inner list is alternatives: at least one of them must be mapped. */
  required: string[][];
  /** Headers whose presence makes this kind more likely than a look-alike. */
  signature?: string[];
}

const f = (...aliases: string[]): FieldSpec => ({ aliases });

const ID = [
  '证件号码',
  '身份证号',
  '身份证号码',
  '公民身份号码',
  '身份证',
  '证件号',
  'idnumber',
  'id_number',
];
const NAME = ['姓名', '名称', 'name'];
const PHONE = ['联系电话', '电话', '手机', '手机号', '手机号码', '联系方式', 'phone'];
const ADDRESS = ['地址', '住址', '家庭住址', '现住址', '联系地址', 'address'];
const TOWN = [
  '乡镇',
  '乡镇（街道）',
  '乡镇街道',
  '镇',
  '街道',
  '所属乡镇',
  '乡镇名称',
  '乡（镇）',
  '镇（街道）',
  'town',
];
const VILLAGE = [
  '村',
  '村（社区）',
  '村社区',
  '村居',
  '行政村',
  '所属村',
  '村名',
  '村名称',
  '村（居）名称',
  '村（社区）名称',
  '村委会',
  '居（村）委会',
  '村（居）委会',
  '村居委会',
  'village',
];

export const FAMILIES: Family[] = [
  {
    kind: 'bank',
    zh: '银行流水',
    fields: {
      ownAccount: f(
        '本方账号',
        '账号',
        '卡号',
        '本方卡号',
        '交易卡号',
        '查询账号',
        '客户账号',
        '账户',
        '帐号',
      ),
      ownName: f('本方户名', '户名', '账户名称', '客户名称', '账户户名', '交易户名'),
      ownId: f('本方证件号码', '证件号码', '户主证件号码', '客户证件号码', '身份证号'),
      date: f('交易日期', '记账日期', '日期', '交易时间日期', '入账日期'),
      time: f('交易时间', '记账时间', '时间'),
      amount: f('交易金额', '发生额', '金额', '交易额'),
      direction: f('借贷标志', '收付标志', '借贷方向', '收支标志', '出入账标志', '借贷'),
      debit: f('借方发生额', '支出', '支出金额', '借方金额', '付款金额', '转出金额'),
      credit: f('贷方发生额', '存入', '收入', '收入金额', '贷方金额', '收款金额', '转入金额'),
      balance: f('余额', '账户余额', '交易后余额', '联机余额'),
      cpAccount: f('对方账号', '对手账号', '对方卡号', '对手卡号', '对方账户', '交易对手账号'),
      cpName: f('对方户名', '对手户名', '对方名称', '对手名称', '交易对手名称', '对方账户名称'),
      cpBank: f('对方开户行', '对手开户行', '对方行名', '对方银行', '对手开户银行'),
      memo: f('摘要', '附言', '用途', '备注', '交易摘要'),
      serial: f('交易流水号', '流水号', '交易序号', '凭证号'),
      currency: f('币种', '币别'),
    },
    required: [['ownAccount'], ['date', 'time'], ['amount', 'debit', 'credit']],
    signature: ['cpAccount', 'cpName', 'balance', 'direction', 'debit', 'credit'],
  },
  {
    kind: 'cadre',
    zh: '公职人员名册',
    fields: {
      name: f(...NAME),
      idNumber: f(...ID),
      unit: f('单位', '工作单位', '所在单位', '任职单位', '单位名称'),
      post: f('职务', '现任职务', '岗位'),
      level: f('职级', '级别', '职务级别', '职务层次', '职级层次'),
      town: f(...TOWN),
      village: f(...VILLAGE),
      phone: f(...PHONE),
    },
    // A roster names each cadre's post or grade: a list of people with an issuing unit above it is not one.
    required: [['name'], ['idNumber'], ['unit'], ['post', 'level']],
    signature: ['post', 'level'],
  },
  {
    kind: 'relative',
    zh: '干部亲属申报',
    fields: {
      cadreId: f('干部身份证号', '公职人员身份证号', '申报人身份证号', '干部证件号码', '本人身份证号'),
      cadreName: f('干部姓名', '公职人员姓名', '申报人姓名', '本人姓名', '申报人'),
      // In a declaration the rows are the relatives: an unqualified 姓名 / 身份证号 column is theirs.
      relativeName: f('亲属姓名', '家庭成员姓名', '成员姓名', '亲属', '姓名'),
      relativeId: f('亲属身份证号', '家庭成员身份证号', '成员身份证号', '亲属证件号码', ...ID),
      relation: f('关系', '与本人关系', '称谓', '亲属关系', '与申报人关系'),
      phone: f('亲属电话', '联系电话', '电话'),
    },
    required: [['cadreId'], ['relativeName'], ['relation']],
  },
  {
    kind: 'household',
    zh: '户籍登记',
    fields: {
      householdNo: f('户号', '户编号', '户口编号'),
      name: f(...NAME),
      idNumber: f(...ID),
      sex: f('性别'),
      birthDate: f('出生日期', '出生年月', '生日'),
      relationToHead: f('与户主关系', '与户主关系名称', '家庭关系'),
      town: f(...TOWN),
      village: f(...VILLAGE),
      phone: f(...PHONE),
      address: f(...ADDRESS),
    },
    required: [['householdNo'], ['name'], ['relationToHead']],
  },
  {
    kind: 'death',
    zh: '死亡（火化）登记',
    fields: {
      name: f(...NAME, '死者姓名'),
      idNumber: f(...ID, '死者身份证号'),
      deathDate: f('死亡日期', '死亡时间', '火化日期', '注销日期'),
    },
    required: [['idNumber'], ['deathDate']],
  },
  {
    kind: 'company',
    zh: '工商登记',
    fields: {
      // English keys as the registry and enterprise-credit APIs name them (uniscid/entName/lerep/regCap/estDate/dom
      // in 公示系统 JSON; creditCode/legalPersonName/regCapital/estiblishTime/regLocation in credit-site APIs).
      creditCode: f(
        '统一社会信用代码',
        '信用代码',
        '社会信用代码',
        'uscc',
        'uniscid',
        'creditcode',
        'unifiedcode',
      ),
      name: f('企业名称', '名称', '单位名称', '公司名称', '市场主体名称', 'entname', 'companyname', 'name'),
      legalRepName: f(
        '法定代表人',
        '法人代表',
        '法定代表人姓名',
        '负责人',
        '经营者',
        'lerep',
        'legalpersonname',
        'legalperson',
      ),
      legalRepId: f('法定代表人证件号码', '法定代表人身份证号', '法人身份证号', '法人证件号码'),
      legalRepPhone: f(
        '法定代表人电话',
        '法定代表人联系电话',
        '法定代表人手机',
        '法定代表人手机号',
        '法人电话',
        '法人手机',
        '法人联系电话',
      ),
      capital: f('注册资本', '注册资本（万元）', '注册资金', 'regcap', 'regcapital'),
      foundedDate: f('成立日期', '注册日期', '成立时间', 'estdate', 'estiblishtime', 'establishdate'),
      phone: f(...PHONE),
      address: f(...ADDRESS, '住所', '注册地址', '经营场所', 'dom', 'reglocation'),
      status: f('登记状态', '经营状态', '状态', 'regstate_cn', 'regstatus', 'entstatus'),
    },
    required: [['creditCode'], ['name']],
    signature: ['legalRepName', 'capital', 'foundedDate'],
  },
  {
    kind: 'shareholder',
    zh: '股东信息',
    fields: {
      creditCode: f('企业统一社会信用代码', '统一社会信用代码', '企业信用代码', '被投资企业信用代码'),
      companyName: f('企业名称', '公司名称', '被投资企业'),
      holderName: f('股东名称', '股东姓名', '股东', '投资人', '出资人'),
      // In a shareholder list the rows are the holders: an unqualified 证件号码 column is the holder's.
      holderId: f(
        '股东证件号码',
        '股东身份证号',
        '股东证照号码',
        '投资人证件号码',
        '股东统一社会信用代码',
        '证件号码',
        '证照号码',
      ),
      ratio: f('持股比例', '出资比例', '认缴比例', '股权比例'),
      subscribed: f('认缴出资额', '出资额', '认缴出资额（万元）'),
      holderType: f('股东类型', '投资人类型'),
    },
    // A name alone is enough to read the row: it resolves to the company in the same run's register.
    required: [['creditCode', 'companyName'], ['holderName'], ['ratio']],
  },
  {
    kind: 'executive',
    zh: '主要人员',
    fields: {
      creditCode: f('企业统一社会信用代码', '统一社会信用代码', '企业信用代码'),
      companyName: f('企业名称', '公司名称'),
      name: f('姓名', '人员姓名', '高管姓名'),
      idNumber: f(...ID, '人员证件号码'),
      post: f('职务', '职位', '任职'),
    },
    required: [['creditCode', 'companyName'], ['name'], ['post']],
  },
  {
    kind: 'ledger',
    zh: '村集体资金支出台账',
    fields: {
      town: f(...TOWN),
      village: f(...VILLAGE, '村集体'),
      voucher: f('凭证号', '凭证编号', '记账凭证号'),
      date: f('日期', '支出日期', '付款日期', '记账日期'),
      // Contractors and suppliers are the payees of project and purchase ledgers.
      payeeName: f(
        '收款人',
        '收款单位',
        '收款方',
        '收款人（单位）',
        '领款人',
        '施工单位',
        '供应商',
        '承包方',
        '中标单位',
        '供货单位',
      ),
      payeeId: f(
        '收款人证件号码',
        '收款人身份证号',
        '收款单位信用代码',
        '收款方证件号码',
        '收款人证件号',
        ...ID,
        '统一社会信用代码',
      ),
      payeeAccount: f('收款账号', '收款人账号', '收款账户'),
      payerAccount: f('付款账号', '村集体账号', '付款账户', '支出账号'),
      // In the collective's own books a payment is credited to cash or bank: 贷方 is money out.
      amount: f(
        '金额',
        '支出金额',
        '付款金额',
        '金额（元）',
        '本次支付',
        '本次支付金额',
        '支付金额',
        '实付金额',
        '贷方',
        '贷方金额',
      ),
      purpose: f('用途', '摘要', '事由', '支出事项'),
      approver: f('审批人', '批准人'),
      handler: f('经办人', '经手人'),
    },
    required: [['village'], ['date'], ['payeeName'], ['amount']],
    signature: ['voucher', 'approver', 'handler', 'payeeName'],
  },
  {
    kind: 'subsidy',
    zh: '惠民补贴发放',
    fields: {
      program: f('补贴项目', '项目名称', '补贴类别', '资金项目', '补贴名称', '项目'),
      name: f(...NAME, '领取人', '享受人姓名', '补贴对象'),
      idNumber: f(...ID, '领取人身份证号'),
      accountNo: f('发放账号', '银行账号', '一卡通账号', '社保卡号', '账号', '卡号'),
      amount: f('发放金额', '补贴金额', '金额', '金额（元）', '实发金额', '应发金额', '发放合计', '合计'),
      date: f('发放日期', '发放时间', '日期'),
      period: f('发放期间', '所属期', '发放月份', '所属年月'),
      town: f(...TOWN),
      village: f(...VILLAGE),
      approvingUnit: f('审批单位', '主管部门', '发放单位', '审核单位'),
    },
    required: [['program'], ['name'], ['amount'], ['date', 'period']],
  },
  {
    kind: 'person',
    zh: '人员名单',
    fields: { idNumber: f(...ID), name: f(...NAME), phone: f(...PHONE), birthDate: f('出生日期') },
    required: [['idNumber'], ['name']],
  },
  {
    kind: 'account',
    zh: '账户清单',
    fields: {
      accountNo: f('账号', '卡号'),
      holderName: f('户名'),
      holderId: f('证件号码'),
      bank: f('开户行', '开户银行'),
    },
    required: [['accountNo']],
  },
  {
    kind: 'accountOwner',
    zh: '账户持有',
    fields: { accountNo: f('账号'), holderId: f('持有人证件号码'), holderType: f('持有人类型') },
    required: [['accountNo'], ['holderId']],
  },
  {
    kind: 'transfer',
    zh: '转账记录',
    fields: {
      fromAccount: f('付款账号', '转出账号'),
      toAccount: f('收款账号', '转入账号'),
      amount: f('金额', '交易金额'),
      time: f('交易时间', '时间'),
      serial: f('交易流水号'),
      memo: f('摘要'),
    },
    required: [['fromAccount'], ['toAccount'], ['amount'], ['time']],
  },
  {
    kind: 'guarantee',
    zh: '担保关系',
    fields: {
      fromId: f('担保人证件号码'),
      toId: f('被担保人证件号码'),
      fromType: f('担保人类型'),
      toType: f('被担保人类型'),
      date: f('担保日期'),
      amount: f('担保金额'),
    },
    required: [['fromId'], ['toId']],
  },
];

export function familyOf(kind: Kind): Family {
  const family = FAMILIES.find((x) => x.kind === kind);
  if (!family) throw new Error(`no family for kind ${kind}`);
  return family;
}
