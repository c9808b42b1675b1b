import ExcelJS from 'exceljs';
import { PointDefinition } from '../domain/framework-document';
import { REPORT_STATUS_LABELS, ReportStatus, VALUE_TYPE_LABELS, ValueType } from '../entities/indicator-enums';
import { cellText } from './framework-workbook';

/**
 * The bulk entry workbook (批量填报) of one organization and period: one row per point it
 * reports, with the current value filled in; the organization fills 填报值 (and 说明) and
 * uploads the file back. Rows are matched by 观测点编码; an empty 填报值 leaves a point as it is.
 */
export const ENTRY_SHEET = '批量填报 Entry';
const ABOUT_SHEET = '说明 About';
export const MAX_ENTRY_ROWS = 2_000;

export const ENTRY_HEADERS = {
  code: '观测点编码',
  name: '观测点名称',
  unit: '计量单位',
  valueType: '值类型',
  target: '目标值',
  value: '填报值',
  note: '说明',
  status: '当前状态',
  evidence: '需佐证材料',
} as const;

export interface TemplateRow {
  code: string;
  name: string;
  point: PointDefinition;
  target: number | boolean | null;
  value: number | boolean | string | null;
  note: string | null;
  status: ReportStatus | null;
}

export interface EntryRow {
  /** The spreadsheet row (header = 1). */
  row: number;
  code: string;
  /** The cell as written; undefined: left empty (the point is left as it is). */
  value: ExcelJS.CellValue | undefined;
  note: string | undefined;
}

export interface EntryProblem {
  row: number;
  column: string | null;
  reason: string;
  reasonZh: string;
}

const YES = '是';
const NO = '否';

function shown(value: number | boolean | string | null): string | number {
  if (value === null) return '';
  if (typeof value === 'boolean') return value ? YES : NO;
  return value;
}

export async function buildEntryTemplate(input: {
  periodName: string;
  periodId: string;
  organizationName: string;
  organizationId: string | null;
  dueOn: string;
  rows: TemplateRow[];
}): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Chanjiao';
  const sheet = workbook.addWorksheet(ENTRY_SHEET, { views: [{ state: 'frozen', ySplit: 1 }] });
  const widths: Record<keyof typeof ENTRY_HEADERS, number> = {
    code: 12,
    name: 40,
    unit: 10,
    valueType: 10,
    target: 10,
    value: 14,
    note: 40,
    status: 10,
    evidence: 12,
  };
  sheet.columns = (Object.keys(ENTRY_HEADERS) as Array<keyof typeof ENTRY_HEADERS>).map((key) => ({
    key,
    header: ENTRY_HEADERS[key],
    width: widths[key],
  }));
  sheet.getRow(1).font = { bold: true };
  for (const row of input.rows) {
    const added = sheet.addRow({
      code: row.code,
      name: row.name,
      unit: row.point.unit,
      valueType: VALUE_TYPE_LABELS[row.point.valueType]['zh-CN'],
      target: shown(row.target),
      value: shown(row.value),
      note: row.note ?? '',
      status: row.status ? REPORT_STATUS_LABELS[row.status]['zh-CN'] : '未填报',
      evidence: row.point.evidenceRequired ? YES : NO,
    });
    if (row.point.valueType === ValueType.Boolean) {
      added.getCell('value').dataValidation = { type: 'list', allowBlank: true, formulae: [`"${YES},${NO}"`] };
    }
    added.getCell('value').fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFF7D6' } };
    added.getCell('note').fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFF7D6' } };
  }
  const about = workbook.addWorksheet(ABOUT_SHEET);
  about.columns = [
    { key: 'k', width: 16 },
    { key: 'v', width: 60 },
  ];
  about.addRows([
    ['填报周期', input.periodName],
    ['填报单位', input.organizationName],
    ['截止日期', input.dueOn],
    ['periodId', input.periodId],
    ['organizationId', input.organizationId ?? 'secretariat'],
    [],
    ['填写说明', '只填写黄色的「填报值」与「说明」两列；「填报值」留空的观测点保持不变。'],
    ['', '是/否类观测点填「是」或「否」；百分比填数字（如 85 表示 85%）；计数填整数。'],
    ['', '需佐证材料的观测点，请在系统中上传附件后再提交。'],
    ['Instructions', 'Fill only the yellow columns; an empty value leaves the point as it is. Yes/no: 是 or 否.'],
  ]);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** The entry rows of an uploaded workbook, with the problems of the file itself (no sheet, no 观测点编码 column …). */
