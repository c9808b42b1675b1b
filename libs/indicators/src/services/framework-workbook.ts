import ExcelJS from 'exceljs';
import { EnumLabel } from '@chanjiao/core';
import {
  CrossPointRule,
  DocumentProblem,
  flattenNodes,
  FrameworkDocument,
  FrameworkNode,
  PointDefinition,
} from '../domain/framework-document';
import {
  AGGREGATION_LABELS,
  DIRECTION_LABELS,
  MISSING_VALUE_LABELS,
  REPORTER_LABELS,
  RuleOperator,
  VALUE_TYPE_LABELS,
} from '../entities/indicator-enums';

/**
 * A framework as an xlsx workbook (指标体系), the way a provincial office edits one:
 * one row per node in tree order (a node names its parent), a sheet of cross-point
 * rules and a sheet with the framework's code and names. Enum cells take the code or
 * the zh-CN / en label; yes/no cells take 是/否.
 */
const NODE_SHEET = '指标体系 Framework';
const RULE_SHEET = '校验规则 Rules';
const ABOUT_SHEET = '说明 About';

type NodeColumn =
  | 'code'
  | 'parent'
  | 'name'
  | 'nameEn'
  | 'weight'
  | 'unit'
  | 'valueType'
  | 'direction'
  | 'aggregation'
  | 'weightBy'
  | 'numerator'
  | 'denominator'
  | 'reporter'
  | 'target'
  | 'veto'
  | 'evidenceRequired'
  | 'min'
  | 'max';

const NODE_COLUMNS: Array<{ key: NodeColumn; header: string; width: number }> = [
  { key: 'code', header: '编码', width: 10 },
  { key: 'parent', header: '上级编码', width: 10 },
  { key: 'name', header: '名称', width: 36 },
  { key: 'nameEn', header: '英文名称', width: 36 },
  { key: 'weight', header: '权重', width: 8 },
  { key: 'unit', header: '计量单位', width: 10 },
  { key: 'valueType', header: '值类型', width: 10 },
  { key: 'direction', header: '方向', width: 10 },
  { key: 'aggregation', header: '汇总方式', width: 12 },
  { key: 'weightBy', header: '加权依据', width: 10 },
  { key: 'numerator', header: '分子', width: 10 },
  { key: 'denominator', header: '分母', width: 10 },
  { key: 'reporter', header: '填报主体', width: 22 },
  { key: 'target', header: '目标值', width: 10 },
  { key: 'veto', header: '否定性', width: 8 },
  { key: 'evidenceRequired', header: '需佐证', width: 8 },
  { key: 'min', header: '下限', width: 8 },
  { key: 'max', header: '上限', width: 8 },
];
const RULE_COLUMNS = ['编码', '左', '运算符', '右', '缺值处理', '提示', '英文提示'];
const YES = '是';
const NO = '否';

/** The zh-CN column header of a document field (`point.aggregation` → 汇总方式). */
const FIELD_COLUMN: Record<string, string> = {
  code: '编码',
  'name.zh-CN': '名称',
  'name.en': '英文名称',
  weight: '权重',
  ...Object.fromEntries(
    NODE_COLUMNS.filter((c) => !['code', 'parent', 'name', 'nameEn', 'weight'].includes(c.key)).map((c) => [
      `point.${c.key}`,
      c.header,
    ]),
  ),
};

export interface WorkbookProblem extends DocumentProblem {
  row?: number;
  sheet?: string;
}

const labelOf = (labels: Record<string, EnumLabel>, value: string) => labels[value]?.['zh-CN'] ?? value;

function enumValue(labels: Record<string, EnumLabel>, cell: string): string | undefined {
  for (const [value, label] of Object.entries(labels)) {
    if (cell === value || cell === label['zh-CN'] || cell.toLowerCase() === label.en.toLowerCase()) return value;
  }
  return undefined;
}

export function cellText(cell: ExcelJS.Cell): string {
  const value = cell.value as unknown;
  if (value === null || value === undefined) return '';
  if (typeof value === 'object' && value !== null && 'richText' in value) {
    return (value as { richText: Array<{ text: string }> }).richText
      .map((part) => part.text)
      .join('')
      .trim();
  }
  if (typeof value === 'object' && value !== null && 'result' in value) {
    return String((value as { result: unknown }).result ?? '').trim();
  }
  return String(value as string | number | boolean).trim();
}

function yesNo(value: boolean | undefined): string {
  return value ? YES : NO;
}

