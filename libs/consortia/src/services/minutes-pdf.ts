import { readFileSync } from 'node:fs';
import PDFDocument from 'pdfkit';
import {
  bilingual,
  MEETING_KIND_LABELS,
  MEETING_STATUS_LABELS,
  OUTCOME_LABELS,
  RESOLUTION_KIND_LABELS,
  TASK_STATUS_LABELS,
} from '../entities/council-enums';
import { attendanceRows, chinaTime, MinutesInput, quorumLine } from './minutes-workbook';

/**
 * Noto Sans SC (SIL Open Font License) from the npm registry: PDF's standard fonts have no
 * Chinese glyphs. pdfkit embeds only the glyphs a document uses, so a PDF stays small.
 */
const FONT_FILES = {
  regular: require.resolve('@expo-google-fonts/noto-sans-sc/400Regular/NotoSansSC_400Regular.ttf'),
  bold: require.resolve('@expo-google-fonts/noto-sans-sc/700Bold/NotoSansSC_700Bold.ttf'),
};

/** Read once (≈ 10 MB each) on the first PDF, not per document. */
let fonts: { regular: Buffer; bold: Buffer } | undefined;
function loadFonts(): { regular: Buffer; bold: Buffer } {
  fonts ??= { regular: readFileSync(FONT_FILES.regular), bold: readFileSync(FONT_FILES.bold) };
  return fonts;
}

const MARGIN = 56;
const GREY = '#555555';

/** The meeting minutes (会议纪要) as a printable A4 PDF with signature lines, labels in zh-CN and en. */
export function buildMinutesPdf(input: MinutesInput, generatedAt = new Date()): Promise<Buffer> {
  const doc = new PDFDocument({
    size: 'A4',
    margins: { top: MARGIN, bottom: MARGIN + 14, left: MARGIN, right: MARGIN },
    bufferPages: true,
    lang: 'zh-CN',
    info: { Title: `${input.meeting.title} 会议纪要`, Author: input.consortiumName, Creator: 'Chanjiao' },
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

  const heading = (text: string) =>
    doc.moveDown(0.8).font('bold').fontSize(12).fillColor('black').text(text).moveDown(0.3);
  const body = () => doc.font('regular').fontSize(10).fillColor('black');

  doc.font('bold').fontSize(16).text(input.consortiumName, { align: 'center' });
  doc.fontSize(14).text(`${input.meeting.title}  会议纪要 Minutes`, { align: 'center' });
  if (input.meeting.status !== 'minutes_approved') {
    doc.moveDown(0.2).font('regular').fontSize(10).fillColor('#b00020');
    doc.text('草稿：纪要尚未审定 Draft: the minutes are not approved yet', { align: 'center' });
  }
  doc.moveDown(0.8);
  body();
  grid(
    doc,
    [110, 0],
    [
      ['时间 Time', chinaTime(input.meeting.scheduledAt)],
      ['地点 Place', input.meeting.place ?? '—'],
      ['类型 Kind', bilingual(MEETING_KIND_LABELS, input.meeting.kind)],
      ['状态 Status', bilingual(MEETING_STATUS_LABELS, input.meeting.status)],
      ['法定人数 Quorum', quorumLine(input.quorum)],
    ],
  );

  heading('议程 Agenda');
  body();
  if (input.meeting.agenda.length === 0) doc.text('—');
  input.meeting.agenda.forEach((item, index) => doc.text(`${index + 1}. ${item}`));

  heading('出席情况 Attendance');
  body();
  grid(doc, [0, 100, 75, 80], [['理事 Seat', '职务 Role', '状态 Status', '受托人 Proxy'], ...attendanceRows(input)], {
    header: true,
  });

  heading('决议 Resolutions');
  if (input.resolutions.length === 0) body().text('—');
  input.resolutions.forEach((resolution, index) => {
    doc.moveDown(0.4).font('bold').fontSize(11).fillColor('black');
    doc.text(`${index + 1}. ${resolution.title}（${bilingual(RESOLUTION_KIND_LABELS, resolution.kind)}）`);
    body();
    if (resolution.text) doc.text(resolution.text);
    const needed = resolution.votesNeeded == null ? '' : `；通过需赞成 ${resolution.votesNeeded} needed`;
    doc.text(
      `表决 Votes: 赞成 For ${resolution.tally.for}，反对 Against ${resolution.tally.against}，弃权 Abstain ${resolution.tally.abstain}${needed}`,
    );
    doc.font('bold').text(`结果 Outcome: ${bilingual(OUTCOME_LABELS, resolution.outcome)}`);
    body();
    for (const task of resolution.tasks) {
      doc
        .fillColor(GREY)
        .text(
          `督办 Follow-up: ${task.title} — ${task.assigneeName}，${task.dueOn} 前 due，${bilingual(TASK_STATUS_LABELS, task.status)}`,
          { indent: 12 },
        );
    }
  });

  doc.moveDown(2);
  body();
  const y = doc.y;
  doc.text('主持人 Chair：________________', MARGIN, y);
  doc.text('记录人 Recorder：________________', 300, y);
  doc.x = MARGIN;

  // Footer on every page: page numbers and when the file was made.
  const range = doc.bufferedPageRange();
  for (let page = range.start; page < range.start + range.count; page += 1) {
    doc.switchToPage(page);
    // Text inside the bottom margin would otherwise make pdfkit start a new page.
    const bottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    doc
      .font('regular')
      .fontSize(8)
      .fillColor(GREY)
      .text(
        `第 ${page + 1} / ${range.count} 页 Page ${page + 1} of ${range.count} · 生成于 Generated ${chinaTime(generatedAt)}`,
        MARGIN,
        doc.page.height - MARGIN,
        { align: 'center', width: doc.page.width - 2 * MARGIN, lineBreak: false },
      );
    doc.page.margins.bottom = bottom;
  }
  doc.end();
  return done;
}

/**
 * A ruled table at the left margin: `widths` in points, one 0 taking the rest of the line.
 * Rows move to a new page whole (repeating the header row) when they do not fit.
 * (pdfkit's own doc.table measures each cell many times: seconds for a 30-row table.)
 */
function grid(doc: PDFKit.PDFDocument, widths: number[], rows: string[][], options: { header?: boolean } = {}): void {
  const pad = 4;
  const usable = doc.page.width - 2 * MARGIN;
  const fixed = widths.reduce((sum, width) => sum + width, 0);
  const columns = widths.map((width) => (width === 0 ? usable - fixed : width));
  const drawRow = (cells: string[], bold: boolean) => {
    doc
      .font(bold ? 'bold' : 'regular')
      .fontSize(10)
      .fillColor('black');
    const height =
      Math.max(...cells.map((cell, i) => doc.heightOfString(cell || ' ', { width: columns[i] - 2 * pad }))) + 2 * pad;
    if (doc.y + height > doc.page.height - doc.page.margins.bottom) {
      doc.addPage();
      if (options.header && !bold) {
        drawRow(rows[0], true);
        doc.font('regular').fontSize(10);
      }
    }
    const top = doc.y;
    let x = MARGIN;
    cells.forEach((cell, i) => {
      doc.rect(x, top, columns[i], height).lineWidth(0.5).strokeColor('#999999').stroke();
      doc.text(cell, x + pad, top + pad, { width: columns[i] - 2 * pad });
      x += columns[i];
    });
    doc.x = MARGIN;
    doc.y = top + height;
  };
  rows.forEach((cells, index) => drawRow(cells, options.header === true && index === 0));
}
