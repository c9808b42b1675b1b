import { ProgrammeLevel } from '../entities/programme-enums';
import {
  normalizeOccupationCode,
  normalizeProgrammeCode,
  occupationLevelOf,
  occupationParentCode,
  parseOccupationName,
  parseProgrammeLevel,
} from './catalogue-codes';

/**
 * Rows of the national list files, checked one by one (pure): header recognition in
 * English (the planning files' names) and Chinese, values normalised, problems reported
 * per spreadsheet row (header = 1) with the zh-CN column header, in English and Chinese.
 */

export interface RowError {
  row: number;
  column: string | null;
  reason: string;
  reasonZh: string;
}

export interface Checked<V> {
  valid: Array<{ row: number; values: V }>;
  errors: RowError[];
  failedRows: number;
}

interface ColumnSpec<K extends string> {
  key: K;
  /** The zh-CN header used in templates and reports. */
  header: string;
  aliases: readonly string[];
  required: boolean;
}

export interface GridLike {
  header: string[];
  records: Array<{ row: number; values: string[] }>;
}

function keyOf(text: string): string {
  return text
    .normalize('NFKC')
    .replace(/[*＊]/g, '')
    .replace(/[(（][^)）]*[)）]/g, '')
    .replace(/\s+/g, '')
    .toLowerCase();
}

/** Column positions by key; errors for missing required columns (row 1). */
function locate<K extends string>(
  grid: GridLike,
  specs: readonly ColumnSpec<K>[],
): { positions: Map<K, number>; errors: RowError[] } {
  const positions = new Map<K, number>();
  const lookup = new Map<string, K>();
  for (const spec of specs) for (const alias of [spec.header, spec.key, ...spec.aliases]) lookup.set(keyOf(alias), spec.key);
  grid.header.forEach((text, index) => {
    const key = lookup.get(keyOf(text));
    if (key && !positions.has(key)) positions.set(key, index);
  });
  const errors: RowError[] = specs
    .filter((s) => s.required && !positions.has(s.key))
    .map((s) => ({
      row: 1,
      column: s.header,
      reason: `the header row has no column ${s.header} (${s.key})`,
      reasonZh: `表头缺少「${s.header}」列`,
    }));
  return { positions, errors };
}

function cellOf<K extends string>(positions: Map<K, number>, values: string[], key: K): string {
  const index = positions.get(key);
  return index === undefined ? '' : (values[index] ?? '').normalize('NFC').trim();
}

function yesNo(value: string): boolean | undefined {
  const v = value.normalize('NFKC').trim().toLowerCase();
  if (['y', 'yes', 'true', '1', '是'].includes(v)) return true;
  if (['n', 'no', 'false', '0', '否'].includes(v)) return false;
  return undefined;
}

const MAX_NAME = 200;
const MAX_TEXT = 20_000;

function checkRows<K extends string, V>(
  grid: GridLike,
  specs: readonly ColumnSpec<K>[],
  parse: (cell: (key: K) => string, problem: (key: K | null, reason: string, reasonZh: string) => void) => V | undefined,
): Checked<V> {
  const { positions, errors } = locate(grid, specs);
  if (errors.length > 0) return { valid: [], errors, failedRows: grid.records.length };
  const headerOf = (key: K | null) => (key === null ? null : (specs.find((s) => s.key === key)?.header ?? key));
  const valid: Checked<V>['valid'] = [];
  let failedRows = 0;
  for (const record of grid.records) {
    const rowErrors: RowError[] = [];
    const cell = (key: K) => cellOf(positions, record.values, key);
    const problem = (key: K | null, reason: string, reasonZh: string) =>
      rowErrors.push({ row: record.row, column: headerOf(key), reason, reasonZh });
    for (const spec of specs) {
      if (spec.required && cell(spec.key) === '') {
        problem(spec.key, `${spec.key} is required`, `「${spec.header}」不能为空`);
      }
    }
    const values = rowErrors.length === 0 ? parse(cell, problem) : undefined;
    if (rowErrors.length > 0 || values === undefined) {
      failedRows += 1;
      errors.push(...rowErrors);
    } else {
      valid.push({ row: record.row, values });
    }
  }
  return { valid, errors, failedRows };
}

