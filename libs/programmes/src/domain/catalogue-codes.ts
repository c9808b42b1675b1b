import { OrganizationType } from '@chanjiao/consortia';
import { ProgrammeLevel } from '../entities/programme-enums';

/** Six digits, optionally `K` (国家控制专业). */
export const PROGRAMME_CODE = /^[0-9]{6}K?$/;
/** 大类 `6-00-00-00` … 细类 `6-31-07-03`; a 小类 may be written with three segments (`6-31-07`). */
export const OCCUPATION_CODE = /^[0-9]-[0-9]{2}(?:-[0-9]{2}){1,2}$/;
const OCCUPATION_CODE_FULL = /^[0-9]-[0-9]{2}-[0-9]{2}-[0-9]{2}$/;

/** A programme code as stored: trimmed, upper case `K`; undefined when it is not one. */
export function normalizeProgrammeCode(value: string): string | undefined {
  const code = value.normalize('NFKC').trim().toUpperCase();
  return PROGRAMME_CODE.test(code) ? code : undefined;
}

/** The 专业类 (4 digits) and 专业大类 (2 digits) of a programme code (pure: from the code itself). */
export function programmeClassOf(code: string): { classCode: string; categoryCode: string } {
  return { classCode: code.slice(0, 4), categoryCode: code.slice(0, 2) };
}

/** An occupation code in its four-segment form (`4-01-99` → `4-01-99-00`); undefined when it is not one. */
export function normalizeOccupationCode(value: string): string | undefined {
  const code = value.normalize('NFKC').trim();
  if (!OCCUPATION_CODE.test(code)) return undefined;
  return code.split('-').length === 3 ? `${code}-00` : code;
}

/** The level a four-segment code implies by its zero segments (a 细类 ending `-00` cannot be told from its 小类). */
export function occupationLevelOf(code: string): 1 | 2 | 3 | 4 {
  const [, middle, minor, unit] = code.split('-');
  if (middle === '00') return 1;
  if (minor === '00') return 2;
  if (unit === '00') return 3;
  return 4;
}

/**
 * The parent of an occupation at a level: 中类 → its 大类, 小类 → its 中类, 细类 → its 小类
 * (`6-31-07-03` → `6-31-07-00`), or its 中类 when the 细类's own code ends `-00` (a 小类 with
 * a single 职业, listed once: `1-02-01-00`). Null for a 大类.
 */
export function occupationParentCode(code: string, level: number): string | null {
  if (!OCCUPATION_CODE_FULL.test(code)) throw new Error(`Not an occupation code: ${code}`);
  const [major, middle, minor, unit] = code.split('-');
  switch (level) {
    case 1:
      return null;
    case 2:
      return `${major}-00-00-00`;
    case 3:
      return `${major}-${middle}-00-00`;
    default:
      return unit === '00' ? `${major}-${middle}-00-00` : `${major}-${middle}-${minor}-00`;
  }
}

/**
 * Splits the 大典's suffixes from a name: `S` 数字职业, `L` 绿色职业, `L/S` both
 * (`云计算工程技术人员S` → 云计算工程技术人员, digital). Only a suffix after a non-Latin
 * character counts, so a name ending in a Latin word keeps it.
 */
export function parseOccupationName(raw: string): { name: string; isDigital: boolean; isGreen: boolean } {
  const value = raw.normalize('NFKC').trim();
  const match = /^(.*[^A-Za-z\s/、,])\s*([SL](?:\s*[/、,]\s*[SL])?)$/u.exec(value);
  if (!match) return { name: value, isDigital: false, isGreen: false };
  const flags = match[2];
  return { name: match[1].trim(), isDigital: flags.includes('S'), isGreen: flags.includes('L') };
}

/** A level as written in a catalogue file: the enum value, the planning file's words or the Chinese name. */
export function parseProgrammeLevel(value: string): ProgrammeLevel | undefined {
  const key = value.normalize('NFKC').trim().toLowerCase();
  return LEVEL_ALIASES[key];
}

const LEVEL_ALIASES: Record<string, ProgrammeLevel> = {
  secondary_vocational: ProgrammeLevel.SecondaryVocational,
  secondary: ProgrammeLevel.SecondaryVocational,
  中等职业教育: ProgrammeLevel.SecondaryVocational,
  中职: ProgrammeLevel.SecondaryVocational,
  higher_vocational: ProgrammeLevel.HigherVocational,
  associate: ProgrammeLevel.HigherVocational,
  高等职业教育专科: ProgrammeLevel.HigherVocational,
  高职专科: ProgrammeLevel.HigherVocational,
  高职: ProgrammeLevel.HigherVocational,
  vocational_bachelor: ProgrammeLevel.VocationalBachelor,
  bachelor: ProgrammeLevel.VocationalBachelor,
  高等职业教育本科: ProgrammeLevel.VocationalBachelor,
  职业本科: ProgrammeLevel.VocationalBachelor,
};

/**
 * The programme levels each kind of school may run: a 中职 school 中职 programmes only; a
 * 高职 college 高职专科 ones; a 职业本科 university 职业本科 and 高职专科 ones; a general
 * university 职业本科 and 高职专科 ones (many run 高职 programmes); a 技工院校 中职 and
 * 高职专科 ones (中级工/高级工 and 预备技师 classes). Other organization types run none.
 */
export const SCHOOL_PROGRAMME_LEVELS: Readonly<Record<OrganizationType, readonly ProgrammeLevel[]>> = {
  [OrganizationType.SecondaryVocational]: [ProgrammeLevel.SecondaryVocational],
  [OrganizationType.HigherVocational]: [ProgrammeLevel.HigherVocational],
  [OrganizationType.VocationalBachelor]: [ProgrammeLevel.HigherVocational, ProgrammeLevel.VocationalBachelor],
  [OrganizationType.GeneralBachelor]: [ProgrammeLevel.HigherVocational, ProgrammeLevel.VocationalBachelor],
  [OrganizationType.TechnicianCollege]: [ProgrammeLevel.SecondaryVocational, ProgrammeLevel.HigherVocational],
  [OrganizationType.Government]: [],
  [OrganizationType.Enterprise]: [],
  [OrganizationType.ResearchInstitute]: [],
  [OrganizationType.IndustryAssociation]: [],
  [OrganizationType.Other]: [],
};

export function levelFitsSchool(type: OrganizationType, level: ProgrammeLevel): boolean {
  return SCHOOL_PROGRAMME_LEVELS[type]?.includes(level) ?? false;
}
