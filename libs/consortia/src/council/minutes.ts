import ExcelJS from 'exceljs';

const OUTCOME = { passed: '通过 Passed', failed: '未通过 Failed', no_quorum: '未达法定人数 No quorum' } as Record<
  string,
  string
>;
const ATTENDANCE = { present: '出席 Present', absent: '缺席 Absent', proxy: '委托 Proxy' } as Record<string, string>;

interface MinutesInput {
  consortiumName: string;
  meeting: {
    title: string;
    kind: string;
    scheduledAt: Date | string;
    place: string | null;
    agenda: string[];
    status: string;
  };
  seats: Array<{ id: string; personName: string; organizationName: string; role: string }>;
  attendance: Array<{ seatId: string; status: string; proxySeatId?: string | null }>;
  quorum: { present: number; represented: number; required: number; reached: boolean; seats: number };
  resolutions: Array<{
    title: string;
    kind: string;
    outcome: string;
    tally: { for: number; against: number; abstain: number };
    tasks: Array<{ title: string; assigneeName: string; dueOn: string; status: string }>;
  }>;
}

/** The meeting minutes (会议纪要) as an xlsx workbook, labels in zh-CN and en. */
export async function buildMinutesWorkbook(input: MinutesInput): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Chanjiao';
  const sheet = workbook.addWorksheet('会议纪要 Minutes');
  sheet.columns = [{ width: 26 }, { width: 60 }, { width: 16 }, { width: 16 }];
  const name = (seatId?: string | null) => input.seats.find((s) => s.id === seatId)?.personName ?? '';
  sheet.addRow([input.consortiumName]).font = { bold: true, size: 14 };
  sheet.addRow(['会议 Meeting', input.meeting.title]);
  sheet.addRow(['时间 Time', chinaTime(input.meeting.scheduledAt)]);
  sheet.addRow(['地点 Place', input.meeting.place ?? '']);
  sheet.addRow(['议程 Agenda', input.meeting.agenda.map((item, i) => `${i + 1}. ${item}`).join('\n')]);
  sheet.addRow([
    '法定人数 Quorum',
    `${input.quorum.present + input.quorum.represented}/${input.quorum.seats}（需 ${input.quorum.required}）${input.quorum.reached ? '达到 reached' : '未达到 not reached'}`,
  ]);
  sheet.addRow([]);
  sheet.addRow(['出席情况 Attendance', '理事 Seat', '状态 Status', '受托人 Proxy holder']).font = { bold: true };
  for (const seat of input.seats) {
    const entry = input.attendance.find((a) => a.seatId === seat.id);
    sheet.addRow([
      '',
      `${seat.personName}（${seat.organizationName}）`,
      ATTENDANCE[entry?.status ?? 'absent'],
      name(entry?.proxySeatId),
    ]);
  }
  sheet.addRow([]);
  sheet.addRow(['决议 Resolutions', '标题 Title', '结果 Outcome', '赞成/反对/弃权 For/Against/Abstain']).font = {
    bold: true,
  };
  for (const resolution of input.resolutions) {
    sheet.addRow([
      resolution.kind === 'special' ? '特别决议 Special' : '普通决议 Ordinary',
      resolution.title,
      OUTCOME[resolution.outcome] ?? resolution.outcome,
      `${resolution.tally.for}/${resolution.tally.against}/${resolution.tally.abstain}`,
    ]);
    for (const task of resolution.tasks) {
      sheet.addRow(['  督办事项 Follow-up', `${task.title} — ${task.assigneeName}`, task.dueOn, task.status]);
    }
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** "2026-12-10 09:00（北京时间 UTC+8）": minutes are read in China, whatever the server's zone. */
export function chinaTime(at: Date | string): string {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Asia/Shanghai',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(new Date(at));
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('year')}-${part('month')}-${part('day')} ${part('hour')}:${part('minute')}（北京时间 UTC+8）`;
}