function boundedName<K extends string>(
  value: string,
  key: K,
  header: string,
  problem: (key: K | null, reason: string, reasonZh: string) => void,
): boolean {
  if (value.length > MAX_NAME) {
    problem(key, `${key} is longer than ${MAX_NAME} characters`, `「${header}」超过 ${MAX_NAME} 个字符`);
    return false;
  }
  return true;
}

// ---------------------------------------------------------------------------
// Programmes

export interface ProgrammeValues {
  code: string;
  name: string;
  level: ProgrammeLevel;
  categoryCode: string;
  categoryName: string;
  classCode: string;
  className: string;
  nationalControl: boolean;
}

type ProgrammeKey = 'code' | 'name' | 'level' | 'categoryCode' | 'categoryName' | 'classCode' | 'className' | 'nationalControl';

export const PROGRAMME_COLUMNS: readonly ColumnSpec<ProgrammeKey>[] = [
  { key: 'code', header: '专业代码', aliases: ['major_code', 'programme_code'], required: true },
  { key: 'name', header: '专业名称', aliases: ['major_name', 'programme_name'], required: true },
  { key: 'level', header: '专业层次', aliases: ['education_level', '层次', '教育层次'], required: false },
  { key: 'categoryCode', header: '专业大类代码', aliases: ['category_code', '大类代码'], required: true },
  { key: 'categoryName', header: '专业大类', aliases: ['category_name', '专业大类名称', '大类名称'], required: true },
  { key: 'classCode', header: '专业类代码', aliases: ['class_code'], required: true },
  { key: 'className', header: '专业类', aliases: ['class_name', '专业类名称'], required: true },
  { key: 'nationalControl', header: '国家控制专业', aliases: ['national_control', '国控专业'], required: false },
];

/** The 2021 catalogue's codes tell the level by their first digit: 6–7 中职, 4–5 高职专科, 2–3 职业本科. */
export function levelFromProgrammeCode(code: string): ProgrammeLevel | undefined {
  const first = code[0];
  if (first === '6' || first === '7') return ProgrammeLevel.SecondaryVocational;
  if (first === '4' || first === '5') return ProgrammeLevel.HigherVocational;
  if (first === '2' || first === '3') return ProgrammeLevel.VocationalBachelor;
  return undefined;
}

export function checkProgrammeRows(grid: GridLike): Checked<ProgrammeValues> {
  return checkRows(grid, PROGRAMME_COLUMNS, (cell, problem): ProgrammeValues | undefined => {
    const code = normalizeProgrammeCode(cell('code'));
    if (!code) {
      problem('code', `code "${cell('code').slice(0, 20)}" is not six digits (optionally K)`, '专业代码应为 6 位数字（国家控制专业以 K 结尾）');
      return undefined;
    }
    const levelText = cell('level');
    const level = levelText ? parseProgrammeLevel(levelText) : levelFromProgrammeCode(code);
    if (!level) {
      problem('level', `level "${levelText.slice(0, 40)}" is not one of secondary_vocational, higher_vocational, vocational_bachelor`, '专业层次应为中等职业教育、高等职业教育专科或高等职业教育本科');
      return undefined;
    }
    const categoryCode = cell('categoryCode');
    const classCode = cell('classCode');
    if (!/^[0-9]{2}$/.test(categoryCode)) {
      problem('categoryCode', 'categoryCode must be two digits', '专业大类代码应为 2 位数字');
      return undefined;
    }
    if (!/^[0-9]{4}$/.test(classCode)) {
      problem('classCode', 'classCode must be four digits', '专业类代码应为 4 位数字');
      return undefined;
    }
    if (!classCode.startsWith(categoryCode) || !code.startsWith(classCode)) {
      problem('classCode', `code ${code}, class ${classCode} and category ${categoryCode} do not nest`, `专业代码、专业类代码与专业大类代码不一致`);
      return undefined;
    }
    const controlText = cell('nationalControl');
    const control = controlText ? yesNo(controlText) : code.endsWith('K');
    if (control === undefined) {
      problem('nationalControl', 'nationalControl must be Y or N', '「国家控制专业」应为 是 或 否');
      return undefined;
    }
    const values = {
      code,
      name: cell('name'),
      level,
      categoryCode,
      categoryName: cell('categoryName'),
      classCode,
      className: cell('className'),
      nationalControl: control || code.endsWith('K'),
    };
    const ok =
      boundedName(values.name, 'name', '专业名称', problem) &&
      boundedName(values.categoryName, 'categoryName', '专业大类', problem) &&
      boundedName(values.className, 'className', '专业类', problem);
    return ok ? values : undefined;
  });
}

