import ExcelJS from 'exceljs';
import { normalizeSkills } from '@chanjiao/core';
import { normalizeExpectedGraduates } from '../domain/offering-rules';
import { OFFERING_STATUS_LABELS, OfferingStatus, TRAINING_MODE_LABELS, TrainingMode } from '../entities/programme-enums';
import { ExpectedGraduates } from '../entities/programme-offering.entity';
import { GridLike, RowError } from '../domain/catalogue-rows';
import { normalizeProgrammeCode } from '../domain/catalogue-codes';

/**
 * A school's offerings sheet (开设专业表): zh-CN headers, the import template, the export,
 * and reading an uploaded sheet into checked row values (pure). Lists in a cell are
 * separated by 、 ， ； , ; or new lines; expected graduates are written `2026:45；2027:50`.
 */

export type OfferingColumnKey =
  | 'programmeCode'
  | 'programmeName'
  | 'startYear'
  | 'status'
  | 'enrolmentPlan'
  | 'studentsEnrolled'
  | 'expectedGraduates'
  | 'skills'
  | 'certificates'
  | 'trainingModes'
  | 'partnerSchools'
  | 'partnerEnterprises'
  | 'contactName'
  | 'contactPhone'
  | 'contactEmail'
  | 'note';

export const OFFERING_COLUMNS: ReadonlyArray<{ key: OfferingColumnKey; header: string; width: number; required?: boolean }> = [
  { key: 'programmeCode', header: '专业代码', width: 12, required: true },
  { key: 'programmeName', header: '专业名称', width: 24 },
  { key: 'startYear', header: '开设年份', width: 10, required: true },
  { key: 'status', header: '状态', width: 12 },
  { key: 'enrolmentPlan', header: '年度招生计划', width: 12 },
  { key: 'studentsEnrolled', header: '在校生数', width: 10 },
  { key: 'expectedGraduates', header: '预计毕业生', width: 22 },
  { key: 'skills', header: '技能标签', width: 30 },
  { key: 'certificates', header: '证书', width: 30 },
  { key: 'trainingModes', header: '培养模式', width: 24 },
  { key: 'partnerSchools', header: '合作学校', width: 24 },
  { key: 'partnerEnterprises', header: '合作企业', width: 30 },
  { key: 'contactName', header: '联系人', width: 10 },
  { key: 'contactPhone', header: '联系电话', width: 16 },
  { key: 'contactEmail', header: '联系邮箱', width: 24 },
  { key: 'note', header: '备注', width: 30 },
];

export interface OfferingRowValues {
  programmeCode: string;
  startYear: number;
  status?: OfferingStatus;
  enrolmentPlan?: number | null;
  studentsEnrolled?: number | null;
  expectedGraduates?: ExpectedGraduates[];
  skills?: string[];
  certificates?: string[];
  trainingModes?: TrainingMode[];
  partnerSchools?: string[];
  partnerEnterprises?: string[];
  contactName?: string | null;
  contactPhone?: string | null;
  contactEmail?: string | null;
  note?: string | null;
}

const SEPARATORS = /[、，,；;\n\r]+/u;

function splitList(text: string): string[] {
  return text
    .split(SEPARATORS)
    .map((v) => v.trim())
    .filter((v) => v !== '');
}

function headerKey(text: string): string {
  return text.normalize('NFKC').replace(/[*＊\s]/g, '');
}

const STATUS_BY_TEXT = new Map<string, OfferingStatus>(
  Object.values(OfferingStatus).flatMap((v) => [
    [v, v],
    [OFFERING_STATUS_LABELS[v]['zh-CN'], v],
  ]),
);
const MODE_BY_TEXT = new Map<string, TrainingMode>(
  Object.values(TrainingMode).flatMap((v) => [
    [v, v],
    [TRAINING_MODE_LABELS[v]['zh-CN'], v],
  ]),
);
MODE_BY_TEXT.set('学徒制', TrainingMode.Apprenticeship);
MODE_BY_TEXT.set('实习', TrainingMode.Internship);
MODE_BY_TEXT.set('贯通培养', TrainingMode.Pathway);
MODE_BY_TEXT.set('分段培养', TrainingMode.Pathway);

export interface OfferingSheetCheck {
  valid: Array<{ row: number; values: OfferingRowValues }>;
  errors: RowError[];
  failedRows: number;
}

