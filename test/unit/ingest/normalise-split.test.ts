// Tests for combined account-and-name cells: every common layout splits, look-alikes do not.
import { describe, expect, it } from 'vitest';
import { splitAccountAndName } from '../../../ingest/normalise/split.ts';

const CARD = '6228480012345678';

describe('splitAccountAndName', () => {
  it.each([
    [`${CARD}/张三`, CARD, '张三'],
    [`${CARD} 张三`, CARD, '张三'],
    [`${CARD}张三`, CARD, '张三'],
    [`张三/${CARD}`, CARD, '张三'],
    [`张三(${CARD})`, CARD, '张三'],
    [`张三（${CARD}）`, CARD, '张三'],
    [`${CARD}(张三)`, CARD, '张三'],
    [`${CARD}-张三`, CARD, '张三'],
    [`${CARD}｜张三`, CARD, '张三'],
    [`XX县财政局 / ${CARD}`, CARD, 'XX县财政局'],
    ['清风县农业农村局 33001616735059000123', '33001616735059000123', '清风县农业农村局'],
    [`6228 4800 1234 5678 张三`, CARD, '张三'],
    ['6228****5678 李四', '6228****5678', '李四'],
    [`\t${CARD}/阿卜杜拉·买买提 `, CARD, '阿卜杜拉·买买提'],
    [`第3村民小组/${CARD}`, CARD, '第3村民小组'],
  ])('%j → %s + %s', (text, account, name) => {
    expect(splitAccountAndName(text)).toEqual({ account, name });
  });

  it.each([
    ['a lone account', CARD],
    ['a lone name', '张三'],
    ['a name and a mobile', '张三/13800138000'],
    ['a name and an ID number', '张三/11010519491231002X'],
    ['a date and a name', '20250105 张三'],
    ['a short code and a name', '1234/张三'],
    ['two accounts', `${CARD}/6228480087654321`],
    ['a note', '工资 2025年1月 代发'],
    ['an English word', `${CARD}/salary`],
    ['empty', ''],
  ])('%s is not a pair', (_what, text) => {
    expect(splitAccountAndName(text)).toBeUndefined();
  });
});
