import { defineEnumLabels } from '@chanjiao/core';

/** Level of a catalogue programme (专业层次): 中职, 高职专科, 职业本科. */
export enum ProgrammeLevel {
  SecondaryVocational = 'secondary_vocational',
  HigherVocational = 'higher_vocational',
  VocationalBachelor = 'vocational_bachelor',
}

export const PROGRAMME_LEVEL_LABELS = defineEnumLabels<ProgrammeLevel>('ProgrammeLevel', {
  [ProgrammeLevel.SecondaryVocational]: { 'zh-CN': '中等职业教育', en: 'Secondary vocational' },
  [ProgrammeLevel.HigherVocational]: { 'zh-CN': '高等职业教育专科', en: 'Higher vocational (associate)' },
  [ProgrammeLevel.VocationalBachelor]: { 'zh-CN': '高等职业教育本科', en: 'Vocational bachelor' },
});

/** Level of an occupation in 职业分类大典: 1 大类, 2 中类, 3 小类, 4 细类 (职业). */
export enum OccupationLevel {
  Major = 1,
  Middle = 2,
  Minor = 3,
  Unit = 4,
}

/** Which national list an edition belongs to (the mapping belongs to the programme catalogue's edition). */
export enum CatalogueList {
  Programmes = 'programmes',
  Occupations = 'occupations',
}

export const CATALOGUE_LIST_LABELS = defineEnumLabels<CatalogueList>('CatalogueList', {
  [CatalogueList.Programmes]: { 'zh-CN': '职业教育专业目录', en: 'Programme catalogue' },
  [CatalogueList.Occupations]: { 'zh-CN': '职业分类大典', en: 'Occupation classification' },
});

/** Status of a school's programme offering (开设专业). */
export enum OfferingStatus {
  Active = 'active',
  Upgrading = 'upgrading',
  Suspended = 'suspended',
  Discontinued = 'discontinued',
}

export const OFFERING_STATUS_LABELS = defineEnumLabels<OfferingStatus>('OfferingStatus', {
  [OfferingStatus.Active]: { 'zh-CN': '正常招生', en: 'Active' },
  [OfferingStatus.Upgrading]: { 'zh-CN': '升级改造中', en: 'Upgrading' },
  [OfferingStatus.Suspended]: { 'zh-CN': '暂停招生', en: 'Suspended' },
  [OfferingStatus.Discontinued]: { 'zh-CN': '已撤销', en: 'Discontinued' },
});

/** How an offering trains with enterprises and other schools. */
export enum TrainingMode {
  OrderClass = 'order_class',
  Apprenticeship = 'apprenticeship',
  Internship = 'internship',
  /** 贯通/分段培养 with partner schools (中高职贯通, 中本贯通, 3+2 …). */
  Pathway = 'pathway',
}

export const TRAINING_MODE_LABELS = defineEnumLabels<TrainingMode>('TrainingMode', {
  [TrainingMode.OrderClass]: { 'zh-CN': '订单班', en: 'Order class' },
  [TrainingMode.Apprenticeship]: { 'zh-CN': '现代学徒制', en: 'Apprenticeship' },
  [TrainingMode.Internship]: { 'zh-CN': '岗位实习', en: 'Internship' },
  [TrainingMode.Pathway]: { 'zh-CN': '贯通/分段培养', en: 'Pathway programme' },
});