// ---------------------------------------------------------------------------
// Occupations

export interface OccupationValues {
  code: string;
  level: number;
  parentCode: string | null;
  name: string;
  isDigital: boolean;
  isGreen: boolean;
  definition: string | null;
  mainTasks: string | null;
}

type OccupationKey = 'code' | 'level' | 'name' | 'definition' | 'mainTasks' | 'isDigital' | 'isGreen';

export const OCCUPATION_COLUMNS: readonly ColumnSpec<OccupationKey>[] = [
  { key: 'code', header: '职业代码', aliases: ['occupation_code', '代码'], required: true },
  { key: 'level', header: '层级', aliases: ['级别', 'occupation_level'], required: false },
  { key: 'name', header: '职业名称', aliases: ['occupation_name', '名称'], required: true },
  { key: 'definition', header: '定义', aliases: ['职业定义'], required: false },
  { key: 'mainTasks', header: '主要工作任务', aliases: ['tasks', 'main_tasks'], required: false },
  { key: 'isDigital', header: '数字职业', aliases: ['is_digital', 'digital'], required: false },
  { key: 'isGreen', header: '绿色职业', aliases: ['is_green', 'green'], required: false },
];

const LEVEL_WORDS: Record<string, number> = { 大类: 1, 中类: 2, 小类: 3, 细类: 4, 职业: 4 };

export function checkOccupationRows(grid: GridLike): Checked<OccupationValues> {
  const checked = checkRows(grid, OCCUPATION_COLUMNS, (cell, problem): OccupationValues | undefined => {
    const rawCode = cell('code');
    const code = normalizeOccupationCode(rawCode);
    if (!code) {
      problem('code', `code "${rawCode.slice(0, 20)}" is not an occupation code such as 6-31-07-03`, '职业代码格式应如 6-31-07-03');
      return undefined;
    }
    const levelText = cell('level');
    const level = levelText === '' ? occupationLevelOf(code) : (LEVEL_WORDS[levelText] ?? Number(levelText));
    if (!Number.isInteger(level) || level < 1 || level > 4) {
      problem('level', 'level must be 1–4 (大类, 中类, 小类, 细类)', '层级应为 1–4（大类、中类、小类、细类）');
      return undefined;
    }
    if (level < occupationLevelOf(code)) {
      problem('level', `code ${code} is below level ${level}`, `职业代码 ${code} 与层级 ${level} 不符`);
      return undefined;
    }
    const parsed = parseOccupationName(cell('name'));
    if (!parsed.name) {
      problem('name', 'name is required', '「职业名称」不能为空');
      return undefined;
    }
    const flag = (key: 'isDigital' | 'isGreen', fromName: boolean) => {
      const text = cell(key);
      return text === '' ? fromName : (yesNo(text) ?? fromName);
    };
    const definition = cell('definition');
    const mainTasks = cell('mainTasks');
    if (definition.length > MAX_TEXT || mainTasks.length > MAX_TEXT) {
      problem('definition', `definition and main tasks are at most ${MAX_TEXT} characters`, `定义与主要工作任务不能超过 ${MAX_TEXT} 个字符`);
      return undefined;
    }
    if (!boundedName(parsed.name, 'name', '职业名称', problem)) return undefined;
    return {
      code,
      level,
      parentCode: occupationParentCode(code, level),
      name: parsed.name,
      isDigital: flag('isDigital', parsed.isDigital),
      isGreen: flag('isGreen', parsed.isGreen),
      definition: definition || null,
      mainTasks: mainTasks || null,
    };
  });
  return keepMostSpecific(checked);
}

