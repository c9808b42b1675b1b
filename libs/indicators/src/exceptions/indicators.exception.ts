import { DomainException, ErrorStatus } from '@chanjiao/core';
import { DocumentProblem } from '../domain/framework-document';

export enum IndicatorsErrorCode {
  FrameworkNotFound = 'framework_not_found',
  InvalidFramework = 'invalid_framework',
  FrameworkPublished = 'framework_published',
  FrameworkCodeChanged = 'framework_code_changed',
  FrameworkNotPublished = 'framework_not_published',
  PeriodNotFound = 'period_not_found',
  DuplicatePeriod = 'duplicate_period',
  PeriodNotOpen = 'period_not_open',
  InvalidTransition = 'invalid_transition',
  InvalidValue = 'invalid_value',
  UnknownPoint = 'unknown_point',
  UnknownOrganization = 'unknown_organization',
  ReportNotFound = 'report_not_found',
  DuplicateReport = 'duplicate_report',
  ReportLocked = 'report_locked',
  NotReportable = 'not_reportable',
  OwnOrganizationOnly = 'own_organization_only',
  EvidenceRequired = 'evidence_required',
  RuleViolated = 'rule_violated',
  EvidenceNotFound = 'evidence_not_found',
  EvidenceTooLarge = 'evidence_too_large',
  EvidenceTypeNotAllowed = 'evidence_type_not_allowed',
  RollupNotFound = 'rollup_not_found',
}

const STATUS: Record<IndicatorsErrorCode, ErrorStatus> = {
  [IndicatorsErrorCode.FrameworkNotFound]: 404,
  [IndicatorsErrorCode.InvalidFramework]: 422,
  [IndicatorsErrorCode.FrameworkPublished]: 409,
  [IndicatorsErrorCode.FrameworkCodeChanged]: 422,
  [IndicatorsErrorCode.FrameworkNotPublished]: 422,
  [IndicatorsErrorCode.PeriodNotFound]: 404,
  [IndicatorsErrorCode.DuplicatePeriod]: 409,
  [IndicatorsErrorCode.PeriodNotOpen]: 409,
  [IndicatorsErrorCode.InvalidTransition]: 409,
  [IndicatorsErrorCode.InvalidValue]: 422,
  [IndicatorsErrorCode.UnknownPoint]: 422,
  [IndicatorsErrorCode.UnknownOrganization]: 422,
  [IndicatorsErrorCode.ReportNotFound]: 404,
  [IndicatorsErrorCode.DuplicateReport]: 409,
  [IndicatorsErrorCode.ReportLocked]: 423,
  [IndicatorsErrorCode.NotReportable]: 422,
  [IndicatorsErrorCode.OwnOrganizationOnly]: 403,
  [IndicatorsErrorCode.EvidenceRequired]: 422,
  [IndicatorsErrorCode.RuleViolated]: 422,
  [IndicatorsErrorCode.EvidenceNotFound]: 404,
  [IndicatorsErrorCode.EvidenceTooLarge]: 413,
  [IndicatorsErrorCode.EvidenceTypeNotAllowed]: 415,
  [IndicatorsErrorCode.RollupNotFound]: 404,
};

export class IndicatorsException extends DomainException<IndicatorsErrorCode> {
  readonly statusByCode = STATUS;
}

export function frameworkNotFound(id: string): IndicatorsException {
  return new IndicatorsException(IndicatorsErrorCode.FrameworkNotFound, `Indicator framework ${id} not found`);
}

/** 422 listing every problem of a framework document by field (and, for a workbook, by row). */
export function invalidFramework(problems: Array<DocumentProblem & { row?: number }>): IndicatorsException {
  const shown = problems.slice(0, 200);
  return new IndicatorsException(
    IndicatorsErrorCode.InvalidFramework,
    `The framework has ${problems.length} problem(s): ${shown
      .slice(0, 5)
      .map((p) => `${p.row ? `row ${p.row} ` : ''}${p.field || '(document)'} ${p.problem}`)
      .join('; ')}`,
    {
      field: shown[0]?.field,
      fields: shown.map((p) => ({ field: p.field, problems: [p.problem], ...(p.row ? { row: p.row } : {}) })),
      problemCount: problems.length,
    },
  );
}

export function periodNotFound(id: string): IndicatorsException {
  return new IndicatorsException(IndicatorsErrorCode.PeriodNotFound, `Reporting period ${id} not found`);
}

export function reportNotFound(id: string): IndicatorsException {
  return new IndicatorsException(IndicatorsErrorCode.ReportNotFound, `Report ${id} not found`);
}
