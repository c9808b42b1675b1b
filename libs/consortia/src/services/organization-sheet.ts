import { ArchiveBounds, inspectXlsxArchive, XLSX_ARCHIVE_BOUNDS } from '@chanjiao/core';
import { CsvError, Options as CsvOptions, parse as parseCsvSync } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { MEMBERSHIP_STATUS_LABELS, MembershipStatus } from '../entities/membership-status';
import { Organization } from '../entities/organization.entity';
import {
  ORGANIZATION_SIZE_LABELS,
  ORGANIZATION_TYPE_LABELS,
  OrganizationSize,
  OrganizationType,
} from '../entities/organization-type';

/**
 * The member-organization spreadsheet (成员单位表): its columns with zh-CN headers,
 * the import template and the export workbook (built with exceljs), and reading an
 * uploaded xlsx or csv file into rows of cell texts. Row rules are in
 * `organization-rows.ts`.
 */

export type SheetFormat = 'xlsx' | 'csv';

/** Most data rows one import accepts. */
export const MAX_IMPORT_ROWS = 20_000;
/** Template rows that get drop-down lists. */
const DROPDOWN_ROWS = 10_000;

/** A problem found in an import file. `row` as the user sees it (header = 1; 0 = the whole file). */
export interface ImportError {
  row: number;
  column: string | null;
  reason: string;
  /** The same reason in Chinese, for the secretariat's import report. */
  reasonZh: string;
}

export type ColumnKey =
  | 'name'
  | 'nameEn'
  | 'type'
  | 'creditCode'
  | 'district'
  | 'address'
  | 'industryCode'
  | 'industryName'
  | 'size'
  | 'leadingEnterprise'
  | 'certifiedIntegrationEnterprise'
  | 'doubleHighSchool'
  | 'contactName'
  | 'contactTitle'
  | 'contactPhone'
  | 'contactEmail';

export interface SheetColumn {
  key: ColumnKey;
  header: string;
  required: 'yes' | 'enterprise' | 'no';
  hint: string;
  width: number;
  /** Stored as text in the template, so Excel keeps leading zeros and long digit strings. */
  text?: boolean;
}

export const ORGANIZATION_COLUMNS: readonly SheetColumn[] = [
  {
    key: 'name',
    header: '单位名称',
    required: 'yes',
    hint: '2–100 字，联合体内唯一 · 2–100 characters, unique',
    width: 36,
  },
  { key: 'nameEn', header: '英文名称', required: 'no', hint: '最多 200 字 · English name, up to 200', width: 30 },
  { key: 'type', header: '单位类型', required: 'yes', hint: '见下方“单位类型” · see the table below', width: 22 },
  {
    key: 'creditCode',
    header: '统一社会信用代码',
    required: 'enterprise',
    hint: '18 位，GB 32100-2015 校验；企业必填，联合体内唯一 · 18 characters with check digit',
    width: 24,
    text: true,
  },
  { key: 'district', header: '所在区县', required: 'no', hint: '最多 40 字 · district', width: 14 },
  { key: 'address', header: '详细地址', required: 'no', hint: '最多 200 字 · address', width: 36 },
  {
    key: 'industryCode',
    header: '行业代码',
    required: 'no',
    hint: 'GB/T 4754-2017，如 C、C34、C3484 · industry code',
    width: 12,
    text: true,
  },
  {
    key: 'industryName',
    header: '行业名称',
    required: 'no',
    hint: '空 = 按国标代码自动填写 · empty: the standard’s name for the code',
    width: 24,
  },
  { key: 'size', header: '企业规模', required: 'no', hint: '见下方“企业规模” · see the table below', width: 10 },
  { key: 'leadingEnterprise', header: '龙头企业', required: 'no', hint: '是 / 否（空 = 否）· yes / no', width: 10 },
  {
    key: 'certifiedIntegrationEnterprise',
    header: '产教融合型企业',
    required: 'no',
    hint: '是 / 否（空 = 否）· yes / no',
    width: 14,
  },
  { key: 'doubleHighSchool', header: '双高学校', required: 'no', hint: '是 / 否（空 = 否）· yes / no', width: 10 },
  {
    key: 'contactName',
    header: '联系人',
    required: 'no',
    hint: '1–40 字；填写联系方式时必填 · contact name',
    width: 12,
  },
  { key: 'contactTitle', header: '联系人职务', required: 'no', hint: '最多 60 字 · title', width: 16 },
  {
    key: 'contactPhone',
    header: '联系电话',
    required: 'no',
    hint: '5–20 位数字，可含 + - ( ) 空格 · phone',
    width: 16,
    text: true,
  },
  { key: 'contactEmail', header: '联系邮箱', required: 'no', hint: '电子邮箱 · email', width: 24 },
];

