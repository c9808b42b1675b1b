import ExcelJS from 'exceljs';
import { formatChinaDateTime } from '@chanjiao/core';
import {
  ATTENDANCE_LABELS,
  bilingual,
  MEETING_KIND_LABELS,
  MEETING_STATUS_LABELS,
  OUTCOME_LABELS,
  RESOLUTION_KIND_LABELS,
  SEAT_ROLE_LABELS,
  TASK_STATUS_LABELS,
} from '../entities/council-enums';

/** Everything the minutes (会议纪要) print, in either format. */
export interface MinutesInput {
  consortiumName: string;
  meeting: {
    title: string;
    kind: string;
    scheduledAt: Date | string;
    place: string | null;
    agenda: string[];
    status: string;
  };
  /** The meeting's council: seats in office on its date. */
  seats: Array<{ id: string; personName: string; organizationName: string; role: string }>;
  attendance: Array<{ seatId: string; status: string; proxySeatId?: string | null }>;
  quorum: { present: number; represented: number; required: number; reached: boolean; seats: number };
  resolutions: Array<{
    title: string;
    text?: string;
    kind: string;
    outcome: string;
    final?: boolean;
    tally: { for: number; against: number; abstain: number };
    votesNeeded?: number | null;
    tasks: Array<{ title: string; assigneeName: string; dueOn: string; status: string }>;
  }>;
}

/** One row per seat: who, role, attendance and proxy holder (absent when not recorded). */
export function attendanceRows(input: MinutesInput): Array<[string, string, string, string]> {
  const name = (seatId?: string | null) => input.seats.find((s) => s.id === seatId)?.personName ?? '';
  return input.seats.map((seat) => {
    const entry = input.attendance.find((a) => a.seatId === seat.id);
    return [
      `${seat.personName}（${seat.organizationName}）`,
      bilingual(SEAT_ROLE_LABELS, seat.role),
      bilingual(ATTENDANCE_LABELS, entry?.status ?? 'absent'),
      name(entry?.proxySeatId),
    ];
  });
}

export function quorumLine(quorum: MinutesInput['quorum']): string {
  const count = quorum.present + quorum.represented;
  return `${count}/${quorum.seats}（需 ${quorum.required} required）${quorum.reached ? '达到 reached' : '未达到 not reached'}`;
}

/** The meeting minutes (会议纪要) as an xlsx workbook, labels in zh-CN and en. */
export async function buildMinutesWorkbook(input: MinutesInput): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Chanjiao';
  const sheet = workbook.addWorksheet('会议纪要 Minutes');
  sheet.columns = [{ width: 26 }, { width: 60 }, { width: 16 }, { width: 16 }];
  sheet.addRow([input.consortiumName]).font = { bold: true, size: 14 };
  sheet.addRow(['会议 Meeting', input.meeting.title]);
  sheet.addRow(['时间 Time', chinaTime(input.meeting.scheduledAt)]);
  sheet.addRow(['地点 Place', input.meeting.place ?? '']);
  sheet.addRow(['类型 Kind', bilingual(MEETING_KIND_LABELS, input.meeting.kind)]);
  sheet.addRow(['状态 Status', bilingual(MEETING_STATUS_LABELS, input.meeting.status)]);
  sheet.addRow(['议程 Agenda', input.meeting.agenda.map((item, i) => `${i + 1}. ${item}`).join('\n')]);
  sheet.addRow(['法定人数 Quorum', quorumLine(input.quorum)]);
  sheet.addRow([]);
  sheet.addRow(['出席情况 Attendance', '理事 Seat', '状态 Status', '受托人 Proxy holder']).font = { bold: true };
  for (const [person, , status, proxy] of attendanceRows(input)) sheet.addRow(['', person, status, proxy]);
  sheet.addRow([]);
  sheet.addRow(['决议 Resolutions', '标题 Title', '结果 Outcome', '赞成/反对/弃权 For/Against/Abstain']).font = {
    bold: true,
  };
  for (const resolution of input.resolutions) {
    sheet.addRow([
      bilingual(RESOLUTION_KIND_LABELS, resolution.kind),
      resolution.title,
      bilingual(OUTCOME_LABELS, resolution.outcome),
      `${resolution.tally.for}/${resolution.tally.against}/${resolution.tally.abstain}`,
    ]);
    for (const task of resolution.tasks) {
      sheet.addRow([
        '  督办事项 Follow-up',
        `${task.title} — ${task.assigneeName}`,
        task.dueOn,
        bilingual(TASK_STATUS_LABELS, task.status),
      ]);
    }
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** "2026-12-10 09:00（北京时间 UTC+8）": minutes are read in China, whatever the server's zone. */
export function chinaTime(at: Date | string): string {
  return `${formatChinaDateTime(new Date(at))}（北京时间 UTC+8）`;
}
