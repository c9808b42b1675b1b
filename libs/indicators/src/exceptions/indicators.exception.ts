import { DomainException, ErrorStatus } from '@chanjiao/core';
import { DocumentProblem } from '../domain/framework-document';

export enum IndicatorsErrorCode {
  FrameworkNotFound = 'framework_not_found',
  InvalidFramework = 'invalid_framework',
  FrameworkPublished = 'framework_published',
  FrameworkCodeChanged = 'framework_code_changed',
}

const STATUS: Record<IndicatorsErrorCode, ErrorStatus> = {
  [IndicatorsErrorCode.FrameworkNotFound]: 404,
  [IndicatorsErrorCode.InvalidFramework]: 422,
  [IndicatorsErrorCode.FrameworkPublished]: 409,
  [IndicatorsErrorCode.FrameworkCodeChanged]: 422,
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
