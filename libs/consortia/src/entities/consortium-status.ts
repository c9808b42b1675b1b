import { defineEnumLabels } from '@chanjiao/core';

/** Lifecycle of a consortium in the Ministry's process (transitions arrive with the profile capability). */
export enum ConsortiumStatus {
  Planning = 'planning',
  Applied = 'applied',
  ProvinciallyRecommended = 'provincially_recommended',
  CultivationList = 'cultivation_list',
  UnderConstruction = 'under_construction',
  Accepted = 'accepted',
  Revoked = 'revoked',
}

export const CONSORTIUM_STATUS_LABELS = defineEnumLabels<ConsortiumStatus>('ConsortiumStatus', {
  [ConsortiumStatus.Planning]: { 'zh-CN': '筹建中', en: 'Planning' },
  [ConsortiumStatus.Applied]: { 'zh-CN': '已申报', en: 'Applied' },
  [ConsortiumStatus.ProvinciallyRecommended]: { 'zh-CN': '省级推荐', en: 'Provincially recommended' },
  [ConsortiumStatus.CultivationList]: { 'zh-CN': '列入培育名单', en: 'On the cultivation list' },
  [ConsortiumStatus.UnderConstruction]: { 'zh-CN': '建设中', en: 'Under construction' },
  [ConsortiumStatus.Accepted]: { 'zh-CN': '通过验收', en: 'Accepted' },
  [ConsortiumStatus.Revoked]: { 'zh-CN': '已撤销', en: 'Revoked' },
});
