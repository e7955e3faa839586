// Chinese surnames, so a person's name is told from other short Chinese words (转账, 工资, 摘要 values).

/**
 * A two-to-four character value is a person's name only if it starts with a surname. Without this check
 * every short word of a 摘要 (transaction summary) column — 转账, 工资, 消费, 手续费 — would look like a name,
 * and a summary column would be taken for a counterparty. These are the commonest surnames of the 2020
 * census, covering the great majority of Han Chinese; names joined by '·' (Uyghur, Tibetan, foreign) do not
 * need one. Deliberately left out: surnames that are also everyday money words (利 as in 利息, 代 as in
 * 代发, 付 as in 付款) — such rare names still count through the column's other values.
 */
const SINGLE =
  '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任' +
  '沈姚卢姜崔钟谭陆汪范金石廖贾夏韦方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔' +
  '向汤常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童' +
  '凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳时穆农司卓古吉缪简车项' +
  '连芦麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂全佟应臧闵苟邬边卞姬师仇栾隋商刁沙荣巫寇桑郎甄丛仲虞' +
  '敖巩明佘池查麻苑迟邝官封谈匡鞠惠荆冀郁胥班储栗燕楚鄢劳谌奚皮粟冼蔺楼闻厉仝郜阚权帅屠朴练廉禹祖漆';
const COMPOUND = [
  '欧阳',
  '司马',
  '诸葛',
  '上官',
  '东方',
  '皇甫',
  '令狐',
  '慕容',
  '尉迟',
  '长孙',
  '宇文',
  '司徒',
  '夏侯',
  '公孙',
  '端木',
  '轩辕',
  '南宫',
  '西门',
  '独孤',
  '呼延',
];

const SINGLE_SET: ReadonlySet<string> = new Set(SINGLE);

/** True when `name` (already cleaned of spaces) starts with a known surname and has a given name after it. */
export function startsWithSurname(name: string): boolean {
  if (COMPOUND.some((surname) => name.startsWith(surname) && name.length > surname.length)) return true;
  return SINGLE_SET.has(name.charAt(0)) && name.length > 1;
}
