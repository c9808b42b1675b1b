import ExcelJS from 'exceljs';
import { defineEnumLabels } from '@chanjiao/core';
import { GapRecommendation, UNCLASSIFIED } from '../domain/talent-gap';
import { NamedGapRow, TalentGapReport } from './talent-gap.service';

/**
 * The gap table as files (docs/matching.md, "Talent gap analysis"): the xlsx export with
 * zh-CN headers, and the secretariat's programme-adjustment advice (专业动态调整建议) as a
 * printable HTML page (A4 landscape), ordered by what needs doing first.
 */
export const GAP_RECOMMENDATION_LABELS = defineEnumLabels<GapRecommendation>('GapRecommendation', {
  expand: { 'zh-CN': '扩大招生规模', en: 'Expand' },
  shrink: { 'zh-CN': '调减招生规模', en: 'Shrink' },
  new_programme_needed: { 'zh-CN': '新增专业', en: 'New programme needed' },
  maintain: { 'zh-CN': '保持现有规模', en: 'Maintain' },
});

const UNCLASSIFIED_NAME = '未归类';

export interface GapFileContext {
  consortiumName: string;
  /** China date the file was made (统计截至). */
  asOf: string;
}

const recommendation = (r: NamedGapRow) =>
  r.key === UNCLASSIFIED ? '—' : GAP_RECOMMENDATION_LABELS[r.recommendation as GapRecommendation]['zh-CN'];
const keyCell = (r: NamedGapRow) => (r.key === UNCLASSIFIED ? null : r.key);
const nameCell = (r: NamedGapRow) => (r.key === UNCLASSIFIED ? UNCLASSIFIED_NAME : (r.name ?? r.key));

export const GAP_HEADERS = [
  '需求人数',
  '需求岗位数',
  '预计毕业生数',
  '开设专业点数',
  '缺口（需求−供给）',
  '供需比',
  '建议',
];

function thresholdsNote(report: TalentGapReport): string {
  const t = report.thresholds;
  return (
    `供需比 = 需求人数 ÷ 预计毕业生数；供需比高于 ${t.expandAbove} 建议扩大招生规模，低于 ${t.shrinkBelow} 建议调减；` +
    `有需求而无开设专业建议新增专业。每个岗位、每个专业点在每一行只计一次。`
  );
}

function addGapSheet(
  workbook: ExcelJS.Workbook,
  name: string,
  title: string,
  group: string,
  rows: readonly NamedGapRow[],
  report: TalentGapReport,
  file: GapFileContext,
): void {
  const sheet = workbook.addWorksheet(name, {
    pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
  });
  sheet.mergeCells('A1:I1');
  sheet.getCell('A1').value = title;
  sheet.getCell('A1').font = { bold: true, size: 14 };
  sheet.getCell('A1').alignment = { horizontal: 'center' };
  sheet.mergeCells('A2:I2');
  sheet.getCell('A2').value = `统计截至 ${file.asOf}（北京时间）；${thresholdsNote(report)}`;
  sheet.getCell('A2').alignment = { wrapText: true };
  sheet.getRow(2).height = 32;
  const header = sheet.getRow(3);
  header.values = [`${group}代码`, `${group}名称`, ...GAP_HEADERS];
  header.font = { bold: true };
  sheet.columns = [
    { width: 14 },
    { width: 32 },
    { width: 10 },
    { width: 11 },
    { width: 13 },
    { width: 13 },
    { width: 17 },
    { width: 9 },
    { width: 15 },
  ];
  for (const r of rows) {
    sheet.addRow([
      keyCell(r),
      nameCell(r),
      r.demand,
      r.postings,
      r.supply,
      r.offerings,
      r.gap,
      r.ratio,
      recommendation(r),
    ]);
  }
  sheet.getColumn(8).numFmt = '0.00';
  sheet.pageSetup.printTitlesRow = '3:3';
  sheet.views = [{ state: 'frozen', ySplit: 3 }];
}

/** The gap table as xlsx: one sheet per programme class, one per occupation, zh-CN headers. */
export async function gapWorkbook(report: TalentGapReport, file: GapFileContext): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Chanjiao';
  const title = `${file.consortiumName} ${report.year}年度人才供需缺口`;
  addGapSheet(workbook, '按专业类', `${title}（按专业类）`, '专业类', report.byClass, report, file);
  addGapSheet(workbook, '按职业', `${title}（按职业）`, '职业', report.byOccupation, report, file);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

const escapeHtml = (value: string) =>
  value.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string,
  );

/** What needs doing first: new programmes, then expansions, then reductions (each by the size of the gap). */
const URGENCY: Record<GapRecommendation, number> = { new_programme_needed: 0, expand: 1, shrink: 2, maintain: 3 };