/** Export only: the membership status (ignored on import, so an export can be imported again). */
export const MEMBERSHIP_STATUS_HEADER = '成员状态';

export const YES = '是';
export const NO = '否';

export function columnHeader(key: ColumnKey): string {
  return ORGANIZATION_COLUMNS.find((c) => c.key === key)?.header ?? key;
}

/** Header text as typed by people: spaces, a trailing `*` or a `（必填）` suffix are ignored. */
export function normalizeHeader(text: string): string {
  return text
    .normalize('NFKC')
    .replace(/\s+/g, '')
    .replace(/\(.*\)$/, '')
    .replace(/\*+$/, '');
}

const HEADER_TO_KEY = new Map(ORGANIZATION_COLUMNS.map((c) => [normalizeHeader(c.header), c.key]));

// ---------------------------------------------------------------------------
// Reading uploads

/** One data row: its spreadsheet row number and the texts of the known columns present in the file. */
export interface SheetRow {
  row: number;
  cells: Partial<Record<ColumnKey, string>>;
}

export interface SheetRead {
  rows: SheetRow[];
  /** Problems of the file or its header row; when present, `rows` is empty. */
  errors: ImportError[];
}

interface Grid {
  header: string[];
  /** Data records with their row numbers; `values` are aligned with `header`. */
  records: Array<{ row: number; values: string[] }>;
}

/** Reads an uploaded file (xlsx: the sheet whose first row holds 单位名称, else the first sheet). */
export async function readOrganizationSheet(
  content: Buffer,
  format: SheetFormat,
  maxRows = MAX_IMPORT_ROWS,
  archiveBounds: ArchiveBounds = XLSX_ARCHIVE_BOUNDS,
): Promise<SheetRead> {
  const fileProblem = (reason: string, reasonZh: string): SheetRead => ({
    rows: [],
    errors: [{ row: 0, column: null, reason, reasonZh }],
  });
  if (format === 'xlsx') {
    // Bounded before exceljs unpacks it whole (zip bombs); the upload route checks the same.
    const problem = await inspectXlsxArchive(content, archiveBounds);
    if (problem?.kind === 'unreadable') {
      return fileProblem(
        `the file cannot be read as xlsx: ${problem.reason}`,
        `无法按 xlsx 格式读取文件：${problem.reasonZh}`,
      );
    }
    if (problem) return fileProblem(`the file is refused: ${problem.reason}`, `文件被拒绝：${problem.reasonZh}`);
  }
  let grid: Grid;
  try {
    grid = format === 'xlsx' ? await xlsxGrid(content) : csvGrid(content);
  } catch (error) {
    const why = error instanceof Error ? error.message : String(error);
    return fileProblem(`the file cannot be read as ${format}: ${why}`, `无法按 ${format} 格式读取文件：${why}`);
  }
  return rowsFromGrid(grid, maxRows);
}

