import { ConsortiumRole } from '../context/request-context';
import { JobState } from '../queue/job-status.dto';
import { defineEnumLabels } from './enum-labels';

export const CONSORTIUM_ROLE_LABELS = defineEnumLabels<ConsortiumRole>('ConsortiumRole', {
  [ConsortiumRole.Secretariat]: { 'zh-CN': '秘书处', en: 'Secretariat' },
  [ConsortiumRole.Member]: { 'zh-CN': '成员单位用户', en: 'Member' },
  [ConsortiumRole.Observer]: { 'zh-CN': '观察员', en: 'Observer' },
});

export const JOB_STATE_LABELS = defineEnumLabels<JobState>('JobState', {
  pending_dispatch: { 'zh-CN': '待派发', en: 'Pending dispatch' },
  waiting: { 'zh-CN': '排队中', en: 'Waiting' },
  delayed: { 'zh-CN': '延迟执行', en: 'Delayed' },
  active: { 'zh-CN': '执行中', en: 'Active' },
  completed: { 'zh-CN': '已完成', en: 'Completed' },
  failed: { 'zh-CN': '失败', en: 'Failed' },
  unknown: { 'zh-CN': '未知', en: 'Unknown' },
});