export function adviceOrder(rows: readonly NamedGapRow[]): NamedGapRow[] {
  return rows
    .filter((r) => r.key !== UNCLASSIFIED && r.recommendation !== 'maintain')
    .sort(
      (a, b) =>
        URGENCY[a.recommendation as GapRecommendation] - URGENCY[b.recommendation as GapRecommendation] ||
        Math.abs(b.gap) - Math.abs(a.gap) ||
        a.key.localeCompare(b.key),
    );
}

function reason(r: NamedGapRow): string {
  switch (r.recommendation) {
    case 'new_programme_needed':
      return `需求 ${r.demand} 人，联合体内尚无开设该类专业`;
    case 'expand':
      return r.supply === 0
        ? `需求 ${r.demand} 人，当年无预计毕业生`
        : `需求 ${r.demand} 人，预计毕业生 ${r.supply} 人，供需比 ${r.ratio?.toFixed(2)}`;
    case 'shrink':
      return `需求 ${r.demand} 人，预计毕业生 ${r.supply} 人，供需比 ${r.ratio?.toFixed(2)}`;
    default:
      return '';
  }
}

/**
 * 专业动态调整建议: the programme classes to open, expand or shrink (then the occupations
 * behind them), with the figures that justify each, as a page meant for printing.
 */
export function adjustmentAdviceHtml(report: TalentGapReport, file: GapFileContext): string {
  const classes = adviceOrder(report.byClass);
  const occupations = adviceOrder(report.byOccupation);
  const unclassified = report.byClass.find((r) => r.key === UNCLASSIFIED);
  const table = (caption: string, group: string, rows: NamedGapRow[]) => `
  <table>
    <caption>${escapeHtml(caption)}</caption>
    <thead><tr><th>序号</th><th>${group}代码</th><th>${group}名称</th><th>调整建议</th><th>需求人数</th><th>预计毕业生数</th><th>缺口</th><th>供需比</th><th>依据</th></tr></thead>
    <tbody>
      ${
        rows.length === 0
          ? `<tr><td colspan="9" class="empty">无需调整</td></tr>`
          : rows
              .map(
                (r, i) =>
                  `<tr class="${r.recommendation}"><td class="n">${i + 1}</td><td>${escapeHtml(r.key)}</td><td>${escapeHtml(nameCell(r))}</td>` +
                  `<td>${escapeHtml(recommendation(r))}</td><td class="n">${r.demand}</td><td class="n">${r.supply}</td>` +
                  `<td class="n">${r.gap}</td><td class="n">${r.ratio === null ? '—' : r.ratio.toFixed(2)}</td><td>${escapeHtml(reason(r))}</td></tr>`,
              )
              .join('\n      ')
      }
    </tbody>
  </table>`;
  const title = `${file.consortiumName}${report.year}年度专业动态调整建议`;
  return `<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<title>${escapeHtml(title)}</title>
<style>
  @page { size: A4 landscape; margin: 15mm; }
  body { font-family: "Noto Sans SC", "Microsoft YaHei", "PingFang SC", sans-serif; font-size: 12px; color: #000; }
  h1 { font-size: 18px; text-align: center; margin: 0 0 4px; }
  p.meta { text-align: center; margin: 0 0 12px; }
  table { width: 100%; border-collapse: collapse; margin-bottom: 16px; }
  tr { page-break-inside: avoid; }
  caption { font-weight: bold; text-align: left; padding: 4px 0; }
  th, td { border: 1px solid #000; padding: 3px 5px; }
  th { background: #f0f0f0; }
  td.n { text-align: right; font-variant-numeric: tabular-nums; }
  td.empty { text-align: center; color: #555; }
  tr.new_programme_needed td:nth-child(4), tr.expand td:nth-child(4) { font-weight: bold; }
  p.note { font-size: 11px; }
  .signature { margin-top: 28px; display: flex; justify-content: space-between; }
</style>
</head>
<body>
  <h1>${escapeHtml(title)}</h1>
  <p class="meta">统计截至 ${escapeHtml(file.asOf)}（北京时间） · 需求：${report.year}年入职的已发布岗位 · 供给：${report.year}届预计毕业生</p>
  ${table('一、按专业类', '专业类', classes)}
  ${table('二、按职业（职业分类大典）', '职业', occupations)}
  <p class="note">注：${escapeHtml(thresholdsNote(report))}${
    unclassified && unclassified.demand > 0
      ? `另有 ${unclassified.demand} 人的需求（${unclassified.postings} 个岗位）未能归入专业类，未列入建议。`
      : ''
  }本建议由平台根据人才需求与专业开设数据生成，供理事会研究专业设置调整时参考。</p>
  <div class="signature"><span>联合体秘书处（盖章）：________________</span><span>日期：________________</span></div>
</body>
</html>
`;
}
