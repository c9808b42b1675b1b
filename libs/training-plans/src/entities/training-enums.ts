import { defineEnumLabels } from '@chanjiao/core';

export enum TrainingType {
  PreJob = 'pre_job',
  OnJob = 'on_job',
  ContinuingEducation = 'continuing_education',
  Social = 'social',
  Teacher = 'teacher',
}

export const TRAINING_TYPE_LABELS = defineEnumLabels<TrainingType>('TrainingType', {
  pre_job: { 'zh-CN': '岗前培训', en: 'Pre-job training' },
  on_job: { 'zh-CN': '岗位培训', en: 'On-the-job training' },
  continuing_education: { 'zh-CN': '继续教育', en: 'Continuing education' },
  social: { 'zh-CN': '社会培训', en: 'Public training' },
  teacher: { 'zh-CN': '师资培训', en: 'Teacher training' },
});

export enum TrainingNeedStatus {
  Submitted = 'submitted',
  Accepted = 'accepted',
  Declined = 'declined',
}

export const TRAINING_NEED_STATUS_LABELS = defineEnumLabels<TrainingNeedStatus>('TrainingNeedStatus', {
  submitted: { 'zh-CN': '已提交', en: 'Submitted' },
  accepted: { 'zh-CN': '已采纳', en: 'Accepted' },
  declined: { 'zh-CN': '未采纳', en: 'Declined' },
});

export enum PlanVersionStatus {
  Draft = 'draft',
  Submitted = 'submitted',
  Approved = 'approved',
  Superseded = 'superseded',
  Closed = 'closed',
}

export const PLAN_VERSION_STATUS_LABELS = defineEnumLabels<PlanVersionStatus>('PlanVersionStatus', {
  draft: { 'zh-CN': '草稿', en: 'Draft' },
  submitted: { 'zh-CN': '已提交', en: 'Submitted' },
  approved: { 'zh-CN': '已批准', en: 'Approved' },
  superseded: { 'zh-CN': '已被新版本取代', en: 'Superseded' },
  closed: { 'zh-CN': '已关闭', en: 'Closed' },
});

export enum FundingSource {
  Fiscal = 'fiscal',
  Enterprise = 'enterprise',
  School = 'school',
  Social = 'social',
  Mixed = 'mixed',
}

export const FUNDING_SOURCE_LABELS = defineEnumLabels<FundingSource>('TrainingFundingSource', {
  fiscal: { 'zh-CN': '财政资金', en: 'Public funds' },
  enterprise: { 'zh-CN': '企业自筹', en: 'Enterprise funds' },
  school: { 'zh-CN': '院校自筹', en: 'School funds' },
  social: { 'zh-CN': '社会资金', en: 'Social funds' },
  mixed: { 'zh-CN': '多方共担', en: 'Mixed' },
});