/** The document as a workbook. */
export async function frameworkToWorkbook(document: FrameworkDocument): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Chanjiao';
  const sheet = workbook.addWorksheet(NODE_SHEET, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = NODE_COLUMNS.map(({ header, width }) => ({ header, width }));
  sheet.getRow(1).font = { bold: true };
  for (const { node, parentCode } of flattenNodes(document)) {
    const point = node.point;
    const row: Record<NodeColumn, string | number> = {
      code: node.code,
      parent: parentCode ?? '',
      name: node.name['zh-CN'],
      nameEn: node.name.en,
      weight: node.weight ?? 1,
      unit: point?.unit ?? '',
      valueType: point ? labelOf(VALUE_TYPE_LABELS, point.valueType) : '',
      direction: point ? labelOf(DIRECTION_LABELS, point.direction) : '',
      aggregation: point ? labelOf(AGGREGATION_LABELS, point.aggregation) : '',
      weightBy: point?.weightBy ?? '',
      numerator: point?.numerator ?? '',
      denominator: point?.denominator ?? '',
      reporter: point ? labelOf(REPORTER_LABELS, point.reporter) : '',
      target:
        point?.target === undefined || point.target === null
          ? ''
          : typeof point.target === 'boolean'
            ? yesNo(point.target)
            : point.target,
      veto: point ? yesNo(point.veto) : '',
      evidenceRequired: point ? yesNo(point.evidenceRequired) : '',
      min: point?.min ?? '',
      max: point?.max ?? '',
    };
    sheet.addRow(NODE_COLUMNS.map((c) => row[c.key]));
  }
  const rules = workbook.addWorksheet(RULE_SHEET);
  rules.columns = RULE_COLUMNS.map((header) => ({ header, width: 16 }));
  rules.getRow(1).font = { bold: true };
  for (const rule of document.rules ?? []) {
    rules.addRow([
      rule.code,
      rule.left,
      rule.operator,
      rule.right,
      labelOf(MISSING_VALUE_LABELS, rule.missing),
      rule.message?.['zh-CN'] ?? '',
      rule.message?.en ?? '',
    ]);
  }
  const about = workbook.addWorksheet(ABOUT_SHEET);
  about.columns = [{ width: 14 }, { width: 80 }];
  about.addRows([
    ['编码', document.code],
    ['名称', document.name['zh-CN']],
    ['英文名称', document.name.en],
    ['说明', document.description ?? ''],
  ]);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/**
 * Reads a workbook into a framework document. Problems of the workbook itself (a
 * missing sheet, a parent named before it exists, an unreadable value) come back by
 * sheet, row and column; the document is then checked like any other, and its
 * problems are mapped back to rows by `problemRows`.
 */
export async function workbookToFramework(
  content: Buffer,
): Promise<{ document?: FrameworkDocument; problems: WorkbookProblem[]; rowOf: Map<string, number> }> {
  const workbook = new ExcelJS.Workbook();
  const problems: WorkbookProblem[] = [];
  const rowOf = new Map<string, number>();
  try {
    await workbook.xlsx.load(content as never);
  } catch (error) {
    return { problems: [{ field: '', problem: `not a readable xlsx workbook (${(error as Error).message})` }], rowOf };
  }
  const sheet = workbook.getWorksheet(NODE_SHEET) ?? workbook.worksheets[0];
  if (!sheet) return { problems: [{ field: '', problem: `the workbook has no sheet ${NODE_SHEET}` }], rowOf };
  const headers = new Map<string, number>();
  sheet.getRow(1).eachCell((cell, column) => headers.set(cellText(cell), column));
  for (const { header } of NODE_COLUMNS.slice(0, 4)) {
    if (!headers.has(header))
      problems.push({ field: header, problem: `the column ${header} is missing`, row: 1, sheet: sheet.name });
  }
  if (problems.length > 0) return { problems, rowOf };

  const byCode = new Map<string, FrameworkNode>();
  const roots: FrameworkNode[] = [];
  const fail = (row: number, column: string, problem: string) =>
    problems.push({ field: column, problem, row, sheet: sheet.name });
  for (let rowNumber = 2; rowNumber <= sheet.rowCount; rowNumber += 1) {
    const row = sheet.getRow(rowNumber);
    const text = (key: NodeColumn) => {
      const column = headers.get(NODE_COLUMNS.find((c) => c.key === key)!.header);
      return column ? cellText(row.getCell(column)) : '';
    };
    if (NODE_COLUMNS.every(({ key }) => text(key) === '')) continue;
    const code = text('code');
    const node: FrameworkNode = { code, name: { 'zh-CN': text('name'), en: text('nameEn') } };
    if (text('weight') !== '') node.weight = Number(text('weight'));
    if (text('valueType') !== '') {
      const point = readPoint(text, (column, problem) => fail(rowNumber, column, problem));
      if (point) node.point = point;
    }
    rowOf.set(code, rowNumber);
    const parentCode = text('parent');
    if (parentCode === '') {
      roots.push(node);
    } else {
      const parent = byCode.get(parentCode);
      if (!parent) {
        fail(rowNumber, '上级编码', `parent ${parentCode} is not listed above this row`);
        continue;
      }
      (parent.children ??= []).push(node);
    }
    if (code !== '' && !byCode.has(code)) byCode.set(code, node);
  }
  const rules = readRules(workbook.getWorksheet(RULE_SHEET), problems);
  const about = new Map<string, string>();
  workbook.getWorksheet(ABOUT_SHEET)?.eachRow((row) => about.set(cellText(row.getCell(1)), cellText(row.getCell(2))));
  const document: FrameworkDocument = {
    code: about.get('编码') ?? '',
    name: { 'zh-CN': about.get('名称') ?? '', en: about.get('英文名称') ?? '' },
    ...(about.get('说明') ? { description: about.get('说明') } : {}),
    nodes: roots,
    ...(rules.length > 0 ? { rules } : {}),
  };
  return { document, problems, rowOf };
}

function readPoint(
  text: (key: NodeColumn) => string,
  fail: (column: string, problem: string) => void,
): PointDefinition | undefined {
  const enumCell = (key: NodeColumn, header: string, labels: Record<string, EnumLabel>) => {
    const value = enumValue(labels, text(key));
    if (value === undefined)
      fail(
        header,
        `'${text(key)}' is not one of: ${Object.values(labels)
          .map((l) => l['zh-CN'])
          .join('、')}`,
      );
    return value;
  };
  const numberCell = (key: NodeColumn, header: string): number | undefined => {
    if (text(key) === '') return undefined;
    const value = Number(text(key));
    if (!Number.isFinite(value)) fail(header, `'${text(key)}' is not a number`);
    return value;
  };
  const flag = (key: NodeColumn, header: string): boolean => {
    const value = text(key);
    if (value === '' || value === NO || /^(no|false|n)$/i.test(value)) return false;
    if (value === YES || /^(yes|true|y)$/i.test(value)) return true;
    fail(header, `'${value}' must be ${YES} or ${NO}`);
    return false;
  };
  const valueType = enumCell('valueType', '值类型', VALUE_TYPE_LABELS);
  const direction = enumCell('direction', '方向', DIRECTION_LABELS);
  const aggregation = enumCell('aggregation', '汇总方式', AGGREGATION_LABELS);
  const reporterCell = text('reporter');
  const reporter = enumValue(REPORTER_LABELS, reporterCell) ?? reporterCell;
  if (!valueType || !direction || !aggregation) return undefined;
  const targetCell = text('target');
  const target =
    targetCell === ''
      ? undefined
      : targetCell === YES || targetCell === NO
        ? targetCell === YES
        : numberCell('target', '目标值');
  const point: PointDefinition = {
    unit: text('unit'),
    valueType: valueType as PointDefinition['valueType'],
    direction: direction as PointDefinition['direction'],
    aggregation: aggregation as PointDefinition['aggregation'],
    reporter,
    veto: flag('veto', '否定性'),
    evidenceRequired: flag('evidenceRequired', '需佐证'),
  };
  for (const key of ['weightBy', 'numerator', 'denominator'] as const) if (text(key) !== '') point[key] = text(key);
  if (target !== undefined) point.target = target;
  const min = numberCell('min', '下限');
  const max = numberCell('max', '上限');
  if (min !== undefined) point.min = min;
  if (max !== undefined) point.max = max;
  return point;
}

function readRules(sheet: ExcelJS.Worksheet | undefined, problems: WorkbookProblem[]): CrossPointRule[] {
  if (!sheet) return [];
  const rules: CrossPointRule[] = [];
  for (let rowNumber = 2; rowNumber <= sheet.rowCount; rowNumber += 1) {
    const cells = RULE_COLUMNS.map((_, index) => cellText(sheet.getRow(rowNumber).getCell(index + 1)));
    if (cells.every((cell) => cell === '')) continue;
    const [code, left, operator, right, missingCell, messageZh, messageEn] = cells;
    const missing = enumValue(MISSING_VALUE_LABELS, missingCell);
    if (!missing) {
      problems.push({
        field: '缺值处理',
        problem: `'${missingCell}' is not a missing-value rule`,
        row: rowNumber,
        sheet: sheet.name,
      });
      continue;
    }
    rules.push({
      code,
      left,
      operator: operator as RuleOperator,
      right,
      missing: missing as CrossPointRule['missing'],
      ...(messageZh || messageEn ? { message: { 'zh-CN': messageZh, en: messageEn } } : {}),
    });
  }
  return rules;
}

/** Document problems named by the workbook row and column they come from. */
export function problemRows(
  document: FrameworkDocument,
  problems: DocumentProblem[],
  rowOf: ReadonlyMap<string, number>,
): WorkbookProblem[] {
  const paths = flattenNodes(document)
    .map(({ node, path }) => ({ path, row: rowOf.get(node.code) }))
    .sort((a, b) => b.path.length - a.path.length);
  return problems.map((problem) => {
    const owner = paths.find(({ path }) => problem.field === path || problem.field.startsWith(`${path}.`));
    if (!owner?.row) return { ...problem, sheet: problem.field.startsWith('rules') ? RULE_SHEET : ABOUT_SHEET };
    const rest = problem.field.slice(owner.path.length + 1);
    return {
      field: FIELD_COLUMN[rest] ?? (rest || '编码'),
      problem: problem.problem,
      row: owner.row,
      sheet: NODE_SHEET,
    };
  });
}