export function checkOfferingRows(grid: GridLike): OfferingSheetCheck {
  const positions = new Map<OfferingColumnKey, number>();
  grid.header.forEach((text, index) => {
    const column = OFFERING_COLUMNS.find((c) => c.header === headerKey(text) || c.key === text.trim());
    if (column && !positions.has(column.key)) positions.set(column.key, index);
  });
  const missing = OFFERING_COLUMNS.filter((c) => c.required && !positions.has(c.key));
  if (missing.length > 0) {
    return {
      valid: [],
      errors: missing.map((c) => ({ row: 1, column: c.header, reason: `the header row has no column ${c.header}`, reasonZh: `表头缺少「${c.header}」列` })),
      failedRows: grid.records.length,
    };
  }
  const valid: OfferingSheetCheck['valid'] = [];
  const errors: RowError[] = [];
  const seenCodes = new Map<string, number>();
  let failedRows = 0;
  for (const record of grid.records) {
    const rowErrors: RowError[] = [];
    const cell = (key: OfferingColumnKey) => {
      const index = positions.get(key);
      return index === undefined ? '' : (record.values[index] ?? '').normalize('NFC').trim();
    };
    const problem = (key: OfferingColumnKey, reason: string, reasonZh: string) =>
      rowErrors.push({ row: record.row, column: OFFERING_COLUMNS.find((c) => c.key === key)?.header ?? key, reason, reasonZh });
    const integer = (key: OfferingColumnKey, min: number, max: number): number | null | undefined => {
      const text = cell(key).normalize('NFKC');
      if (text === '') return null;
      const n = Number(text);
      if (!/^[0-9]+$/.test(text) || n < min || n > max) {
        problem(key, `${key} must be a whole number from ${min} to ${max}`, `应为 ${min}–${max} 的整数`);
        return undefined;
      }
      return n;
    };
    const text = (key: OfferingColumnKey, max: number): string | null => {
      const value = cell(key);
      if (value.length > max) problem(key, `${key} is longer than ${max} characters`, `超过 ${max} 个字符`);
      return value || null;
    };

    const programmeCode = normalizeProgrammeCode(cell('programmeCode'));
    if (!programmeCode) problem('programmeCode', 'programmeCode must be six digits (optionally K)', '专业代码应为 6 位数字（国家控制专业以 K 结尾）');
    else if (seenCodes.has(programmeCode)) {
      problem('programmeCode', `programme ${programmeCode} is listed again (first in row ${seenCodes.get(programmeCode)})`, `专业代码重复（首次出现在第 ${seenCodes.get(programmeCode)} 行）`);
    } else seenCodes.set(programmeCode, record.row);
    const startYear = integer('startYear', 1949, 2200);
    if (startYear === null) problem('startYear', 'startYear is required', '「开设年份」不能为空');
    const statusText = cell('status');
    const status = statusText ? STATUS_BY_TEXT.get(statusText) : undefined;
    if (statusText && !status) problem('status', `status must be one of: ${[...STATUS_BY_TEXT.keys()].join(', ')}`, `状态应为：${Object.values(OFFERING_STATUS_LABELS).map((l) => l['zh-CN']).join('、')}`);
    const enrolmentPlan = integer('enrolmentPlan', 0, 100_000);
    const studentsEnrolled = integer('studentsEnrolled', 0, 1_000_000);

    let expectedGraduates: ExpectedGraduates[] | undefined;
    const graduatesText = cell('expectedGraduates').normalize('NFKC');
    if (graduatesText) {
      const entries: ExpectedGraduates[] = [];
      for (const part of splitList(graduatesText)) {
        const match = /^([0-9]{4})\s*[:：年]\s*([0-9]{1,6})\s*人?$/.exec(part);
        if (!match) {
          problem('expectedGraduates', `expectedGraduates "${part.slice(0, 20)}" is not year:count`, `预计毕业生应写作「2026:45」`);
          break;
        }
        entries.push({ year: Number(match[1]), count: Number(match[2]) });
      }
      const normalized = normalizeExpectedGraduates(entries);
      if ('duplicateYear' in normalized) problem('expectedGraduates', `year ${normalized.duplicateYear} is listed twice`, `${normalized.duplicateYear} 年重复`);
      else expectedGraduates = normalized.value;
    }
    const skills = normalizeSkills(splitList(cell('skills')));
    if (skills.length > 50 || skills.some((s) => s.length > 60)) problem('skills', 'at most 50 skills of 60 characters', '技能标签最多 50 个，每个不超过 60 个字符');
    const certificates = splitList(cell('certificates'));
    if (certificates.length > 30 || certificates.some((s) => s.length > 100)) problem('certificates', 'at most 30 certificates of 100 characters', '证书最多 30 个，每个不超过 100 个字符');
    const modes: TrainingMode[] = [];
    for (const part of splitList(cell('trainingModes'))) {
      const mode = MODE_BY_TEXT.get(part);
      if (!mode) problem('trainingModes', `training mode "${part.slice(0, 20)}" is unknown`, `培养模式应为：${Object.values(TRAINING_MODE_LABELS).map((l) => l['zh-CN']).join('、')}`);
      else if (!modes.includes(mode)) modes.push(mode);
    }
    const partnerSchools = splitList(cell('partnerSchools'));
    const partnerEnterprises = splitList(cell('partnerEnterprises'));
    const contactName = text('contactName', 40);
    const contactPhone = text('contactPhone', 20);
    if (contactPhone && !/^\+?[0-9 ()-]{5,20}$/.test(contactPhone)) problem('contactPhone', 'contactPhone must be a phone number', '联系电话格式不正确');
    const contactEmail = text('contactEmail', 254);
    if (contactEmail && !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(contactEmail)) problem('contactEmail', 'contactEmail must be an email address', '联系邮箱格式不正确');
    const note = text('note', 2000);

    if (rowErrors.length > 0 || !programmeCode || !startYear) {
      failedRows += 1;
      errors.push(...rowErrors);
      continue;
    }
    valid.push({
      row: record.row,
      values: {
        programmeCode,
        startYear,
        status,
        enrolmentPlan,
        studentsEnrolled,
        expectedGraduates,
        skills,
        certificates,
        trainingModes: modes,
        partnerSchools,
        partnerEnterprises,
        contactName,
        contactPhone,
        contactEmail,
        note,
      },
    });
  }
  return { valid, errors, failedRows };
}

