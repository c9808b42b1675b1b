import {
  EVIDENCE_MAX_BYTES,
  EVIDENCE_MAX_FILES,
  EVIDENCE_TYPE_NAMES,
  EVIDENCE_TYPES,
} from '@chanjiao/indicators/domain/evidence-files';
import type { FrameworkNode, PointDefinition } from '@chanjiao/indicators/domain/framework-document';
import {
  REPORT_TEXT_MAX_LENGTH,
  REPORT_VALUE_MAX_ABS,
  reportValueProblem,
  type ReportValue,
} from '@chanjiao/indicators/domain/report-value';
import type { ScoreNode } from '@chanjiao/indicators/services/scores.service';
import type { components } from '../../api/schema';
import type { MessageKey, Params } from '../../i18n/translate';

export type Period = components['schemas']['PeriodDto'];
export type Report = components['schemas']['ReportDto'];
export type ReportDetail = components['schemas']['ReportDetailDto'];
export type Evidence = components['schemas']['EvidenceDto'];
export type { FrameworkNode, PointDefinition, ReportValue, ScoreNode };

/**
 * The rules of the indicator pages, the API's own where it has them: a value is checked by
 * `reportValueProblem` (libs/indicators/src/domain/report-value.ts, bundled from source),
 * evidence by the limits of domain/evidence-files.ts; the lengths below are the DTOs'
 * (__tests__/indicator-rules.spec.ts compares them with the class-validator metadata).
 */
export const INDICATOR_LIMITS = {
  /** UpdateReportDto.note */
  note: { max: 2000 },
  /** ReviewCommentDto.comment */
  comment: { min: 1, max: 2000 },
} as const;

export { EVIDENCE_MAX_BYTES, EVIDENCE_MAX_FILES, EVIDENCE_TYPE_NAMES };

/** What the file picker offers: the extensions of the types the API recognises (and .jpeg). */
export const EVIDENCE_ACCEPT = [...EVIDENCE_TYPES.map((t) => `.${t.extension}`), '.jpeg'].join(',');

const MIB = 1024 * 1024;
export const EVIDENCE_MAX_MIB = EVIDENCE_MAX_BYTES / MIB;

export interface Problem {
  key: MessageKey;
  params?: Params;
}

/**
 * Why a file cannot be evidence, checked before it is sent: too large, or not one of the
 * accepted types by its name (the API then checks its content; a renamed file is refused there).
 */
export function evidenceFileProblem(file: { name: string; size: number }, existing: number): Problem | undefined {
  if (existing >= EVIDENCE_MAX_FILES) return { key: 'ind.evidenceTooMany', params: { max: EVIDENCE_MAX_FILES } };
  if (file.size === 0) return { key: 'ind.evidenceEmpty' };
  if (file.size > EVIDENCE_MAX_BYTES) return { key: 'ind.evidenceTooLarge', params: { mib: EVIDENCE_MAX_MIB } };
  const extension = file.name.includes('.') ? file.name.slice(file.name.lastIndexOf('.')).toLowerCase() : '';
  if (!EVIDENCE_ACCEPT.split(',').includes(extension))
    return { key: 'ind.evidenceType', params: { types: EVIDENCE_TYPE_NAMES } };
  return undefined;
}

/** A value as the form holds it (InputNumber, Radio, TextArea) → what the API takes. */
export function formValue(point: Pick<PointDefinition, 'valueType'>, raw: unknown): ReportValue {
  if (raw === undefined || raw === null || raw === '') return null;
  const type: string = point.valueType;
  if (type === 'boolean') return typeof raw === 'boolean' ? raw : null;
  if (type === 'text') return String(raw);
  return typeof raw === 'number' ? raw : Number(raw);
}

