import ExcelJS from 'exceljs';
import { FUNDING_SOURCE_LABELS, FundingSource } from '../entities/training-enums';
import { TrainingPlanItem } from '../entities/training-plan-item.entity';
import { ProgressFigures } from '../domain/progress';
import { LabelledProgress, typeLabel } from './training-progress.service';

/**
 * The plan and its progress as xlsx (zh-CN headers) and the annual training report
 * (年度培训情况) as a printable HTML table. No roster is ever exported: persons appear
 * only as the distinct count.
 */
const FIGURE_COLUMNS: Array<{ header: string; key: keyof ProgressFigures; width: number; percent?: boolean }> = [
  { header: '计划场次', key: 'plannedSessions', width: 10 },
  { header: '实施场次', key: 'sessions', width: 10 },
  { header: '计划人次', key: 'plannedParticipantTimes', width: 10 },
  { header: '完成人次', key: 'participantTimes', width: 10 },
  { header: '人次完成率', key: 'participantTimesRate', width: 11, percent: true },
  { header: '计划学时', key: 'plannedHours', width: 10 },
  { header: '完成学时', key: 'hours', width: 10 },
  { header: '学时完成率', key: 'hoursRate', width: 11, percent: true },
  { header: '预算（元）', key: 'budget', width: 14 },
  { header: '到账经费（元）', key: 'fundsReceived', width: 14 },
  { header: '经费到账率', key: 'fundsRate', width: 11, percent: true },
  { header: '培训人数（去重）', key: 'distinctPersons', width: 14 },
];

function figureCells(figures: ProgressFigures): Array<string | number | null> {
  return FIGURE_COLUMNS.map((column) => {
    const value = figures[column.key];
    if (value === null) return null;
    return typeof value === 'string' ? Number(value) : value;
  });
}

function sheetOf(
  workbook: ExcelJS.Workbook,
  name: string,
  leading: Array<{ header: string; width: number }>,
  rows: Array<{ lead: Array<string | number>; figures: ProgressFigures }>,
): void {
  const sheet = workbook.addWorksheet(name);
  sheet.columns = [...leading, ...FIGURE_COLUMNS].map((c) => ({ header: c.header, width: c.width }));
  sheet.getRow(1).font = { bold: true };
  for (const row of rows) sheet.addRow([...row.lead, ...figureCells(row.figures)]);
  FIGURE_COLUMNS.forEach((column, index) => {
    if (column.percent) sheet.getColumn(leading.length + index + 1).numFmt = '0.0%';
  });
}

export async function progressWorkbook(progress: LabelledProgress): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const name = (id: string) => progress.organizationNames.get(id) ?? id;
  sheetOf(
    workbook,
    '总计',
    [
      { header: '年度', width: 8 },
      { header: '版本', width: 8 },
      { header: '统计日', width: 12 },
    ],
    [{ lead: [progress.plan.year, progress.version.version, progress.asOf], figures: progress.total }],
  );
  sheetOf(
    workbook,
    '按项目',
    [
      { header: '培训项目', width: 30 },
      { header: '培训类型', width: 12 },
      { header: '承训单位', width: 28 },
      { header: '是否在本版本', width: 12 },
    ],
    progress.byItem.map((row) => ({
      lead: [row.title, typeLabel(row.type), name(row.providerOrganizationId), row.inPlan ? '是' : '否'],
      figures: row,
    })),
  );
  sheetOf(
    workbook,
    '按类型',
    [{ header: '培训类型', width: 14 }],
    progress.byType.map((row) => ({ lead: [typeLabel(row.key)], figures: row })),
  );
  sheetOf(
    workbook,
    '按承训单位',
    [{ header: '承训单位', width: 30 }],
    progress.byProvider.map((row) => ({ lead: [name(row.key)], figures: row })),
  );
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

