import { defineEnumLabels } from '@chanjiao/core';

export enum OrganizationType {
  Government = 'government',
  Enterprise = 'enterprise',
  SecondaryVocational = 'secondary_vocational',
  HigherVocational = 'higher_vocational',
  VocationalBachelor = 'vocational_bachelor',
  GeneralBachelor = 'general_bachelor',
  TechnicianCollege = 'technician_college',
  ResearchInstitute = 'research_institute',
  IndustryAssociation = 'industry_association',
  Other = 'other',
}

export const ORGANIZATION_TYPE_LABELS = defineEnumLabels<OrganizationType>('OrganizationType', {
  [OrganizationType.Government]: { 'zh-CN': '政府部门（园区管委会）', en: 'Government / park authority' },
  [OrganizationType.Enterprise]: { 'zh-CN': '企业', en: 'Enterprise' },
  [OrganizationType.SecondaryVocational]: { 'zh-CN': '中职学校', en: 'Secondary vocational school' },
  [OrganizationType.HigherVocational]: { 'zh-CN': '高职专科院校', en: 'Higher vocational college' },
  [OrganizationType.VocationalBachelor]: { 'zh-CN': '职业本科院校', en: 'Vocational bachelor university' },
  [OrganizationType.GeneralBachelor]: { 'zh-CN': '普通本科院校', en: 'General university' },
  [OrganizationType.TechnicianCollege]: { 'zh-CN': '技工院校', en: 'Technician college' },
  [OrganizationType.ResearchInstitute]: { 'zh-CN': '科研机构', en: 'Research institute' },
  [OrganizationType.IndustryAssociation]: { 'zh-CN': '行业协会', en: 'Industry association' },
  [OrganizationType.Other]: { 'zh-CN': '其他', en: 'Other' },
});

/** Schools of every level (the council's "school" category; 双高 applies to them). */
export const SCHOOL_TYPES: readonly OrganizationType[] = [
  OrganizationType.SecondaryVocational,
  OrganizationType.HigherVocational,
  OrganizationType.VocationalBachelor,
  OrganizationType.GeneralBachelor,
  OrganizationType.TechnicianCollege,
];

export enum OrganizationSize {
  Large = 'large',
  Medium = 'medium',
  Small = 'small',
  Micro = 'micro',
}

export const ORGANIZATION_SIZE_LABELS = defineEnumLabels<OrganizationSize>('OrganizationSize', {
  [OrganizationSize.Large]: { 'zh-CN': '大型', en: 'Large' },
  [OrganizationSize.Medium]: { 'zh-CN': '中型', en: 'Medium' },
  [OrganizationSize.Small]: { 'zh-CN': '小型', en: 'Small' },
  [OrganizationSize.Micro]: { 'zh-CN': '微型', en: 'Micro' },
});
