import { validateSync } from 'class-validator';
import table from '../gbt4754-2017.json';
import { findIndustry, IsIndustryCode, searchIndustries } from '../industry-codes';

class Probe {
  @IsIndustryCode() industryCode: unknown;
}

const problemsOf = (value: unknown) =>
  validateSync(Object.assign(new Probe(), { industryCode: value })).flatMap((e) => Object.values(e.constraints ?? {}));

describe('GB/T 4754-2017 industry codes', () => {
  it('holds the whole classification: 20 sections, 97 divisions, every group, 1381 classes, each under its parent', () => {
    const codes = (table as Array<[string, string]>).map(([code]) => code);
    const byLength = (n: number) => codes.filter((code) => code.length === n).length;
    expect([byLength(1), byLength(3), byLength(5)]).toEqual([20, 97, 1381]);
    expect(byLength(4)).toBe(473);
    const known = new Set(codes);
    const parentOf = (code: string) => (code.length === 3 ? code.slice(0, 1) : code.slice(0, -1));
    expect(codes.filter((code) => code.length > 1 && !known.has(parentOf(code)))).toEqual([]);
  });

  it.each([
    ['C', '制造业', 'section'],
    ['C34', '通用设备制造业', 'division'],
    ['C349', '其他通用设备制造业', 'group'],
    ['C3491', '工业机器人制造', 'class'],
    // A group with a single class is named like it (the standard lists only the class).
    ['B061', '烟煤和无烟煤开采洗选', 'group'],
  ])('finds %s (%s)', (code, name, level) => {
    expect(findIndustry(code)).toEqual({ code, name, level });
  });

  it.each([['C3'], ['C34841'], ['34'], ['c34'], ['X9'], ['I6420']])('does not know %s', (code) => {
    expect(findIndustry(code)).toBeUndefined();
  });

  it('searches by code prefix or part of the name, by level, up to a limit', () => {
    expect(searchIndustries({ q: 'c349', limit: 10 }).map((i) => i.code)).toEqual([
      'C349',
      'C3491',
      'C3492',
      'C3493',
      'C3499',
    ]);
    expect(searchIndustries({ q: '机器人', limit: 10 }).map((i) => i.name)).toEqual([
      '工业机器人制造',
      '特殊作业机器人制造',
      '服务消费机器人制造',
    ]);
    expect(searchIndustries({ level: 'section', limit: 100 })).toHaveLength(20);
    expect(searchIndustries({ limit: 3 })).toHaveLength(3);
  });

  it('validates codes with a message naming the field and the code', () => {
    expect(problemsOf('C3491')).toEqual([]);
    expect(problemsOf('C3')).toEqual([
      "industryCode 'C3' is not a GB/T 4754-2017 industry code (section letter and up to 4 digits, e.g. C34 or C3484)",
    ]);
    expect(problemsOf(34)).toEqual(['industryCode must be a GB/T 4754-2017 industry code such as C34']);
  });
});
