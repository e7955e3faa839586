// Place names, company name parts, banks and the out-of-county counterparties of the demo county.

export const COUNTY = '清溪县';
/** Region code of the county (first six digits of locals' ID numbers). */
export const REGION = '331199';
/** Regions spouses married in from. */
export const OTHER_REGIONS = ['330702', '331121', '330881', '360122', '510623', '420821'];
export const AREA_CODE = '0578';

export const TOWNS = [
  ...'青山镇石门镇云溪镇白沙镇龙泉乡双溪乡桃源镇梅岭镇清河镇黄岩乡柳塘镇凤鸣乡新安镇长乐镇金竹乡',
  ...'碧湖镇平原乡大港镇松阳乡东坑镇西岙乡南山镇北溪乡横山镇古城镇望江乡马鞍镇高桥镇红星乡永和镇',
]
  .join('')
  .match(/..[镇乡]/g)!;

const VILLAGE_BASES = (
  '石桥李家王庄上塘下溪前岭后山东岙西坑南垟北湖大坪小源新屋老街枫树竹园杨梅桂花荷塘双井三岔五里七星九龙' +
  '白鹤青龙黄泥红岩金鸡银坑马头牛角柳树桃花梅花茶园稻香麦田山口水口塘边溪头岭脚坑口田畈湖滨江边岩前' +
  '长坑高田樟树松林柏树芦塘沙洲凤凰龙潭鹤溪石笋'
).match(/../g)!;
const VILLAGE_PREFIXES = ['', '上', '下', '新', '东', '西'];

/** The n-th village name of a town: bases first, then prefixed variants, all distinct. */
export function villageName(n: number): string {
  const base = VILLAGE_BASES[n % VILLAGE_BASES.length] as string;
  const prefix = VILLAGE_PREFIXES[Math.floor(n / VILLAGE_BASES.length) % VILLAGE_PREFIXES.length] ?? '';
  const round = Math.floor(n / (VILLAGE_BASES.length * VILLAGE_PREFIXES.length));
  return `${prefix}${base}${round > 0 ? String(round + 1) : ''}村`;
}

export const TRADE_NAMES = (
  '宏达鑫源恒信华盛永兴汇丰金诚兴旺鼎盛佳禾富民利民顺达通达安泰天成瑞丰祥和正阳腾飞' +
  '聚源广厦恒通锦程博远嘉禾润泽万象隆昌海川泰和盛世新宇中联德信东升鸿运'
).match(/../g)!;

export type Trade = 'construction' | 'shop' | 'coop' | 'holding' | 'service';

export const INDUSTRIES: Record<Trade, string[]> = {
  construction: [
    '建筑工程有限公司',
    '路桥工程有限公司',
    '水利工程有限公司',
    '园林绿化工程有限公司',
    '装饰工程有限公司',
    '环境工程有限公司',
  ],
  shop: ['超市', '商行', '农资店', '建材店', '五金店', '电器商行'],
  coop: ['果蔬专业合作社', '茶叶专业合作社', '农机专业合作社', '养殖专业合作社'],
  holding: ['投资有限公司', '实业有限公司', '控股有限公司'],
  service: ['物流有限公司', '劳务有限公司', '农业开发有限公司', '商贸有限公司', '科技有限公司'],
};

export const STREETS = ['人民路', '解放路', '中山路', '建设路', '工业园区', '新街', '环城路', '学府路'];

export interface BankInfo {
  id: 'ns' | 'abc' | 'psbc';
  name: string;
  short: string;
}

export const BANKS: BankInfo[] = [
  { id: 'ns', name: '清溪农村商业银行', short: '农商银行' },
  { id: 'abc', name: '中国农业银行清溪支行', short: '农业银行' },
  { id: 'psbc', name: '中国邮政储蓄银行清溪支行', short: '邮储银行' },
];

/** Payees outside the county: the money leaves the collected statements. */
export const EXTERNAL_SINKS = [
  ['支付宝（中国）网络技术有限公司', '中国工商银行杭州分行'],
  ['财付通支付科技有限公司', '招商银行深圳分行'],
  ['国网浙江省电力有限公司丽水供电公司', '中国建设银行丽水分行'],
  ['中国移动通信集团浙江有限公司', '中国工商银行杭州分行'],
  ['丽水市永达汽车销售服务有限公司', '中国银行丽水分行'],
  ['丽水市建材批发市场经营部', '中国农业银行丽水分行'],
  ['浙江中石化销售有限公司', '中国工商银行杭州分行'],
  ['丽水市人民医院', '中国银行丽水分行'],
];

/** Payers outside the county: employers of migrant workers, buyers, the county treasury. */
export const EXTERNAL_SOURCES = [
  ['杭州市余杭区建筑劳务有限公司', '中国建设银行杭州分行'],
  ['宁波市鄞州服装有限公司', '中国工商银行宁波分行'],
  ['温州市瓯海鞋业有限公司', '中国农业银行温州分行'],
  ['义乌市小商品贸易有限公司', '中国银行义乌分行'],
  ['丽水市农产品批发有限公司', '中国农业银行丽水分行'],
  ['上海市浦东物流有限公司', '交通银行上海分行'],
];
export const TREASURY = ['清溪县财政局', '中国农业银行清溪支行'];
