import { normalizeSkill, normalizeSkills } from '../normalize-skill';

describe('normalizeSkill', () => {
  it.each([
    ['PLC', 'plc'],
    ['ＰＬＣ', 'plc'],
    ['  plc\t', 'plc'],
    ['ＰＬＣ编程', 'plc编程'],
    ['工业机器人　运维', '工业机器人 运维'],
    ['C＋＋', 'c++'],
    ['Python 3', 'python 3'],
    ['Ｐｙｔｈｏｎ　３', 'python 3'],
    ['焊接', '焊接'],
    ['', ''],
    ['   ', ''],
  ])('%j → %j', (input, expected) => {
    expect(normalizeSkill(input)).toBe(expected);
  });

  it('drops blanks and duplicates, keeping the first order', () => {
    expect(normalizeSkills(['PLC', 'ＰＬＣ', ' ', '焊接', 'plc ', 'CAD'])).toEqual(['plc', '焊接', 'cad']);
  });
});
