import { defineEnumLabels, EnumLabel } from '@chanjiao/core';

/** The council's enums (persisted: CHECK constraints in the council migrations list the same values). */
export const SEAT_ROLES = ['chair', 'vice_chair', 'secretary_general', 'director', 'supervisor'] as const;
export const MEETING_KINDS = ['plenary', 'standing', 'special'] as const;
export const MEETING_STATUSES = ['scheduled', 'held', 'minutes_approved', 'cancelled'] as const;
export const ATTENDANCE_STATUSES = ['present', 'absent', 'proxy'] as const;
export const VOTE_CHOICES = ['for', 'against', 'abstain'] as const;
export const RESOLUTION_KINDS = ['ordinary', 'special'] as const;
export const TASK_STATUSES = ['open', 'in_progress', 'done', 'cancelled'] as const;

type Of<T extends readonly string[]> = T[number];
export type SeatRole = Of<typeof SEAT_ROLES>;
export type MeetingKind = Of<typeof MEETING_KINDS>;
export type MeetingStatus = Of<typeof MEETING_STATUSES>;
export type AttendanceStatus = Of<typeof ATTENDANCE_STATUSES>;
export type VoteChoiceValue = Of<typeof VOTE_CHOICES>;
export type ResolutionKind = Of<typeof RESOLUTION_KINDS>;
export type TaskStatus = Of<typeof TASK_STATUSES>;

/** The council's enums in zh-CN and en: served by GET /meta/enums and printed in the minutes. */
export const SEAT_ROLE_LABELS = defineEnumLabels<Of<typeof SEAT_ROLES>>('CouncilSeatRole', {
  chair: { 'zh-CN': '理事长', en: 'Chair' },
  vice_chair: { 'zh-CN': '副理事长', en: 'Vice chair' },
  secretary_general: { 'zh-CN': '秘书长', en: 'Secretary general' },
  director: { 'zh-CN': '理事', en: 'Director' },
  supervisor: { 'zh-CN': '监事', en: 'Supervisor' },
});

export const SEAT_CATEGORY_LABELS = defineEnumLabels<
  'government' | 'enterprise' | 'school' | 'research' | 'industry_association' | 'other'
>('CouncilSeatCategory', {
  government: { 'zh-CN': '政府', en: 'Government' },
  enterprise: { 'zh-CN': '企业', en: 'Enterprise' },
  school: { 'zh-CN': '学校', en: 'School' },
  research: { 'zh-CN': '科研机构', en: 'Research' },
  industry_association: { 'zh-CN': '行业协会', en: 'Industry association' },
  other: { 'zh-CN': '其他', en: 'Other' },
});

export const MEETING_KIND_LABELS = defineEnumLabels<Of<typeof MEETING_KINDS>>('CouncilMeetingKind', {
  plenary: { 'zh-CN': '全体会议', en: 'Plenary' },
  standing: { 'zh-CN': '常务会议', en: 'Standing' },
  special: { 'zh-CN': '专题会议', en: 'Special' },
});

export const MEETING_STATUS_LABELS = defineEnumLabels<Of<typeof MEETING_STATUSES>>('CouncilMeetingStatus', {
  scheduled: { 'zh-CN': '已安排', en: 'Scheduled' },
  held: { 'zh-CN': '已召开', en: 'Held' },
  minutes_approved: { 'zh-CN': '纪要已审定', en: 'Minutes approved' },
  cancelled: { 'zh-CN': '已取消', en: 'Cancelled' },
});

export const ATTENDANCE_LABELS = defineEnumLabels<Of<typeof ATTENDANCE_STATUSES>>('CouncilAttendance', {
  present: { 'zh-CN': '出席', en: 'Present' },
  absent: { 'zh-CN': '缺席', en: 'Absent' },
  proxy: { 'zh-CN': '委托', en: 'Proxy' },
});

export const VOTE_CHOICE_LABELS = defineEnumLabels<Of<typeof VOTE_CHOICES>>('CouncilVoteChoice', {
  for: { 'zh-CN': '赞成', en: 'For' },
  against: { 'zh-CN': '反对', en: 'Against' },
  abstain: { 'zh-CN': '弃权', en: 'Abstain' },
});

export const RESOLUTION_KIND_LABELS = defineEnumLabels<Of<typeof RESOLUTION_KINDS>>('CouncilResolutionKind', {
  ordinary: { 'zh-CN': '普通决议', en: 'Ordinary' },
  special: { 'zh-CN': '特别决议', en: 'Special' },
});

export const OUTCOME_LABELS = defineEnumLabels<'passed' | 'failed' | 'no_quorum'>('CouncilResolutionOutcome', {
  passed: { 'zh-CN': '通过', en: 'Passed' },
  failed: { 'zh-CN': '未通过', en: 'Failed' },
  no_quorum: { 'zh-CN': '未达法定人数', en: 'No quorum' },
});

export const TASK_STATUS_LABELS = defineEnumLabels<Of<typeof TASK_STATUSES>>('CouncilTaskStatus', {
  open: { 'zh-CN': '待办', en: 'Open' },
  in_progress: { 'zh-CN': '进行中', en: 'In progress' },
  done: { 'zh-CN': '已完成', en: 'Done' },
  cancelled: { 'zh-CN': '已取消', en: 'Cancelled' },
});

/** "通过 Passed": both languages, as the printed minutes show them. */
export function bilingual(labels: Record<string, EnumLabel>, value: string | null | undefined): string {
  const label = value ? labels[value] : undefined;
  return label ? `${label['zh-CN']} ${label.en}` : (value ?? '');
}