export function rowsFromGrid(grid: Grid, maxRows = MAX_IMPORT_ROWS): SheetRead {
  const errors: ImportError[] = [];
  const positions = new Map<ColumnKey, number>();
  grid.header.forEach((text, index) => {
    const key = HEADER_TO_KEY.get(normalizeHeader(text));
    if (!key) return; // unknown columns (成员状态 of an export, notes) are ignored
    if (positions.has(key)) {
      errors.push({
        row: 1,
        column: columnHeader(key),
        reason: 'the column appears more than once in the header row',
        reasonZh: '表头中该列出现了不止一次',
      });
    }
    positions.set(key, index);
  });
  for (const column of ORGANIZATION_COLUMNS.filter((c) => c.required === 'yes')) {
    if (!positions.has(column.key)) {
      errors.push({
        row: 1,
        column: column.header,
        reason: 'required column is missing from the header row (row 1)',
        reasonZh: '表头（第 1 行）缺少必填列',
      });
    }
  }
  if (errors.length > 0) return { rows: [], errors };

  const rows: SheetRow[] = [];
  for (const record of grid.records) {
    const cells: Partial<Record<ColumnKey, string>> = {};
    let empty = true;
    for (const [key, index] of positions) {
      const value = (record.values[index] ?? '').trim();
      cells[key] = value;
      if (value !== '') empty = false;
    }
    if (empty) continue;
    rows.push({ row: record.row, cells });
    if (rows.length > maxRows) {
      return {
        rows: [],
        errors: [
          {
            row: 0,
            column: null,
            reason: `too many rows: at most ${maxRows} per file`,
            reasonZh: `行数过多：每个文件最多 ${maxRows} 行`,
          },
        ],
      };
    }
  }
  if (rows.length === 0) {
    // Most often the template sent back unfilled: say so rather than report "0 rows imported".
    return {
      rows: [],
      errors: [
        {
          row: 0,
          column: null,
          reason: 'the file has no data rows: fill in one organization per row from row 2 (row 1 is the header)',
          reasonZh: '文件中没有数据行：请从第 2 行起每行填写一个单位（第 1 行为表头）',
        },
      ],
    };
  }
  return { rows, errors: [] };
}

async function xlsxGrid(content: Buffer): Promise<Grid> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(content as unknown as ArrayBuffer);
  const sheets = workbook.worksheets;
  if (sheets.length === 0) throw new Error('the workbook has no sheet');
  const isDataSheet = (sheet: ExcelJS.Worksheet) =>
    rowTexts(sheet.getRow(1)).some((text) => HEADER_TO_KEY.get(normalizeHeader(text)) === 'name');
  const sheet = sheets.find(isDataSheet) ?? sheets[0];
  const header = rowTexts(sheet.getRow(1));
  const records: Grid['records'] = [];
  sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    if (rowNumber === 1) return;
    records.push({ row: rowNumber, values: header.map((_, index) => cellText(row.getCell(index + 1).value)) });
  });
  return { header, records };
}

function rowTexts(row: ExcelJS.Row): string[] {
  const texts: string[] = [];
  for (let c = 1; c <= row.cellCount; c += 1) texts.push(cellText(row.getCell(c).value).trim());
  return texts;
}

/** The text a person sees in a cell: rich text, hyperlinks (e-mail addresses) and formula results included. */
export function cellText(value: ExcelJS.CellValue | undefined): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return Number.isInteger(value) ? value.toFixed(0) : String(value);
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if ('richText' in value) return value.richText.map((part) => part.text).join('');
  if ('formula' in value || 'sharedFormula' in value) return cellText(value.result as ExcelJS.CellValue);
  if ('error' in value) return String(value.error);
  if ('text' in value) return cellText(value.text as ExcelJS.CellValue);
  return '';
}

function csvGrid(content: Buffer): Grid {
  const records = parseCsv(decodeText(content));
  const [header = [], ...data] = records;
  return {
    header: header.map((h) => h.trim()),
    records: data.map((values, index) => ({ row: index + 2, values })),
  };
}

/** UTF-8 (with or without BOM); otherwise GB 18030, which Excel on Chinese Windows writes as "CSV". */
export function decodeText(content: Buffer): string {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(content);
  } catch {
    return new TextDecoder('gb18030').decode(content);
  }
}