export async function planWorkbook(
  year: number,
  version: number,
  items: TrainingPlanItem[],
  organizationNames: Map<string, string>,
): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet(`${year}年度培训规划`);
  sheet.columns = [
    { header: '序号', width: 6 },
    { header: '培训项目', width: 30 },
    { header: '培训类型', width: 12 },
    { header: '承训单位', width: 28 },
    { header: '培训对象', width: 36 },
    { header: '计划场次', width: 10 },
    { header: '计划人次', width: 10 },
    { header: '计划学时', width: 10 },
    { header: '预算（元）', width: 14 },
    { header: '经费来源', width: 12 },
    { header: '实训基地', width: 38 },
    { header: '版本', width: 6 },
  ];
  sheet.getRow(1).font = { bold: true };
  const name = (id: string) => organizationNames.get(id) ?? id;
  items.forEach((item, index) => {
    const targets = item.openToPublic ? '面向社会' : item.targetOrganizationIds.map(name).join('、');
    sheet.addRow([
      index + 1,
      item.title,
      typeLabel(item.type),
      name(item.providerOrganizationId),
      targets,
      item.plannedSessions,
      item.plannedParticipantTimes,
      Number(item.plannedHours),
      Number(item.budget),
      FUNDING_SOURCE_LABELS[item.fundingSource as FundingSource]?.['zh-CN'] ?? item.fundingSource,
      item.trainingBaseId ?? '',
      version,
    ]);
  });
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

const escapeHtml = (value: string) =>
  value.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string,
  );

function percent(rate: number | null): string {
  return rate === null ? '—' : `${(rate * 100).toFixed(1)}%`;
}

function figureTds(f: ProgressFigures): string {
  return [
    f.plannedSessions,
    f.sessions,
    f.plannedParticipantTimes,
    f.participantTimes,
    percent(f.participantTimesRate),
    f.plannedHours,
    f.hours,
    f.budget,
    f.fundsReceived,
    percent(f.fundsRate),
    f.distinctPersons,
  ]
    .map((v) => `<td class="n">${escapeHtml(String(v))}</td>`)
    .join('');
}

const FIGURE_HEADERS = [
  '计划场次',
  '实施场次',
  '计划人次',
  '完成人次',
  '完成率',
  '计划学时',
  '完成学时',
  '预算（元）',
  '到账经费（元）',
  '到账率',
  '培训人数（去重）',
];

/** 年度培训情况: by type and by provider, with the total, as a page meant for printing (A4 landscape). */
export function annualReportHtml(progress: LabelledProgress, consortiumName: string): string {
  const name = (id: string) => progress.organizationNames.get(id) ?? id;
  const head = (first: string) => `<tr><th>${first}</th>${FIGURE_HEADERS.map((h) => `<th>${h}</th>`).join('')}</tr>`;
  const table = (caption: string, first: string, rows: Array<[string, ProgressFigures]>) => `
  <table>
    <caption>${escapeHtml(caption)}</caption>
    <thead>${head(first)}</thead>
    <tbody>
      ${rows.map(([label, f]) => `<tr><td>${escapeHtml(label)}</td>${figureTds(f)}</tr>`).join('\n      ')}
      <tr class="total"><td>合计</td>${figureTds(progress.total)}</tr>
    </tbody>
  </table>`;
  return `<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<title>${escapeHtml(`${consortiumName}${progress.plan.year}年度培训情况`)}</title>
<style>
  @page { size: A4 landscape; margin: 15mm; }
  body { font-family: "Noto Sans SC", "Microsoft YaHei", "PingFang SC", sans-serif; font-size: 12px; color: #000; }
  h1 { font-size: 18px; text-align: center; margin: 0 0 4px; }
  p.meta { text-align: center; margin: 0 0 12px; }
  table { width: 100%; border-collapse: collapse; margin-bottom: 16px; page-break-inside: avoid; }
  caption { font-weight: bold; text-align: left; padding: 4px 0; }
  th, td { border: 1px solid #000; padding: 3px 5px; }
  th { background: #f0f0f0; }
  td.n { text-align: right; font-variant-numeric: tabular-nums; }
  tr.total td { font-weight: bold; }
  p.note { font-size: 11px; }
</style>
</head>
<body>
  <h1>${escapeHtml(consortiumName)}${progress.plan.year}年度培训情况</h1>
  <p class="meta">${escapeHtml(progress.plan.title)}（第${progress.version.version}版） · 统计截至 ${progress.asOf}</p>
  ${table(
    '一、按培训类型',
    '培训类型',
    progress.byType.map((r) => [typeLabel(r.key), r]),
  )}
  ${table(
    '二、按承训单位',
    '承训单位',
    progress.byProvider.map((r) => [name(r.key), r]),
  )}
  <p class="note">注：人次为各场次参训人数之和；培训人数按身份证号（加密摘要）去重，未登记身份证号的 ${progress.total.entriesWithoutId} 条名册记录不计入；学时为各场次时长之和；完成率 = 完成数 ÷ 计划数。</p>
</body>
</html>
`;
}