export interface OfferingExportRow {
  programmeCode: string;
  programmeName: string;
  startYear: number;
  status: OfferingStatus;
  enrolmentPlan: number | null;
  studentsEnrolled: number | null;
  expectedGraduates: ExpectedGraduates[];
  skills: string[];
  certificates: string[];
  trainingModes: TrainingMode[];
  partnerSchools: string[];
  partnerEnterprises: string[];
  contactName: string | null;
  contactPhone: string | null;
  contactEmail: string | null;
  note: string | null;
}

/** The offerings workbook: the export when rows are given, the import template (with a 填写说明 sheet) otherwise. */
export async function buildOfferingWorkbook(rows: readonly OfferingExportRow[]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('开设专业', { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = OFFERING_COLUMNS.map((c) => ({ header: c.header, key: c.key, width: c.width, style: { numFmt: '@' } }));
  sheet.getRow(1).font = { bold: true };
  for (const row of rows) {
    sheet.addRow({
      programmeCode: row.programmeCode,
      programmeName: row.programmeName,
      startYear: String(row.startYear),
      status: OFFERING_STATUS_LABELS[row.status]['zh-CN'],
      enrolmentPlan: row.enrolmentPlan === null ? '' : String(row.enrolmentPlan),
      studentsEnrolled: row.studentsEnrolled === null ? '' : String(row.studentsEnrolled),
      expectedGraduates: row.expectedGraduates.map((g) => `${g.year}:${g.count}`).join('；'),
      skills: row.skills.join('、'),
      certificates: row.certificates.join('；'),
      trainingModes: row.trainingModes.map((m) => TRAINING_MODE_LABELS[m]['zh-CN']).join('、'),
      partnerSchools: row.partnerSchools.join('；'),
      partnerEnterprises: row.partnerEnterprises.join('；'),
      contactName: row.contactName ?? '',
      contactPhone: row.contactPhone ?? '',
      contactEmail: row.contactEmail ?? '',
      note: row.note ?? '',
    });
  }
  if (rows.length === 0) {
    const help = workbook.addWorksheet('填写说明');
    help.columns = [
      { header: '列', key: 'column', width: 16 },
      { header: '说明', key: 'text', width: 80 },
    ];
    const lines: Array<[string, string]> = [
      ['专业代码', '必填。现行《职业教育专业目录》中的 6 位代码，专业层次须与学校类型相符'],
      ['专业名称', '导出时填写，导入时忽略'],
      ['开设年份', '必填。四位年份，如 2019'],
      ['状态', Object.values(OFFERING_STATUS_LABELS).map((l) => l['zh-CN']).join('、') + '（默认正常招生）'],
      ['预计毕业生', '年份:人数，多个用；分隔，如 2026:45；2027:50'],
      ['技能标签', '多个用、分隔；全角字母与大小写自动统一'],
      ['培养模式', Object.values(TRAINING_MODE_LABELS).map((l) => l['zh-CN']).join('、')],
      ['合作学校 / 合作企业', '成员单位全称，多个用；分隔'],
    ];
    for (const [column, text] of lines) help.addRow({ column, text });
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