const CSV_OPTIONS: CsvOptions = {
  // Every line is a record (blank ones too), so record n is spreadsheet row n.
  skip_empty_lines: false,
  // Rows may be shorter or longer than the header (trailing empty cells are often left out).
  relax_column_count: true,
  // A quote inside an unquoted field is text, as Excel reads it.
  relax_quotes: true,
  // CRLF, LF or CR, even mixed within one file.
  record_delimiter: ['\r\n', '\n', '\r'],
  bom: true,
};

/**
 * RFC 4180 CSV through csv-parse: comma-separated, fields in double quotes may hold
 * commas, line breaks and doubled quotes. A problem names the spreadsheet row it is in.
 */
export function parseCsv(text: string): string[][] {
  try {
    return parseCsvSync(text, CSV_OPTIONS) as string[][];
  } catch (error) {
    if (error instanceof CsvError && error.code === 'CSV_QUOTE_NOT_CLOSED') {
      // `records` complete records precede the one whose quote never closes.
      throw new Error(`a quoted field is not closed (row ${Number(error.records) + 1})`, { cause: error });
    }
    throw error;
  }
}

// ---------------------------------------------------------------------------
// Writing workbooks

const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDDEBF7' } };
const REQUIRED_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFCE4D6' } };

function addDataSheet(workbook: ExcelJS.Workbook, extraHeaders: Array<{ header: string; width: number }> = []) {
  const sheet = workbook.addWorksheet('成员单位', { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = [
    ...ORGANIZATION_COLUMNS.map((c) => ({
      header: c.header,
      key: c.key,
      width: c.width,
      style: c.text ? { numFmt: '@' } : {},
    })),
    ...extraHeaders.map((c) => ({ header: c.header, key: c.header, width: c.width })),
  ];
  const header = sheet.getRow(1);
  header.font = { bold: true };
  header.eachCell((cell, col) => {
    const column = ORGANIZATION_COLUMNS[col - 1];
    cell.fill = column && column.required !== 'no' ? REQUIRED_FILL : HEADER_FILL;
    if (column) cell.note = `${column.required === 'yes' ? '必填 · ' : ''}${column.hint}`;
  });
  return sheet;
}

function labelList<V extends string>(labels: Record<V, { 'zh-CN': string }>): string {
  return `"${Object.values<{ 'zh-CN': string }>(labels)
    .map((l) => l['zh-CN'])
    .join(',')}"`;
}

/** The import template (导入模板): the header row, drop-downs, and a sheet explaining every column and value. */
export async function buildImportTemplate(): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Chanjiao';
  const sheet = addDataSheet(workbook);
  const lists: Partial<Record<ColumnKey, string>> = {
    type: labelList(ORGANIZATION_TYPE_LABELS),
    size: labelList(ORGANIZATION_SIZE_LABELS),
    leadingEnterprise: `"${YES},${NO}"`,
    certifiedIntegrationEnterprise: `"${YES},${NO}"`,
    doubleHighSchool: `"${YES},${NO}"`,
  };
  ORGANIZATION_COLUMNS.forEach((column, index) => {
    const list = lists[column.key];
    if (!list) return;
    const letter = sheet.getColumn(index + 1).letter;
    // One validation for the range (exceljs expands a range per cell when reading: keep it modest).
    (
      sheet as unknown as { dataValidations: { add(range: string, validation: ExcelJS.DataValidation): void } }
    ).dataValidations.add(`${letter}2:${letter}${DROPDOWN_ROWS + 1}`, {
      type: 'list',
      allowBlank: true,
      formulae: [list],
      showErrorMessage: true,
      errorTitle: column.header,
      error: '请从下拉列表中选择 · choose a value from the list',
    });
  });

  const help = workbook.addWorksheet('填写说明');
  help.columns = [{ width: 22 }, { width: 28 }, { width: 34 }, { width: 60 }];
  const title = (text: string) => {
    help.addRow([]);
    help.addRow([text]).font = { bold: true, size: 12 };
  };
  help.addRow(['成员单位导入说明 · How to fill in the member organizations sheet']).font = { bold: true, size: 14 };
  help.addRow([
    '在“成员单位”表第 2 行起每行填写一个单位；第 1 行为表头，请勿修改。按统一社会信用代码（无代码时按单位名称）匹配已有单位：已有则更新，没有则新增（状态“申请中”）；留空的单元格不修改已有内容。 · One organization per row from row 2; row 1 is the header. Rows are matched by credit code (else by name): existing organizations are updated, others created (status applied); empty cells leave existing values unchanged.',
  ]);
  title('列 · Columns');
  help.addRow(['列名 Column', '是否必填 Required', '说明 Notes']).font = { bold: true };
  for (const column of ORGANIZATION_COLUMNS) {
    help.addRow([
      column.header,
      column.required === 'yes'
        ? '必填 required'
        : column.required === 'enterprise'
          ? '企业必填 enterprises'
          : '选填 optional',
      column.hint,
    ]);
  }
  title('单位类型 · Organization types');
  help.addRow(['中文 zh-CN', 'English', '代码 Code']).font = { bold: true };
  for (const [value, label] of Object.entries(ORGANIZATION_TYPE_LABELS) as Array<
    [OrganizationType, { 'zh-CN': string; en: string }]
  >) {
    help.addRow([label['zh-CN'], label.en, value]);
  }
  title('企业规模 · Sizes');
  help.addRow(['中文 zh-CN', 'English', '代码 Code']).font = { bold: true };
  for (const [value, label] of Object.entries(ORGANIZATION_SIZE_LABELS) as Array<
    [OrganizationSize, { 'zh-CN': string; en: string }]
  >) {
    help.addRow([label['zh-CN'], label.en, value]);
  }
  title('是 / 否 · Yes / no (龙头企业, 产教融合型企业, 双高学校)');
  help.addRow(['中文 zh-CN', 'English', '']).font = { bold: true };
  help.addRow([YES, 'Yes (also: Y, TRUE, 1)']);
  help.addRow([NO, 'No (also: N, FALSE, 0); empty = no for a new organization']);
  title('示例 · Example');
  help.addRow(ORGANIZATION_COLUMNS.map((c) => c.header)).font = { bold: true };
  help.addRow([
    '苏州汇川技术有限公司',
    'Suzhou Inovance Technology Co., Ltd.',
    ORGANIZATION_TYPE_LABELS[OrganizationType.Enterprise]['zh-CN'],
    '91350100M000100Y43',
    '吴中区',
    '苏州市吴中区越溪友翔路16号',
    'C3484',
    '机械化农业及园艺机具制造',
    ORGANIZATION_SIZE_LABELS[OrganizationSize.Large]['zh-CN'],
    YES,
    YES,
    NO,
    '张伟',
    '人力资源部经理',
    '0512-66668888',
    'hr@example.cn',
  ]);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** All given organizations, template columns plus 成员状态, with zh-CN labels (an export can be imported again). */
export async function buildExportWorkbook(organizations: Organization[]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Chanjiao';
  const sheet = addDataSheet(workbook, [{ header: MEMBERSHIP_STATUS_HEADER, width: 12 }]);
  const yesNo = (flag: boolean) => (flag ? YES : NO);
  for (const o of organizations) {
    const contact = o.contacts?.[0];
    sheet.addRow([
      o.name,
      o.nameEn ?? '',
      ORGANIZATION_TYPE_LABELS[o.type]?.['zh-CN'] ?? o.type,
      o.creditCode ?? '',
      o.district ?? '',
      o.address ?? '',
      o.industryCode ?? '',
      o.industryName ?? '',
      o.size ? (ORGANIZATION_SIZE_LABELS[o.size]?.['zh-CN'] ?? o.size) : '',
      yesNo(o.leadingEnterprise),
      yesNo(o.certifiedIntegrationEnterprise),
      yesNo(o.doubleHighSchool),
      contact?.name ?? '',
      contact?.title ?? '',
      contact?.phone ?? '',
      contact?.email ?? '',
      MEMBERSHIP_STATUS_LABELS[o.membershipStatus as MembershipStatus]?.['zh-CN'] ?? o.membershipStatus,
    ]);
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** `attachment` with an ASCII fallback and the UTF-8 name (RFC 6266 / 5987). */
