import type { PointDefinition } from './framework-document';

/**
 * Whether a reported value fits its observation point: type, whole numbers for counts,
 * the point's bounds. Pure and free of runtime imports, so the console bundles this file
 * from source and checks a value before sending it exactly as the API does.
 */
export type ReportValue = number | boolean | string | null;

/** Largest magnitude of a reported number (CreateReportDto / UpdateReportDto). */
export const REPORT_VALUE_MAX_ABS = 1e15;
/** Longest reported text. */
export const REPORT_TEXT_MAX_LENGTH = 4000;

export type ValueProblem =
  | { rule: 'boolean' }
  | { rule: 'text' }
  | { rule: 'number'; unit: string }
  | { rule: 'integer' }
  | { rule: 'min'; limit: number }
  | { rule: 'max'; limit: number };

/** What is wrong with `value` for `point`, or undefined when it fits (null, no value, always fits). */
export function reportValueProblem(
  point: Pick<PointDefinition, 'valueType' | 'unit' | 'min' | 'max'>,
  value: ReportValue,
): ValueProblem | undefined {
  if (value === null) return undefined;
  // A plain string: the enum's values without importing the enum (no runtime dependency).
  const type: string = point.valueType;
  if (type === 'boolean') return typeof value === 'boolean' ? undefined : { rule: 'boolean' };
  if (type === 'text') return typeof value === 'string' ? undefined : { rule: 'text' };
  if (typeof value !== 'number') return { rule: 'number', unit: point.unit || type };
  if (type === 'count' && !Number.isInteger(value)) return { rule: 'integer' };
  if (typeof point.min === 'number' && value < point.min) return { rule: 'min', limit: point.min };
  if (typeof point.max === 'number' && value > point.max) return { rule: 'max', limit: point.max };
  return undefined;
}

/** The problem as the API says it: `value must be <this>`. */
export function valueProblemText(problem: ValueProblem): string {
  switch (problem.rule) {
    case 'boolean':
      return 'true or false';
    case 'text':
      return 'text';
    case 'number':
      return `a number (${problem.unit})`;
    case 'integer':
      return 'a whole number';
    case 'min':
      return `at least ${problem.limit}`;
    case 'max':
      return `at most ${problem.limit}`;
  }
}
