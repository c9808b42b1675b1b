import { OrganizationType } from '@chanjiao/consortia';
import { ProgrammeLevel } from '../../entities/programme-enums';
import {
  levelFitsSchool,
  normalizeOccupationCode,
  normalizeProgrammeCode,
  occupationLevelOf,
  occupationParentCode,
  parseOccupationName,
  parseProgrammeLevel,
  programmeClassOf,
} from '../catalogue-codes';

describe('programme codes', () => {
  it.each([
    ['460301', '460301'],
    [' 520101k ', '520101K'],
    ['５１０２０１', '510201'],
    ['46030', undefined],
    ['4603011', undefined],
    ['46030X', undefined],
  ])('normalizeProgrammeCode(%j) = %j', (input, expected) => {
    expect(normalizeProgrammeCode(input)).toBe(expected);
  });

  it('takes the class and category from the code', () => {
    expect(programmeClassOf('460305')).toEqual({ classCode: '4603', categoryCode: '46' });
  });
});

describe('occupation codes', () => {
  it.each([
    ['6-31-07-03', '6-31-07-03'],
    ['4-01-99', '4-01-99-00'],
    [' 2-02-07-07 ', '2-02-07-07'],
    ['6-31', undefined],
    ['6-31-07-03-01', undefined],
    ['63107003', undefined],
  ])('normalizeOccupationCode(%j) = %j', (input, expected) => {
    expect(normalizeOccupationCode(input)).toBe(expected);
  });

  it.each([
    ['1-00-00-00', 1],
    ['1-02-00-00', 2],
    ['1-02-05-00', 3],
    ['6-31-07-03', 4],
  ])('occupationLevelOf(%s) = %d', (code, level) => {
    expect(occupationLevelOf(code)).toBe(level);
  });

  it.each([
    ['1-00-00-00', 1, null],
    ['1-02-00-00', 2, '1-00-00-00'],
    ['1-02-05-00', 3, '1-02-00-00'],
    ['1-02-05-01', 4, '1-02-05-00'],
    ['1-02-01-00', 4, '1-02-00-00'],
    ['6-31-07-03', 4, '6-31-07-00'],
  ])('occupationParentCode(%s, %d) = %j', (code, level, parent) => {
    expect(occupationParentCode(code, level)).toBe(parent);
  });

  it.each([
    ['云计算工程技术人员S', '云计算工程技术人员', true, false],
    ['水工环地质工程技术人员L', '水工环地质工程技术人员', false, true],
    ['大地测量工程技术人员L/S', '大地测量工程技术人员', true, true],
    ['工业机器人系统操作员 S', '工业机器人系统操作员', true, false],
    ['修鞋工', '修鞋工', false, false],
    ['IT Ops', 'IT Ops', false, false],
  ])('parseOccupationName(%j)', (raw, name, isDigital, isGreen) => {
    expect(parseOccupationName(raw)).toEqual({ name, isDigital, isGreen });
  });
});

describe('levels', () => {
  it.each([
    ['secondary', ProgrammeLevel.SecondaryVocational],
    ['中等职业教育', ProgrammeLevel.SecondaryVocational],
    ['associate', ProgrammeLevel.HigherVocational],
    ['高等职业教育专科', ProgrammeLevel.HigherVocational],
    ['Bachelor', ProgrammeLevel.VocationalBachelor],
    ['vocational_bachelor', ProgrammeLevel.VocationalBachelor],
    ['doctoral', undefined],
  ])('parseProgrammeLevel(%j) = %j', (input, expected) => {
    expect(parseProgrammeLevel(input)).toBe(expected);
  });

  it.each([
    [OrganizationType.SecondaryVocational, ProgrammeLevel.SecondaryVocational, true],
    [OrganizationType.SecondaryVocational, ProgrammeLevel.HigherVocational, false],
    [OrganizationType.SecondaryVocational, ProgrammeLevel.VocationalBachelor, false],
    [OrganizationType.HigherVocational, ProgrammeLevel.HigherVocational, true],
    [OrganizationType.HigherVocational, ProgrammeLevel.VocationalBachelor, false],
    [OrganizationType.VocationalBachelor, ProgrammeLevel.VocationalBachelor, true],
    [OrganizationType.VocationalBachelor, ProgrammeLevel.HigherVocational, true],
    [OrganizationType.GeneralBachelor, ProgrammeLevel.SecondaryVocational, false],
    [OrganizationType.TechnicianCollege, ProgrammeLevel.SecondaryVocational, true],
    [OrganizationType.TechnicianCollege, ProgrammeLevel.VocationalBachelor, false],
    [OrganizationType.Enterprise, ProgrammeLevel.HigherVocational, false],
  ])('a %s school running a %s programme: %s', (type, level, fits) => {
    expect(levelFitsSchool(type, level)).toBe(fits);
  });
});