/**
 * A code listed twice: the more specific row wins (the 大典 lists a 小类 holding a single
 * 职业 once as 小类 and once as 细类: `2-03-01-00`), an exact repeat is reported and skipped.
 */
function keepMostSpecific(checked: Checked<OccupationValues>): Checked<OccupationValues> {
  const byCode = new Map<string, { row: number; values: OccupationValues }>();
  const errors = [...checked.errors];
  let failedRows = checked.failedRows;
  for (const entry of checked.valid) {
    const seen = byCode.get(entry.values.code);
    if (!seen) {
      byCode.set(entry.values.code, entry);
      continue;
    }
    const keepNew = entry.values.level > seen.values.level;
    const dropped = keepNew ? seen : entry;
    const kept = keepNew ? entry : seen;
    if (keepNew) byCode.set(entry.values.code, entry);
    failedRows += 1;
    errors.push({
      row: dropped.row,
      column: '职业代码',
      reason: `code ${entry.values.code} is listed again in row ${kept.row}; that row is kept`,
      reasonZh: `职业代码 ${entry.values.code} 重复，保留第 ${kept.row} 行`,
    });
  }
  errors.sort((a, b) => a.row - b.row);
  return { valid: [...byCode.values()].sort((a, b) => a.row - b.row), errors, failedRows };
}

// ---------------------------------------------------------------------------
// Programme → occupation mapping

export interface MappingValues {
  programmeCode: string;
  occupationCode: string;
}

type MappingKey = 'programmeCode' | 'occupationCode';

export const MAPPING_COLUMNS: readonly ColumnSpec<MappingKey>[] = [
  { key: 'programmeCode', header: '专业代码', aliases: ['major_code', 'programme_code'], required: true },
  { key: 'occupationCode', header: '职业代码', aliases: ['occupation_code', '主要职业类别代码', '主要职业类别'], required: true },
];

export function checkMappingRows(grid: GridLike): Checked<MappingValues> {
  const checked = checkRows(grid, MAPPING_COLUMNS, (cell, problem): MappingValues | undefined => {
    const programmeCode = normalizeProgrammeCode(cell('programmeCode'));
    const occupationCode = normalizeOccupationCode(cell('occupationCode'));
    if (!programmeCode) problem('programmeCode', 'programmeCode is not six digits (optionally K)', '专业代码应为 6 位数字（国家控制专业以 K 结尾）');
    if (!occupationCode) problem('occupationCode', 'occupationCode is not an occupation code such as 6-31-07-03', '职业代码格式应如 6-31-07-03');
    return programmeCode && occupationCode ? { programmeCode, occupationCode } : undefined;
  });
  const seen = new Map<string, number>();
  const valid: Checked<MappingValues>['valid'] = [];
  for (const entry of checked.valid) {
    const key = `${entry.values.programmeCode} ${entry.values.occupationCode}`;
    const first = seen.get(key);
    if (first !== undefined) {
      checked.errors.push({
        row: entry.row,
        column: null,
        reason: `the pair is listed again (first in row ${first})`,
        reasonZh: `专业与职业的对应重复（首次出现在第 ${first} 行）`,
      });
      checked.failedRows += 1;
      continue;
    }
    seen.set(key, entry.row);
    valid.push(entry);
  }
  checked.errors.sort((a, b) => a.row - b.row);
  return { ...checked, valid };
}
