import { canonicalSkill, canonicalSkills, searchText } from '../skills';

const synonyms = new Map([
  ['可编程控制器', 'plc'],
  ['plc编程', 'plc'],
]);

describe('canonical skills', () => {
  it.each([
    ['PLC', 'plc'],
    ['ＰＬＣ', 'plc'],
    ['  plc ', 'plc'],
    ['可编程控制器', 'plc'],
    ['ＰＬＣ编程', 'plc'],
    ['工业机器人　操作', '工业机器人 操作'],
    ['焊接', '焊接'],
  ])('%s → %s', (input, expected) => {
    expect(canonicalSkill(input, synonyms)).toBe(expected);
  });

  it('merges variants into one skill with the highest weight, dropping blanks', () => {
    expect(
      canonicalSkills(
        [
          { skill: 'PLC', weight: 2 },
          { skill: '可编程控制器', weight: 5 },
          { skill: '　', weight: 3 },
          { skill: 'Python', weight: 1 },
        ],
        synonyms,
      ),
    ).toEqual([
      { skill: 'plc', weight: 5 },
      { skill: 'python', weight: 1 },
    ]);
  });

  it('builds one normalised search line from text and skills', () => {
    expect(searchText(['工业机器人运维 ＥＮＧ', null, ''], [{ skill: 'plc', weight: 3 }])).toBe('工业机器人运维 eng plc');
  });
});
