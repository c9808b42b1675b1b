import { Aggregation, Direction, PointStatus, ValueType } from '../entities/indicator-enums';
import { FrameworkDocument, FrameworkNode, PointDefinition } from './framework-document';

/**
 * The roll-up arithmetic (docs/indicators.md): a point's aggregate, its completion
 * against the target, its status given how much of the period has elapsed, scores
 * up the tree, completeness, timeliness and the veto check. Pure functions; the
 * service feeds them aggregates computed set-based in SQL.
 */
export type PointValue = number | boolean | string | null;

/** What the approved reports of one point add up to (or what its auto source says). */
export interface PointAggregate {
  value: PointValue;
  /** Approved reports counted. */
  approved: number;
  /** Reports expected from the period's expected reporters (0 for auto and derived points). */
  expected: number;
  /** Reports first submitted by the due date. */
  onTime: number;
}

export interface NodeResult {
  code: string;
  depth: number;
  isPoint: boolean;
  value: PointValue;
  target: number | boolean | null;
  /** actual / target (target / actual for lower_better); 1 = 100 %. Capped at COMPLETION_CAP. */
  completion: number | null;
  status: PointStatus | null;
  /** 0–100: clamped completion, weighted up the tree. */
  score: number | null;
  expected: number;
  approved: number;
  onTime: number;
  /** Veto points: whether this one fails the consortium. */
  vetoFailed?: boolean;
}

export interface RollupResult {
  nodes: Record<string, NodeResult>;
  overall: {
    score: number | null;
    expected: number;
    approved: number;
    onTime: number;
    completeness: number | null;
    timeliness: number | null;
    vetoFailed: string[];
    passed: boolean;
  };
}

export const COMPLETION_CAP = 10;
const EPSILON = 1e-9;
/** Below this share of the expected progress a point is at risk; below half of it, not achievable. */
export const AT_RISK_SHARE = 0.5;

const isNumber = (value: PointValue): value is number => typeof value === 'number' && Number.isFinite(value);

/** Completion of a value against its target (rules: docs/indicators.md "Completion"). */
export function completionOf(
  point: PointDefinition,
  value: PointValue,
  target: number | boolean | null,
): number | null {
  if (value === null || target === null || target === undefined) return null;
  if (typeof target === 'boolean' || typeof value === 'boolean') return value === target ? 1 : 0;
  if (!isNumber(value)) return null;
  let completion: number;
  if (point.direction === Direction.LowerBetter) {
    completion = value <= 0 ? (target >= value ? COMPLETION_CAP : 0) : target / value;
  } else {
    completion = target <= 0 ? (value >= target ? 1 : 0) : value / target;
  }
  return Math.max(0, Math.min(COMPLETION_CAP, completion));
}

/** Status from completion and the share of the period elapsed (0–1). */
export function statusOf(completion: number | null, elapsed: number, booleanPoint: boolean): PointStatus | null {
  if (completion === null) return null;
  if (completion > 1 + EPSILON) return PointStatus.Exceeded;
  if (Math.abs(completion - 1) <= EPSILON) return PointStatus.Completed;
  if (elapsed >= 1) return PointStatus.NotAchievable;
  if (booleanPoint) return PointStatus.AtRisk;
  if (completion + EPSILON >= elapsed) return PointStatus.OnTrack;
  if (completion + EPSILON >= AT_RISK_SHARE * elapsed) return PointStatus.AtRisk;
  return PointStatus.NotAchievable;
}

/** A point's score: clamped completion ×100; a point with a target but no value scores 0 (missing never agrees). */
export function pointScore(completion: number | null, hasTarget: boolean): number | null {
  if (!hasTarget) return null;
  return completion === null ? 0 : Math.min(1, completion) * 100;
}

export function isBooleanResult(point: PointDefinition): boolean {
  return point.valueType === ValueType.Boolean && point.aggregation !== Aggregation.CountTrue;
}

export interface TreeInput {
  document: FrameworkDocument;
  /** The period's target per point (its override, else the framework default). */
  targets: ReadonlyMap<string, number | boolean>;
  aggregates: ReadonlyMap<string, PointAggregate>;
  elapsed: number;
}

