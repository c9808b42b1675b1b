import { defineEnumLabels } from '@chanjiao/core';

/**
 * The vocabulary of indicator frameworks (persisted in framework documents and CHECK
 * constraints: never rename a value casually).
 */
export enum ValueType {
  Number = 'number',
  Percent = 'percent',
  Count = 'count',
  Money = 'money',
  Boolean = 'boolean',
  Text = 'text',
}

export enum Direction {
  HigherBetter = 'higher_better',
  LowerBetter = 'lower_better',
}

export enum Aggregation {
  Sum = 'sum',
  Mean = 'mean',
  WeightedMean = 'weighted_mean',
  Min = 'min',
  Max = 'max',
  Latest = 'latest',
  CountTrue = 'count_true',
  AllTrue = 'all_true',
  AnyTrue = 'any_true',
  Ratio = 'ratio',
}

/** Who reports an observation point; `auto:<source>` points are computed from another capability. */
export enum ReporterKind {
  School = 'school',
  Enterprise = 'enterprise',
  Secretariat = 'secretariat',
}

export const AUTO_REPORTER_PREFIX = 'auto:';

export enum RuleOperator {
  LessOrEqual = '<=',
  Less = '<',
  GreaterOrEqual = '>=',
  Greater = '>',
  Equal = '=',
}

/** What a cross-point rule does when one side has no value yet. */
export enum MissingValueStrategy {
  /** The rule does not apply until both sides have values. */
  Skip = 'skip',
  /** A missing side fails the rule. */
  Fail = 'fail',
  /** A missing side counts as zero. */
  Zero = 'zero',
}

export enum PeriodStatus {
  Open = 'open',
  Closed = 'closed',
  Archived = 'archived',
}

export enum ReportStatus {
  Draft = 'draft',
  Submitted = 'submitted',
  Approved = 'approved',
  Returned = 'returned',
}

/** Why a report cannot be edited now (every refusal names one). */
export enum ReportLockReason {
  Approved = 'approved',
  Submitted = 'submitted',
  PeriodClosed = 'period_closed',
  PastDue = 'past_due',
}

/** Where a point stands against its target (rules in docs/indicators.md). */
export enum PointStatus {
  Exceeded = 'exceeded',
  Completed = 'completed',
  OnTrack = 'on_track',
  AtRisk = 'at_risk',
  NotAchievable = 'not_achievable',
}

export enum FrameworkStatus {
  Draft = 'draft',
  Published = 'published',
}

export const VALUE_TYPE_LABELS = defineEnumLabels<ValueType>('IndicatorValueType', {
  [ValueType.Number]: { 'zh-CN': '数值', en: 'Number' },
  [ValueType.Percent]: { 'zh-CN': '百分比', en: 'Percent' },
  [ValueType.Count]: { 'zh-CN': '计数', en: 'Count' },
  [ValueType.Money]: { 'zh-CN': '金额', en: 'Money' },
  [ValueType.Boolean]: { 'zh-CN': '是/否', en: 'Yes / no' },
  [ValueType.Text]: { 'zh-CN': '文本', en: 'Text' },
});

export const DIRECTION_LABELS = defineEnumLabels<Direction>('IndicatorDirection', {
  [Direction.HigherBetter]: { 'zh-CN': '越高越好', en: 'Higher is better' },
  [Direction.LowerBetter]: { 'zh-CN': '越低越好', en: 'Lower is better' },
});

export const AGGREGATION_LABELS = defineEnumLabels<Aggregation>('IndicatorAggregation', {
  [Aggregation.Sum]: { 'zh-CN': '求和', en: 'Sum' },
  [Aggregation.Mean]: { 'zh-CN': '平均', en: 'Mean' },
  [Aggregation.WeightedMean]: { 'zh-CN': '加权平均', en: 'Weighted mean' },
  [Aggregation.Min]: { 'zh-CN': '最小值', en: 'Minimum' },
  [Aggregation.Max]: { 'zh-CN': '最大值', en: 'Maximum' },
  [Aggregation.Latest]: { 'zh-CN': '最新值', en: 'Latest' },
  [Aggregation.CountTrue]: { 'zh-CN': '计“是”数', en: 'Count of yes' },
  [Aggregation.AllTrue]: { 'zh-CN': '全部为“是”', en: 'All yes' },
  [Aggregation.AnyTrue]: { 'zh-CN': '任一为“是”', en: 'Any yes' },
  [Aggregation.Ratio]: { 'zh-CN': '比率', en: 'Ratio' },
});

