import { CsvError, parse as parseCsvSync } from 'csv-parse/sync';
import ExcelJS from 'exceljs';

/** An uploaded sheet as cell texts: the header row and the data rows with their spreadsheet row numbers (header = 1). */
export interface Grid {
  header: string[];
  records: Array<{ row: number; values: string[] }>;
}

export type SheetFormat = 'xlsx' | 'csv';

/** Reads the first worksheet of an xlsx file, or a CSV file (UTF-8 with or without BOM, else GB 18030). */
export async function readGrid(content: Buffer, format: SheetFormat): Promise<Grid> {
  return format === 'xlsx' ? xlsxGrid(content) : csvGrid(content);
}

async function xlsxGrid(content: Buffer): Promise<Grid> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(content as unknown as ArrayBuffer);
  const sheet = workbook.worksheets[0];
  if (!sheet) return { header: [], records: [] };
  const headerRow = sheet.getRow(1);
  const header: string[] = [];
  for (let c = 1; c <= headerRow.cellCount; c += 1) header.push(cellText(headerRow.getCell(c).value).trim());
  const records: Grid['records'] = [];
  sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    if (rowNumber === 1) return;
    records.push({ row: rowNumber, values: header.map((_, index) => cellText(row.getCell(index + 1).value)) });
  });
  return { header, records };
}

/** The text a person sees in a cell. */
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
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(content);
  } catch {
    text = new TextDecoder('gb18030').decode(content);
  }
  let records: string[][];
  try {
    records = parseCsvSync(text, {
      skip_empty_lines: false,
      relax_column_count: true,
      relax_quotes: true,
      record_delimiter: ['\r\n', '\n', '\r'],
      bom: true,
    }) as string[][];
  } catch (error) {
    if (error instanceof CsvError && error.code === 'CSV_QUOTE_NOT_CLOSED') {
      throw new Error(`a quoted field is not closed (row ${Number(error.records) + 1})`, { cause: error });
    }
    throw error;
  }
  const [header = [], ...data] = records;
  return {
    header: header.map((h) => h.trim()),
    records: data
      .map((values, index) => ({ row: index + 2, values }))
      .filter((r) => r.values.some((v) => v.trim() !== '')),
  };
}
