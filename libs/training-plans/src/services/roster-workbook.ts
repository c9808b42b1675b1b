import ExcelJS from 'exceljs';
import { inspectXlsxArchive } from '@chanjiao/core';
import { MAX_ROSTER_ROWS, ROSTER_COLUMNS, RosterColumnKey, RosterInput, RosterProblem } from '../domain/roster-rows';

/**
 * The roster spreadsheet (培训签到名册): the template and reading an uploaded xlsx into
 * rows. Columns are found by their zh-CN header; an ID number Excel keeps as a number
 * has lost digits already (Excel keeps 15), so such a cell is refused, never guessed.
 */
export async function rosterTemplate(): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('名册');
  sheet.columns = ROSTER_COLUMNS.map((column) => ({
    header: column.required ? `${column.header}*` : column.header,
    key: column.key,
    width: column.key === 'idNumber' ? 24 : 20,
    // Text, so Excel keeps all 18 characters of an ID number.
    style: { numFmt: '@' },
  }));
  sheet.getRow(1).font = { bold: true };
  const notes = workbook.addWorksheet('填写说明');
  notes.columns = [
    { header: '列', key: 'header', width: 14 },
    { header: '说明', key: 'hint', width: 60 },
  ];
  for (const column of ROSTER_COLUMNS) notes.addRow({ header: column.header, hint: column.hint });
  notes.addRow({ header: '', hint: `每个名册最多 ${MAX_ROSTER_ROWS} 行；上传后替换该场次原有名册。` });
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

export interface RosterRead {
  rows: Array<RosterInput & { row: number }>;
  problems: RosterProblem[];
}

const HEADERS = new Map<string, RosterColumnKey>(ROSTER_COLUMNS.map((c) => [c.header, c.key]));

function normalizeHeader(text: string): string {
  return text
    .replace(/\s+/g, '')
    .replace(/[*＊]$/, '')
    .replace(/（必填）$/, '');
}

function cellText(value: ExcelJS.CellValue | undefined): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return String(value);
  if (typeof value === 'boolean' || value instanceof Date) return String(value);
  if ('richText' in value) return value.richText.map((part) => part.text).join('');
  if ('formula' in value || 'sharedFormula' in value) return cellText(value.result as ExcelJS.CellValue);
  if ('text' in value) return cellText(value.text as ExcelJS.CellValue);
  return '';
}

const fileProblem = (reason: string, reasonZh: string): RosterRead => ({
  rows: [],
  problems: [{ row: 0, field: 'name', column: null, reason, reasonZh }],
});

export async function readRosterWorkbook(content: Buffer): Promise<RosterRead> {
  const archive = await inspectXlsxArchive(content);
  if (archive) return fileProblem(`the file is refused: ${archive.reason}`, `文件被拒绝：${archive.reasonZh}`);
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(content as unknown as ArrayBuffer);
  } catch {
    return fileProblem('the file cannot be read as xlsx', '无法按 xlsx 格式读取文件');
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) return fileProblem('the workbook has no sheet', '工作簿没有工作表');
  const columns = new Map<RosterColumnKey, number>();
  sheet.getRow(1).eachCell((cell, index) => {
    const key = HEADERS.get(normalizeHeader(cellText(cell.value)));
    if (key && !columns.has(key)) columns.set(key, index);
  });
  if (!columns.has('name')) {
    return {
      rows: [],
      problems: [
        {
          row: 1,
          field: 'name',
          column: '姓名',
          reason: 'the header row has no 姓名 column',
          reasonZh: '表头缺少“姓名”列',
        },
      ],
    };
  }
  const rows: RosterRead['rows'] = [];
  const problems: RosterProblem[] = [];
  let tooMany = false;
  sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    if (rowNumber === 1 || tooMany) return;
    const value = (key: RosterColumnKey) => {
      const index = columns.get(key);
      return index ? row.getCell(index).value : undefined;
    };
    const texts = ROSTER_COLUMNS.map((c) => cellText(value(c.key)).trim());
    if (texts.every((text) => text === '')) return;
    if (rows.length >= MAX_ROSTER_ROWS) {
      tooMany = true;
      problems.push({
        row: rowNumber,
        field: 'name',
        column: null,
        reason: `a roster has at most ${MAX_ROSTER_ROWS} rows`,
        reasonZh: `名册最多 ${MAX_ROSTER_ROWS} 行`,
      });
      return;
    }
    const idValue = value('idNumber');
    if (typeof idValue === 'number') {
      problems.push({
        row: rowNumber,
        field: 'idNumber',
        column: '身份证号',
        reason: 'idNumber is stored as a number (Excel drops digits): format the column as text and type it again',
        reasonZh: '身份证号以数字格式保存（Excel 会丢失位数），请将该列设为文本后重新录入',
      });
    }
    rows.push({
      row: rowNumber,
      name: cellText(value('name')).trim(),
      organizationName: cellText(value('organizationName')).trim() || null,
      idNumber: typeof idValue === 'number' ? null : cellText(idValue).trim() || null,
    });
  });
  return { rows, problems };
}