export const REPORTER_LABELS = defineEnumLabels<ReporterKind>('IndicatorReporter', {
  [ReporterKind.School]: { 'zh-CN': '院校填报', en: 'Reported by schools' },
  [ReporterKind.Enterprise]: { 'zh-CN': '企业填报', en: 'Reported by enterprises' },
  [ReporterKind.Secretariat]: { 'zh-CN': '秘书处填报', en: 'Reported by the secretariat' },
});

export const MISSING_VALUE_LABELS = defineEnumLabels<MissingValueStrategy>('IndicatorMissingValueStrategy', {
  [MissingValueStrategy.Skip]: { 'zh-CN': '缺值时不校验', en: 'Skip while a value is missing' },
  [MissingValueStrategy.Fail]: { 'zh-CN': '缺值视为不通过', en: 'A missing value fails' },
  [MissingValueStrategy.Zero]: { 'zh-CN': '缺值按 0 计', en: 'A missing value counts as 0' },
});

export const FRAMEWORK_STATUS_LABELS = defineEnumLabels<FrameworkStatus>('IndicatorFrameworkStatus', {
  [FrameworkStatus.Draft]: { 'zh-CN': '草稿', en: 'Draft' },
  [FrameworkStatus.Published]: { 'zh-CN': '已发布', en: 'Published' },
});

export const PERIOD_STATUS_LABELS = defineEnumLabels<PeriodStatus>('IndicatorPeriodStatus', {
  [PeriodStatus.Open]: { 'zh-CN': '填报中', en: 'Open' },
  [PeriodStatus.Closed]: { 'zh-CN': '已截止', en: 'Closed' },
  [PeriodStatus.Archived]: { 'zh-CN': '已归档', en: 'Archived' },
});

export const REPORT_STATUS_LABELS = defineEnumLabels<ReportStatus>('IndicatorReportStatus', {
  [ReportStatus.Draft]: { 'zh-CN': '草稿', en: 'Draft' },
  [ReportStatus.Submitted]: { 'zh-CN': '已提交', en: 'Submitted' },
  [ReportStatus.Approved]: { 'zh-CN': '已审核', en: 'Approved' },
  [ReportStatus.Returned]: { 'zh-CN': '已退回', en: 'Returned' },
});

export const REPORT_LOCK_LABELS = defineEnumLabels<ReportLockReason>('IndicatorReportLockReason', {
  [ReportLockReason.Approved]: {
    'zh-CN': '已审核，需秘书处重新打开后才能修改',
    en: 'Approved: the secretariat must reopen it',
  },
  [ReportLockReason.Submitted]: { 'zh-CN': '已提交，等待审核', en: 'Submitted: waiting for review' },
  [ReportLockReason.PeriodClosed]: { 'zh-CN': '填报期已截止或归档', en: 'The reporting period is closed' },
  [ReportLockReason.PastDue]: { 'zh-CN': '已过填报截止日（含宽限期）', en: 'Past the due date and its grace period' },
});

export const POINT_STATUS_LABELS = defineEnumLabels<PointStatus>('IndicatorPointStatus', {
  [PointStatus.Exceeded]: { 'zh-CN': '超额完成', en: 'Exceeded' },
  [PointStatus.Completed]: { 'zh-CN': '已完成', en: 'Completed' },
  [PointStatus.OnTrack]: { 'zh-CN': '进展正常', en: 'On track' },
  [PointStatus.AtRisk]: { 'zh-CN': '存在风险', en: 'At risk' },
  [PointStatus.NotAchievable]: { 'zh-CN': '难以完成', en: 'Not achievable' },
});