export async function readEntryWorkbook(content: Buffer): Promise<{
  rows: EntryRow[];
  problems: EntryProblem[];
  organizationId?: string;
  periodId?: string;
}> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(content as unknown as ArrayBuffer);
  } catch (error) {
    const why = error instanceof Error ? error.message : String(error);
    return {
      rows: [],
      problems: [{ row: 0, column: null, reason: `not a readable xlsx: ${why}`, reasonZh: `无法读取工作簿：${why}` }],
    };
  }
  const sheet = workbook.getWorksheet(ENTRY_SHEET) ?? workbook.worksheets[0];
  if (!sheet) {
    return {
      rows: [],
      problems: [{ row: 0, column: null, reason: 'the workbook has no sheet', reasonZh: '工作簿没有工作表' }],
    };
  }
  const columns = new Map<string, number>();
  sheet.getRow(1).eachCell((cell, index) => columns.set(cellText(cell), index));
  const missing = [ENTRY_HEADERS.code, ENTRY_HEADERS.value].filter((header) => !columns.has(header));
  if (missing.length > 0) {
    return {
      rows: [],
      problems: [
        {
          row: 1,
          column: missing[0],
          reason: `the header row lacks ${missing.join(', ')}: use the downloaded template`,
          reasonZh: `表头缺少「${missing.join('」「')}」列，请使用下载的模板`,
        },
      ],
    };
  }
  const rows: EntryRow[] = [];
  const problems: EntryProblem[] = [];
  const codeColumn = columns.get(ENTRY_HEADERS.code) as number;
  const valueColumn = columns.get(ENTRY_HEADERS.value) as number;
  const noteColumn = columns.get(ENTRY_HEADERS.note);
  const seen = new Map<string, number>();
  for (let index = 2; index <= sheet.rowCount; index += 1) {
    const row = sheet.getRow(index);
    const code = cellText(row.getCell(codeColumn));
    const valueCell = row.getCell(valueColumn);
    const valueText = cellText(valueCell);
    const note = noteColumn ? cellText(row.getCell(noteColumn)) : '';
    if (!code && !valueText && !note) continue;
    if (rows.length >= MAX_ENTRY_ROWS) {
      problems.push({
        row: index,
        column: null,
        reason: `more than ${MAX_ENTRY_ROWS} rows: the rest is ignored`,
        reasonZh: `超过 ${MAX_ENTRY_ROWS} 行，其余各行未导入`,
      });
      break;
    }
    if (!code) {
      problems.push({
        row: index,
        column: ENTRY_HEADERS.code,
        reason: 'the point code is empty',
        reasonZh: '观测点编码为空',
      });
      continue;
    }
    const first = seen.get(code);
    if (first !== undefined) {
      problems.push({
        row: index,
        column: ENTRY_HEADERS.code,
        reason: `${code} is already on row ${first}`,
        reasonZh: `观测点 ${code} 与第 ${first} 行重复`,
      });
      continue;
    }
    seen.set(code, index);
    rows.push({
      row: index,
      code,
      value: valueText === '' ? undefined : (valueCell.value ?? undefined),
      note: note === '' ? undefined : note,
    });
  }
  const about = workbook.getWorksheet(ABOUT_SHEET);
  const aboutValue = (key: string) => {
    let found: string | undefined;
    about?.eachRow((row) => {
      if (cellText(row.getCell(1)) === key) found = cellText(row.getCell(2));
    });
    return found;
  };
  return { rows, problems, organizationId: aboutValue('organizationId'), periodId: aboutValue('periodId') };
}

/** A cell as the value of a point: 是/否 for yes/no, numbers (also "85%" for a percent), text. */
export function entryValue(
  point: PointDefinition,
  cell: ExcelJS.CellValue,
): { value: number | boolean | string } | { problem: string; problemZh: string } {
  const text = (() => {
    if (cell === null || cell === undefined) return '';
    if (typeof cell === 'object' && 'richText' in cell) return cell.richText.map((p) => p.text).join('');
    if (typeof cell === 'object' && 'result' in cell) return String(cell.result ?? '');
    if (cell instanceof Date) return cell.toISOString();
    return String(cell as string | number | boolean);
  })().trim();
  if (point.valueType === ValueType.Boolean) {
    if (typeof cell === 'boolean') return { value: cell };
    const lowered = text.toLowerCase();
    if ([YES, 'true', 'yes', 'y', '1'].includes(lowered)) return { value: true };
    if ([NO, 'false', 'no', 'n', '0'].includes(lowered)) return { value: false };
    return {
      problem: `"${text.slice(0, 40)}" is not 是 or 否`,
      problemZh: `「${text.slice(0, 40)}」应为「是」或「否」`,
    };
  }
  if (point.valueType === ValueType.Text) return { value: text };
  if (typeof cell === 'number') return { value: cell };
  const cleaned = text.replace(/[,，\s]/g, '').replace(/%$/, '');
  const number = Number(cleaned);
  if (cleaned === '' || !Number.isFinite(number)) {
    return { problem: `"${text.slice(0, 40)}" is not a number`, problemZh: `「${text.slice(0, 40)}」不是数字` };
  }
  return { value: number };
}
