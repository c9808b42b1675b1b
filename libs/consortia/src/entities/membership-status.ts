import { defineEnumLabels } from '@chanjiao/core';

/** A member organization's standing in the consortium (see domain/lifecycles.ts for the allowed moves). */
export enum MembershipStatus {
  Applied = 'applied',
  Active = 'active',
  Suspended = 'suspended',
  Rejected = 'rejected',
  Withdrawn = 'withdrawn',
}

export const MEMBERSHIP_STATUS_LABELS = defineEnumLabels<MembershipStatus>('MembershipStatus', {
  [MembershipStatus.Applied]: { 'zh-CN': '申请中', en: 'Applied' },
  [MembershipStatus.Active]: { 'zh-CN': '正式成员', en: 'Active' },
  [MembershipStatus.Suspended]: { 'zh-CN': '暂停', en: 'Suspended' },
  [MembershipStatus.Rejected]: { 'zh-CN': '未通过', en: 'Rejected' },
  [MembershipStatus.Withdrawn]: { 'zh-CN': '已退出', en: 'Withdrawn' },
});
