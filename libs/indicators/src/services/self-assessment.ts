import { readFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import PDFDocument from 'pdfkit';
import { POINT_STATUS_LABELS } from '../entities/indicator-enums';
import { ScoreNode, ScoreTree } from './scores.service';

/**
 * The self-assessment report (建设自评报告) of a period: the score tree in the Ministry's
 * tiered layout (一级指标 → 二级指标 → 三级指标 / 观测点, as deep as the framework goes), with
 * values, targets, completion, status, score and completeness per row, the overall score
 * and the veto check — as an xlsx workbook and as a printable A4 PDF, in zh-CN or en.
 */
export type Language = 'zh-CN' | 'en';

export interface SelfAssessmentInput {
  consortiumName: string;
  periodName: string;
  startsOn: string;
  endsOn: string;
  tree: ScoreTree;
  /** China-time date the report is generated on. */
  generatedOn: string;
}

const TEXT = {
  'zh-CN': {
    title: '建设自评报告',
    period: '填报周期',
    range: '周期',
    generated: '生成日期',
    computed: '汇总时间',
    overall: '综合得分',
    passed: '否定性指标',
    pass: '通过',
    fail: '未通过',
    failedPoints: '未通过的否定性指标',
    completeness: '填报完整度',
    timeliness: '按时填报率',
    tier: (depth: number) => ['一级指标', '二级指标', '三级指标', '观测点'][Math.min(depth, 3)],
    headers: ['层级', '编码', '指标 / 观测点', '单位', '权重', '目标值', '实际值', '完成度', '状态', '得分', '完整度'],
    yes: '是',
    no: '否',
    sheet: '自评报告',
    summary: '概况',
    noValue: '—',
    signature: '联合体秘书处（盖章）：                     负责人签字：                     日期：',
  },
  en: {
    title: 'Construction self-assessment report',
    period: 'Reporting period',
    range: 'Period',
    generated: 'Generated on',
    computed: 'Rolled up at',
    overall: 'Overall score',
    passed: 'Veto indicators',
    pass: 'passed',
    fail: 'failed',
    failedPoints: 'Failed veto points',
    completeness: 'Completeness',
    timeliness: 'Timeliness',
    tier: (depth: number) => ['Level 1', 'Level 2', 'Level 3', 'Point'][Math.min(depth, 3)],
    headers: [
      'Tier',
      'Code',
      'Indicator / point',
      'Unit',
      'Weight',
      'Target',
      'Actual',
      'Completion',
      'Status',
      'Score',
      'Complete',
    ],
    yes: 'yes',
    no: 'no',
    sheet: 'Self-assessment',
    summary: 'Summary',
    noValue: '—',
    signature: 'Consortium secretariat (seal):                     Signed:                     Date:',
  },
} as const;

interface Row {
  depth: number;
  node: ScoreNode;
}

function rowsOf(nodes: ScoreNode[], depth = 0): Row[] {
  return nodes.flatMap((node) => [{ depth, node }, ...rowsOf(node.children, depth + 1)]);
}

const percent = (share: number | null) => (share === null ? null : Math.round(share * 1000) / 10);
const round = (value: number | null, digits = 2) =>
  value === null ? null : Math.round(value * 10 ** digits) / 10 ** digits;

/** The cells of one row, as text (PDF) or typed values (xlsx). */
function cells(row: Row, lang: Language): Array<string | number | null> {
  const t = TEXT[lang];
  const { node } = row;
  const shown = (value: unknown): string | number | null => {
    if (value === null || value === undefined) return null;
    if (typeof value === 'boolean') return value ? t.yes : t.no;
    if (typeof value === 'number') return round(value);
    return String(value);
  };
  return [
    node.isPoint ? TEXT[lang].tier(3) : t.tier(row.depth),
    node.code,
    node.name[lang] || node.name['zh-CN'],
    node.unit ?? null,
    node.weight,
    shown(node.target),
    shown(node.value),
    node.completion === null || node.completion === undefined ? null : `${percent(node.completion)}%`,
    node.status ? POINT_STATUS_LABELS[node.status][lang] : null,
    round(node.score ?? null, 1),
    node.completeness === null ? null : `${percent(node.completeness)}%`,
  ];
}

function summaryLines(input: SelfAssessmentInput, lang: Language): Array<[string, string]> {
  const t = TEXT[lang];
  const { overall } = input.tree;
  return [
    [t.period, input.periodName],
    [t.range, `${input.startsOn} – ${input.endsOn}`],
    [t.computed, input.tree.computedAt],
    [t.generated, input.generatedOn],
    [t.overall, overall.score === null ? t.noValue : String(round(overall.score, 1))],
    [t.passed, overall.passed ? t.pass : t.fail],
    ...(overall.vetoFailed.length > 0 ? [[t.failedPoints, overall.vetoFailed.join(', ')] as [string, string]] : []),
    [t.completeness, overall.completeness === null ? t.noValue : `${percent(overall.completeness)}%`],
    [t.timeliness, overall.timeliness === null ? t.noValue : `${percent(overall.timeliness)}%`],
  ];
}

export async function buildSelfAssessmentWorkbook(input: SelfAssessmentInput, lang: Language): Promise<Buffer> {
  const t = TEXT[lang];
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Chanjiao';
  const sheet = workbook.addWorksheet(t.sheet, {
    views: [{ state: 'frozen', ySplit: 3 }],
    pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
  });
  const widths = [10, 10, 44, 8, 7, 10, 10, 10, 10, 8, 9];
  sheet.columns = widths.map((width) => ({ width }));
  sheet.mergeCells(1, 1, 1, widths.length);
  sheet.getCell(1, 1).value = `${input.consortiumName} ${t.title}（${input.periodName}）`;
  sheet.getCell(1, 1).font = { bold: true, size: 14 };
  sheet.getCell(1, 1).alignment = { horizontal: 'center' };
  sheet.mergeCells(2, 1, 2, widths.length);
  sheet.getCell(2, 1).value = summaryLines(input, lang)
    .map(([k, v]) => `${k}: ${v}`)
    .join('    ');
  const header = sheet.getRow(3);
  header.values = [...t.headers];
  header.font = { bold: true };
  header.eachCell((cell) => {
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE8EEF7' } };
    cell.border = { bottom: { style: 'thin' } };
  });
  for (const row of rowsOf(input.tree.nodes)) {
    const added = sheet.addRow(cells(row, lang));
    added.getCell(3).alignment = { indent: row.depth * 2 };
    if (!row.node.isPoint) added.font = { bold: true };
    if (row.node.vetoFailed) added.getCell(9).font = { color: { argb: 'FFB00020' }, bold: true };
  }
  const summary = workbook.addWorksheet(t.summary);
  summary.columns = [{ width: 24 }, { width: 50 }];
  summary.addRows(summaryLines(input, lang));
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** Noto Sans SC from the npm registry (as the council minutes): PDF's standard fonts have no Chinese glyphs. */
let fonts: { regular: Buffer; bold: Buffer } | undefined;
function loadFonts(): { regular: Buffer; bold: Buffer } {
  fonts ??= {
    regular: readFileSync(require.resolve('@expo-google-fonts/noto-sans-sc/400Regular/NotoSansSC_400Regular.ttf')),
    bold: readFileSync(require.resolve('@expo-google-fonts/noto-sans-sc/700Bold/NotoSansSC_700Bold.ttf')),
  };
  return fonts;
}

const MARGIN = 40;
/** Column widths of the A4 landscape table (points), summing to the printable width. */
const COLUMN_WIDTHS = [52, 44, 250, 40, 36, 54, 54, 54, 58, 40, 50];

export function buildSelfAssessmentPdf(input: SelfAssessmentInput, lang: Language): Promise<Buffer> {
  const t = TEXT[lang];
  const doc = new PDFDocument({
    size: 'A4',
    layout: 'landscape',
    margins: { top: MARGIN, bottom: MARGIN, left: MARGIN, right: MARGIN },
    bufferPages: true,
    lang,
    info: { Title: `${input.consortiumName} ${t.title}`, Author: input.consortiumName, Creator: 'Chanjiao' },
  });
  const done = new Promise<Buffer>((resolve, reject) => {
    const chunks: Buffer[] = [];
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  const { regular, bold } = loadFonts();
  doc.registerFont('regular', regular);
  doc.registerFont('bold', bold);

  doc.font('bold').fontSize(16).text(input.consortiumName, { align: 'center' });
  doc.fontSize(14).text(`${t.title}（${input.periodName}）`, { align: 'center' });
  doc.moveDown(0.6).font('regular').fontSize(9);
  for (const [key, value] of summaryLines(input, lang)) {
    doc.fillColor(key === t.passed && !input.tree.overall.passed ? '#b00020' : 'black').text(`${key}：${value}`);
  }
  doc.fillColor('black').moveDown(0.6);

  const left = MARGIN;
  const bottom = doc.page.height - MARGIN - 20;
  const drawRow = (
    values: Array<string | number | null>,
    options: { bold?: boolean; fill?: string; indent?: number },
  ) => {
    const texts = values.map((v) => (v === null ? t.noValue : String(v)));
    doc.font(options.bold ? 'bold' : 'regular').fontSize(8);
    const height =
      Math.max(
        ...texts.map((text, i) =>
          doc.heightOfString(text, { width: COLUMN_WIDTHS[i] - 6 - (i === 2 ? (options.indent ?? 0) : 0) }),
        ),
      ) + 6;
    if (doc.y + height > bottom) {
      doc.addPage();
      drawRow([...t.headers], { bold: true, fill: '#e8eef7' });
      doc.font(options.bold ? 'bold' : 'regular').fontSize(8);
    }
    const top = doc.y;
    let x = left;
    if (options.fill) {
      doc
        .rect(
          left,
          top,
          COLUMN_WIDTHS.reduce((a, b) => a + b, 0),
          height,
        )
        .fill(options.fill)
        .fillColor('black');
    }
    texts.forEach((text, i) => {
      const indent = i === 2 ? (options.indent ?? 0) : 0;
      doc.text(text, x + 3 + indent, top + 3, { width: COLUMN_WIDTHS[i] - 6 - indent, lineBreak: true });
      x += COLUMN_WIDTHS[i];
    });
    doc
      .moveTo(left, top + height)
      .lineTo(x, top + height)
      .lineWidth(0.3)
      .strokeColor('#999999')
      .stroke();
    doc.x = left;
    doc.y = top + height;
  };
  drawRow([...t.headers], { bold: true, fill: '#e8eef7' });
  for (const row of rowsOf(input.tree.nodes)) {
    drawRow(cells(row, lang), {
      bold: !row.node.isPoint,
      fill: row.depth === 0 && !row.node.isPoint ? '#f5f5f5' : undefined,
      indent: row.depth * 8,
    });
  }
  doc.moveDown(2).font('regular').fontSize(10).text(t.signature, left);

  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i += 1) {
    doc.switchToPage(i);
    doc
      .font('regular')
      .fontSize(8)
      .fillColor('#555555')
      .text(`${i + 1} / ${range.count}`, MARGIN, doc.page.height - MARGIN + 10, {
        width: doc.page.width - 2 * MARGIN,
        align: 'center',
        lineBreak: false,
      });
  }
  doc.end();
  return done;
}