/**
 * Computes every node bottom-up. `only`, when given, limits the work to those points
 * and their ancestors (an incremental roll-up), reusing `previous` for the rest.
 */
export function computeTree(input: TreeInput, previous?: RollupResult, only?: ReadonlySet<string>): RollupResult {
  const nodes: Record<string, NodeResult> = previous ? { ...previous.nodes } : {};
  const onPath = only ? ancestorsAndSelf(input.document, only) : undefined;
  const visit = (node: FrameworkNode, depth: number): NodeResult => {
    if (onPath && !onPath.has(node.code) && nodes[node.code]) return nodes[node.code];
    const result = node.point ? pointResult(node, depth, input) : groupResult(node, depth, visit);
    nodes[node.code] = result;
    return result;
  };
  const top = input.document.nodes.map((node) => ({ node, result: visit(node, 1) }));
  const vetoFailed = Object.values(nodes)
    .filter((n) => n.vetoFailed)
    .map((n) => n.code)
    .sort();
  const expected = top.reduce((sum, { result }) => sum + result.expected, 0);
  const approved = top.reduce((sum, { result }) => sum + result.approved, 0);
  const onTime = top.reduce((sum, { result }) => sum + result.onTime, 0);
  return {
    nodes,
    overall: {
      score: weightedScore(top.map(({ node, result }) => ({ weight: node.weight ?? 1, score: result.score }))),
      expected,
      approved,
      onTime,
      completeness: expected > 0 ? approved / expected : null,
      timeliness: expected > 0 ? onTime / expected : null,
      vetoFailed,
      passed: vetoFailed.length === 0,
    },
  };
}

function pointResult(node: FrameworkNode, depth: number, input: TreeInput): NodeResult {
  const point = node.point as PointDefinition;
  const aggregate = input.aggregates.get(node.code) ?? { value: null, approved: 0, expected: 0, onTime: 0 };
  const target = input.targets.get(node.code) ?? null;
  const completion = completionOf(point, aggregate.value, target);
  return {
    code: node.code,
    depth,
    isPoint: true,
    value: aggregate.value,
    target,
    completion,
    status: statusOf(completion, input.elapsed, isBooleanResult(point)),
    score: pointScore(completion, target !== null),
    expected: aggregate.expected,
    approved: aggregate.approved,
    onTime: aggregate.onTime,
    ...(point.veto ? { vetoFailed: completion !== null && completion < 1 - EPSILON } : {}),
  };
}

function groupResult(
  node: FrameworkNode,
  depth: number,
  visit: (node: FrameworkNode, depth: number) => NodeResult,
): NodeResult {
  const children = (node.children ?? []).map((child) => ({ child, result: visit(child, depth + 1) }));
  return {
    code: node.code,
    depth,
    isPoint: false,
    value: null,
    target: null,
    completion: null,
    status: null,
    score: weightedScore(children.map(({ child, result }) => ({ weight: child.weight ?? 1, score: result.score }))),
    expected: children.reduce((sum, { result }) => sum + result.expected, 0),
    approved: children.reduce((sum, { result }) => sum + result.approved, 0),
    onTime: children.reduce((sum, { result }) => sum + result.onTime, 0),
  };
}

/** Weighted mean of the scored children with a positive weight; null when none is scored. */
export function weightedScore(children: Array<{ weight: number; score: number | null }>): number | null {
  let weights = 0;
  let total = 0;
  for (const { weight, score } of children) {
    if (score === null || !(weight > 0)) continue;
    weights += weight;
    total += weight * score;
  }
  return weights > 0 ? total / weights : null;
}

/** The codes of `codes` and of every node above them. */
export function ancestorsAndSelf(document: FrameworkDocument, codes: ReadonlySet<string>): Set<string> {
  const found = new Set<string>();
  const visit = (node: FrameworkNode, path: string[]): void => {
    const here = [...path, node.code];
    if (codes.has(node.code)) for (const code of here) found.add(code);
    for (const child of node.children ?? []) visit(child, here);
  };
  for (const node of document.nodes) visit(node, []);
  return found;
}
