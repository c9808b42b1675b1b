import { defineEnumLabels } from '@chanjiao/core';

/** Kinds of shared training base (persisted in CHECK constraints: never rename a value casually). */
export enum TrainingBaseKind {
  PublicPracticeCenter = 'public_practice_center',
  EnterprisePracticeCenter = 'enterprise_practice_center',
  SchoolEnterprise = 'school_enterprise',
  SchoolInternal = 'school_internal',
}

export enum TrainingBaseFunction {
  PracticalTeaching = 'practical_teaching',
  SocialTraining = 'social_training',
  RealProduction = 'real_production',
  TechnicalService = 'technical_service',
}

export enum TrainingBaseStatus {
  Active = 'active',
  Suspended = 'suspended',
  Closed = 'closed',
}

export enum BookingPurpose {
  Course = 'course',
  Training = 'training',
  Competition = 'competition',
  Production = 'production',
  Research = 'research',
}

export enum BookingStatus {
  Requested = 'requested',
  Approved = 'approved',
  CheckedIn = 'checked_in',
  Completed = 'completed',
  Rejected = 'rejected',
  Cancelled = 'cancelled',
  NoShow = 'no_show',
}

/** Statuses whose workstations count against capacity (the migration's trigger uses the same list). */
export const LIVE_BOOKING_STATUSES: readonly BookingStatus[] = [
  BookingStatus.Requested,
  BookingStatus.Approved,
  BookingStatus.CheckedIn,
];

/** Statuses that count against an organization's monthly quota. */
export const QUOTA_BOOKING_STATUSES: readonly BookingStatus[] = [
  ...LIVE_BOOKING_STATUSES,
  BookingStatus.Completed,
  BookingStatus.NoShow,
];

defineEnumLabels<TrainingBaseKind>('TrainingBaseKind', {
  public_practice_center: { 'zh-CN': '公共实践中心', en: 'Public practice center' },
  enterprise_practice_center: { 'zh-CN': '企业实践中心', en: 'Enterprise practice center' },
  school_enterprise: {
    'zh-CN': '校企共建（校中厂/厂中校）',
    en: 'School–enterprise (factory in school / school in factory)',
  },
  school_internal: { 'zh-CN': '校内实训基地', en: 'School internal base' },
});

defineEnumLabels<TrainingBaseFunction>('TrainingBaseFunction', {
  practical_teaching: { 'zh-CN': '实践教学', en: 'Practical teaching' },
  social_training: { 'zh-CN': '社会培训', en: 'Social training' },
  real_production: { 'zh-CN': '真实生产', en: 'Real production' },
  technical_service: { 'zh-CN': '技术服务', en: 'Technical service' },
});

defineEnumLabels<TrainingBaseStatus>('TrainingBaseStatus', {
  active: { 'zh-CN': '运行中', en: 'Active' },
  suspended: { 'zh-CN': '暂停预约', en: 'Suspended' },
  closed: { 'zh-CN': '已关闭', en: 'Closed' },
});

defineEnumLabels<BookingPurpose>('TrainingBookingPurpose', {
  course: { 'zh-CN': '课程教学', en: 'Course' },
  training: { 'zh-CN': '培训', en: 'Training' },
  competition: { 'zh-CN': '技能竞赛', en: 'Competition' },
  production: { 'zh-CN': '生产', en: 'Production' },
  research: { 'zh-CN': '研发', en: 'Research' },
});

defineEnumLabels<BookingStatus>('TrainingBookingStatus', {
  requested: { 'zh-CN': '待审批', en: 'Requested' },
  approved: { 'zh-CN': '已批准', en: 'Approved' },
  checked_in: { 'zh-CN': '已签到', en: 'Checked in' },
  completed: { 'zh-CN': '已完成', en: 'Completed' },
  rejected: { 'zh-CN': '已驳回', en: 'Rejected' },
  cancelled: { 'zh-CN': '已取消', en: 'Cancelled' },
  no_show: { 'zh-CN': '未到场', en: 'No-show' },
});
