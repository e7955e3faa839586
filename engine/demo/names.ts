// Chinese personal names: surnames weighted by frequency, given names by sex and generation.
import type { Rng } from './rng.ts';

/** Common surnames with rough relative frequencies (per mille of the population). */
const SURNAMES: [string, number][] = [
  ['王', 72],
  ['李', 72],
  ['张', 69],
  ['刘', 54],
  ['陈', 45],
  ['杨', 31],
  ['黄', 23],
  ['赵', 20],
  ['吴', 20],
  ['周', 19],
  ['徐', 14],
  ['孙', 13],
  ['马', 12],
  ['朱', 12],
  ['胡', 11],
  ['郭', 11],
  ['何', 11],
  ['林', 10],
  ['罗', 10],
  ['高', 10],
  ['郑', 9],
  ['梁', 8],
  ['谢', 8],
  ['宋', 7],
  ['唐', 7],
  ['许', 7],
  ['韩', 6],
  ['邓', 6],
  ['冯', 6],
  ['曹', 6],
  ['彭', 6],
  ['曾', 5],
  ['肖', 5],
  ['田', 5],
  ['董', 5],
  ['潘', 5],
  ['袁', 5],
  ['蔡', 4],
  ['蒋', 4],
  ['余', 4],
  ['于', 4],
  ['杜', 4],
  ['叶', 4],
  ['程', 4],
  ['魏', 4],
  ['苏', 4],
  ['吕', 4],
  ['丁', 4],
  ['任', 4],
  ['卢', 3],
  ['姚', 3],
  ['沈', 3],
  ['钟', 3],
  ['姜', 3],
  ['崔', 3],
  ['谭', 3],
  ['陆', 3],
  ['范', 3],
  ['汪', 3],
  ['廖', 3],
  ['石', 3],
  ['金', 3],
  ['韦', 2],
  ['贾', 2],
  ['夏', 2],
  ['付', 2],
  ['方', 2],
  ['邹', 2],
  ['熊', 2],
  ['白', 2],
  ['孟', 2],
  ['秦', 2],
  ['邱', 2],
  ['江', 2],
  ['尹', 2],
  ['薛', 2],
  ['严', 2],
  ['雷', 2],
  ['毛', 2],
  ['应', 2],
  ['楼', 2],
  ['俞', 2],
];

const SURNAME_LIST = SURNAMES.map(([s]) => s);
const SURNAME_WEIGHTS = SURNAMES.map(([, w]) => w);

const MALE_OLD = '建国建华国强德明福生根水金根永康志刚春生长富有才新民宝林兴旺炳荣土根树林忠良'.match(/../g)!;
const FEMALE_OLD = '秀英桂兰玉兰桂英秀兰凤英玉珍素芬翠花美华彩凤菊香月娥金花雪梅爱莲'.match(/../g)!;
const MALE_CHARS = [...'伟强磊军勇杰涛明超刚平辉鹏华飞鑫波斌宇浩凯健俊帆旭宁龙林峰建志文海兵德福荣'];
const FEMALE_CHARS = [...'芳娜敏静丽艳娟霞燕玲英兰秀凤梅琴云莲珍红萍慧婷雪琳晶颖倩欣悦怡涵萱佳'];
const MALE_YOUNG = [...'子浩宇轩博涵睿泽晨俊哲铭皓然一诚奕辰'];
const FEMALE_YOUNG = [...'子梓涵诗雨欣语可思佳悦琪萱妍彤若依'];

export function surname(rng: Rng): string {
  return rng.weighted(SURNAME_LIST, SURNAME_WEIGHTS);
}

/** A given name of one or two characters, in the style of the birth year. */
export function givenName(rng: Rng, male: boolean, birthYear: number): string {
  if (birthYear < 1965 && rng.chance(0.6)) return rng.pick(male ? MALE_OLD : FEMALE_OLD);
  const pool = birthYear >= 2005 ? (male ? MALE_YOUNG : FEMALE_YOUNG) : male ? MALE_CHARS : FEMALE_CHARS;
  const first = rng.pick(pool);
  if (rng.chance(birthYear >= 2005 ? 0.2 : 0.3)) return first;
  let second = rng.pick(male ? MALE_CHARS : FEMALE_CHARS);
  while (second === first) second = rng.pick(male ? MALE_CHARS : FEMALE_CHARS);
  return first + second;
}

export function fullName(rng: Rng, family: string, male: boolean, birthYear: number): string {
  return family + givenName(rng, male, birthYear);
}