/** Why the API would refuse `value` for `point` (its own check, and the DTO's bounds), in the user's words. */
export function valueProblem(
  point: Pick<PointDefinition, 'valueType' | 'unit' | 'min' | 'max'>,
  value: ReportValue,
): Problem | undefined {
  if (typeof value === 'number' && (!Number.isFinite(value) || Math.abs(value) > REPORT_VALUE_MAX_ABS))
    return { key: 'ind.valueTooLarge' };
  if (typeof value === 'string' && value.length > REPORT_TEXT_MAX_LENGTH)
    return { key: 'ind.valueTextTooLong', params: { max: REPORT_TEXT_MAX_LENGTH } };
  const problem = reportValueProblem(point, value);
  if (!problem) return undefined;
  switch (problem.rule) {
    case 'boolean':
      return { key: 'ind.valueBoolean' };
    case 'text':
      return { key: 'ind.valueText' };
    case 'number':
      return { key: 'ind.valueNumber' };
    case 'integer':
      return { key: 'ind.valueInteger' };
    case 'min':
      return { key: 'ind.valueMin', params: { limit: problem.limit } };
    case 'max':
      return { key: 'ind.valueMax', params: { limit: problem.limit } };
  }
}

/** The report statuses' tag colours. */
export const REPORT_STATUS_COLORS: Record<Report['status'], string> = {
  draft: 'default',
  submitted: 'processing',
  approved: 'success',
  returned: 'warning',
};

export const PERIOD_STATUS_COLORS: Record<Period['status'], string> = {
  open: 'processing',
  closed: 'default',
  archived: 'default',
};

/**
 * The four tones of the score tree: 达标 (exceeded, completed), 部分达标 (on track, at risk),
 * 未达标 (not achievable) and 否决 (a failed veto point, whatever its status).
 */
export type Tone = 'met' | 'partly' | 'notMet' | 'vetoFailed';

export const TONE_COLORS: Record<Tone, string> = {
  met: 'green',
  partly: 'gold',
  notMet: 'red',
  vetoFailed: 'magenta',
};

export const TONE_LABELS: Record<Tone, MessageKey> = {
  met: 'ind.toneMet',
  partly: 'ind.tonePartly',
  notMet: 'ind.toneNotMet',
  vetoFailed: 'ind.toneVetoFailed',
};

const STATUS_TONES: Record<NonNullable<ScoreNode['status']>, Tone> = {
  exceeded: 'met',
  completed: 'met',
  on_track: 'partly',
  at_risk: 'partly',
  not_achievable: 'notMet',
};

export function toneOf(node: Pick<ScoreNode, 'status' | 'vetoFailed'>): Tone | undefined {
  if (node.vetoFailed) return 'vetoFailed';
  return node.status ? STATUS_TONES[node.status] : undefined;
}

/** The framework tree cut down to the points in `codes` and the indicators above them. */
export function pruneTree(nodes: readonly FrameworkNode[], codes: ReadonlySet<string>): FrameworkNode[] {
  return nodes.flatMap((node) => {
    if (node.point) return codes.has(node.code) ? [node] : [];
    const children = pruneTree(node.children ?? [], codes);
    return children.length > 0 ? [{ ...node, children }] : [];
  });
}

/** The observation points under `nodes`, in tree order. */
export function pointsOf(nodes: readonly FrameworkNode[]): FrameworkNode[] {
  return nodes.flatMap((node) => (node.point ? [node] : pointsOf(node.children ?? [])));
}

/** A value with its unit as the pages show it (yes/no in the user's words). */
export function showValue(
  value: ReportValue | undefined,
  unit: string | null | undefined,
  yesNo: { yes: string; no: string },
): string {
  if (value === null || value === undefined) return '—';
  if (typeof value === 'boolean') return value ? yesNo.yes : yesNo.no;
  if (typeof value === 'number')
    return `${Number(value.toFixed(2))}${unit && unit !== '%' ? ` ${unit}` : (unit ?? '')}`;
  return value;
}

/** Score 0–100 with one decimal. */
export function showScore(score: number | null | undefined): string {
  return score === null || score === undefined ? '—' : score.toFixed(1);
}
