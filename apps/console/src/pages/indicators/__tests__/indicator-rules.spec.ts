import 'reflect-metadata';
import { getMetadataStorage } from 'class-validator';
import { DEFAULT_FRAMEWORK } from '@chanjiao/indicators/domain/default-framework';
import { EVIDENCE_MAX_BYTES } from '@chanjiao/indicators/domain/evidence-files';
import { ReviewCommentDto, UpdateReportDto } from '@chanjiao/indicators/dto/report.dto';
import { PointStatus, ReportStatus } from '@chanjiao/indicators/entities/indicator-enums';
import {
  evidenceFileProblem,
  formValue,
  INDICATOR_LIMITS,
  pointsOf,
  pruneTree,
  REPORT_STATUS_COLORS,
  toneOf,
  valueProblem,
  type PointDefinition,
} from '../indicator-rules';

/** The bounds a DTO property's class-validator decorators declare (length, max length). */
function boundsOf(dto: new () => object, property: string): { min?: number; max?: number } {
  const bounds: { min?: number; max?: number } = {};
  for (const rule of getMetadataStorage()
    .getTargetValidationMetadatas(dto, '', false, false)
    .filter((m) => m.propertyName === property)) {
    if (rule.name === 'isLength') [bounds.min, bounds.max] = rule.constraints as [number, number];
    if (rule.name === 'maxLength') bounds.max = rule.constraints[0] as number;
  }
  return bounds;
}

const point = (code: string): PointDefinition => {
  const found = pointsOf(DEFAULT_FRAMEWORK.nodes).find((n) => n.code === code);
  if (!found?.point) throw new Error(`no point ${code}`);
  return found.point;
};

describe('indicator page rules', () => {
  it('has the DTOs’ lengths for the note and the review comment', () => {
    expect(INDICATOR_LIMITS.note).toEqual(boundsOf(UpdateReportDto, 'note'));
    expect(INDICATOR_LIMITS.comment).toEqual(boundsOf(ReviewCommentDto, 'comment'));
  });

  it.each([
    ['a whole count', 'D2.5', 3, undefined],
    ['a fractional count', 'D2.5', 2.5, 'ind.valueInteger'],
    ['a negative count', 'D2.5', -1, 'ind.valueMin'],
    ['a percent above 100', 'D4.3', 100.5, 'ind.valueMax'],
    ['a number for a yes/no point', 'D3.3', 1, 'ind.valueBoolean'],
    ['no value yet', 'D2.5', null, undefined],
    ['a number beyond the DTO’s bound', 'D5.1', 1e16, 'ind.valueTooLarge'],
  ] as const)('checks %s as the API does', (_label, code, value, key) => {
    expect(valueProblem(point(code), value)?.key).toBe(key);
  });

  it('reads the form’s values as the API takes them', () => {
    expect(formValue(point('D2.5'), undefined)).toBeNull();
    expect(formValue(point('D2.5'), 4)).toBe(4);
    expect(formValue(point('D3.3'), false)).toBe(false);
    expect(formValue({ valueType: 'text' } as PointDefinition, '已建成')).toBe('已建成');
  });

  it.each([
    ['a PDF', { name: '协议.pdf', size: 1000 }, undefined],
    ['an upper-case JPEG', { name: 'PHOTO.JPEG', size: 1000 }, undefined],
    ['a text file', { name: 'notes.txt', size: 1000 }, 'ind.evidenceType'],
    ['a file without an extension', { name: 'scan', size: 1000 }, 'ind.evidenceType'],
    ['a file over the limit', { name: 'big.pdf', size: EVIDENCE_MAX_BYTES + 1 }, 'ind.evidenceTooLarge'],
    ['an empty file', { name: 'empty.pdf', size: 0 }, 'ind.evidenceEmpty'],
  ])('checks %s before uploading it', (_label, file, key) => {
    expect(evidenceFileProblem(file, 0)?.key).toBe(key);
  });

  it('refuses a 21st file', () => {
    expect(evidenceFileProblem({ name: 'a.pdf', size: 10 }, 20)?.key).toBe('ind.evidenceTooMany');
  });

  it('gives every point status a tone, and a failed veto point its own', () => {
    for (const status of Object.values(PointStatus)) expect(toneOf({ status, vetoFailed: false })).toBeDefined();
    expect(toneOf({ status: PointStatus.Completed, vetoFailed: false })).toBe('met');
    expect(toneOf({ status: PointStatus.AtRisk })).toBe('partly');
    expect(toneOf({ status: PointStatus.NotAchievable })).toBe('notMet');
    expect(toneOf({ status: PointStatus.NotAchievable, vetoFailed: true })).toBe('vetoFailed');
    expect(toneOf({ status: null })).toBeUndefined();
  });

  it('colours every report status', () => {
    expect(Object.keys(REPORT_STATUS_COLORS).sort()).toEqual(Object.values(ReportStatus).sort());
  });

  it('cuts the framework tree down to the points reported, keeping their indicators', () => {
    const tree = pruneTree(DEFAULT_FRAMEWORK.nodes, new Set(['D2.5', 'D5.1']));
    expect(tree.map((n) => n.code)).toEqual(['D2', 'D5']);
    expect(pointsOf(tree).map((n) => n.code)).toEqual(['D2.5', 'D5.1']);
  });
});
