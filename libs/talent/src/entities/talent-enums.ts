import { defineEnumLabels } from '@chanjiao/core';

/** Lifecycle of demand and supply postings: draft → published → closed | filled | expired. */
export enum PostingStatus {
  Draft = 'draft',
  Published = 'published',
  Closed = 'closed',
  Filled = 'filled',
  Expired = 'expired',
}

export const POSTING_STATUS_LABELS = defineEnumLabels<PostingStatus>('PostingStatus', {
  [PostingStatus.Draft]: { 'zh-CN': '草稿', en: 'Draft' },
  [PostingStatus.Published]: { 'zh-CN': '已发布', en: 'Published' },
  [PostingStatus.Closed]: { 'zh-CN': '已关闭', en: 'Closed' },
  [PostingStatus.Filled]: { 'zh-CN': '已招满', en: 'Filled' },
  [PostingStatus.Expired]: { 'zh-CN': '已过期', en: 'Expired' },
});

export enum EmploymentType {
  FullTime = 'full_time',
  Internship = 'internship',
  Apprenticeship = 'apprenticeship',
  OrderClass = 'order_class',
}

export const EMPLOYMENT_TYPE_LABELS = defineEnumLabels<EmploymentType>('EmploymentType', {
  [EmploymentType.FullTime]: { 'zh-CN': '全职', en: 'Full time' },
  [EmploymentType.Internship]: { 'zh-CN': '实习', en: 'Internship' },
  [EmploymentType.Apprenticeship]: { 'zh-CN': '现代学徒制', en: 'Apprenticeship' },
  [EmploymentType.OrderClass]: { 'zh-CN': '订单班', en: 'Order class' },
});

/** Education levels of the programme catalogue, lowest first. */
export enum EducationLevel {
  SecondaryVocational = 'secondary_vocational',
  HigherVocational = 'higher_vocational',
  VocationalBachelor = 'vocational_bachelor',
}

export const EDUCATION_LEVEL_LABELS = defineEnumLabels<EducationLevel>('TalentEducationLevel', {
  [EducationLevel.SecondaryVocational]: { 'zh-CN': '中职', en: 'Secondary vocational' },
  [EducationLevel.HigherVocational]: { 'zh-CN': '高职专科', en: 'Higher vocational' },
  [EducationLevel.VocationalBachelor]: { 'zh-CN': '职业本科', en: 'Vocational bachelor' },
});

/** How a school offers its graduates (supply postings). */
export enum SupplyMode {
  Employment = 'employment',
  Internship = 'internship',
  Apprenticeship = 'apprenticeship',
  OrderClass = 'order_class',
}

export const SUPPLY_MODE_LABELS = defineEnumLabels<SupplyMode>('SupplyMode', {
  [SupplyMode.Employment]: { 'zh-CN': '就业', en: 'Employment' },
  [SupplyMode.Internship]: { 'zh-CN': '实习', en: 'Internship' },
  [SupplyMode.Apprenticeship]: { 'zh-CN': '现代学徒制', en: 'Apprenticeship' },
  [SupplyMode.OrderClass]: { 'zh-CN': '订单班', en: 'Order class' },
});

/** A skill with its weight (1–5) in a posting. */
export interface WeightedSkill {
  skill: string;
  weight: number;
}
