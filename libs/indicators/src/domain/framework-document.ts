import {
  Aggregation,
  AUTO_REPORTER_PREFIX,
  Direction,
  MissingValueStrategy,
  ReporterKind,
  RuleOperator,
  ValueType,
} from '../entities/indicator-enums';

/**
 * An indicator framework as a document: the form it is imported, exported, stored
 * and compared in. A tree of any depth whose leaves are observation points (观测点);
 * inner nodes are indicators at some level (一级指标 / 二级指标 / …).
 */
export interface LocalizedName {
  'zh-CN': string;
  en: string;
}

export interface PointDefinition {
  /** Display unit, e.g. 个, 人, %, 万元, 位次. */
  unit: string;
  valueType: ValueType;
  direction: Direction;
  aggregation: Aggregation;
  /** weighted_mean: the point whose values weigh each report (e.g. graduates). */
  weightBy?: string;
  /** ratio: the value is aggregate(numerator) / aggregate(denominator) (×100 for percent points). */
  numerator?: string;
  denominator?: string;
  /** `school`, `enterprise`, `secretariat`, `derived` (ratio points) or `auto:<source>`. */
  reporter: string;
  /** Default target (a period may override it); booleans for boolean points. */
  target?: number | boolean | null;
  /** 否定性: failing this point fails the consortium whatever its score. */
  veto?: boolean;
  evidenceRequired?: boolean;
  /** Validation bounds of a reported value. */
  min?: number | null;
  max?: number | null;
}

export interface FrameworkNode {
  code: string;
  name: LocalizedName;
  /** Weight among its siblings in the composite score (default 1). */
  weight?: number;
  children?: FrameworkNode[];
  /** Present on leaves only: the node is an observation point. */
  point?: PointDefinition;
}

/** A cross-point rule: `left operator right`, e.g. employed-in-park ≤ graduates. */
export interface CrossPointRule {
  code: string;
  left: string;
  operator: RuleOperator;
  right: string;
  missing: MissingValueStrategy;
  message?: LocalizedName;
}

export interface FrameworkDocument {
  code: string;
  name: LocalizedName;
  description?: string;
  nodes: FrameworkNode[];
  rules?: CrossPointRule[];
}

export const DERIVED_REPORTER = 'derived';

export interface DocumentProblem {
  /** Dotted path into the document, e.g. `nodes.0.children.2.point.aggregation`. */
  field: string;
  problem: string;
}

const CODE = /^[A-Za-z0-9][A-Za-z0-9._-]{0,39}$/;
const SOURCE = /^[a-z][a-z0-9_.-]{1,63}$/;
const MAX_NODES = 5_000;
const MAX_DEPTH = 8;
const NUMERIC_TYPES: readonly ValueType[] = [ValueType.Number, ValueType.Percent, ValueType.Count, ValueType.Money];
const BOOLEAN_AGGREGATIONS: readonly Aggregation[] = [
  Aggregation.CountTrue,
  Aggregation.AllTrue,
  Aggregation.AnyTrue,
  Aggregation.Latest,
];
const NUMERIC_AGGREGATIONS: readonly Aggregation[] = [
  Aggregation.Sum,
  Aggregation.Mean,
  Aggregation.WeightedMean,
  Aggregation.Min,
  Aggregation.Max,
  Aggregation.Latest,
  Aggregation.Ratio,
];

export function isNumericType(type: ValueType): boolean {
  return NUMERIC_TYPES.includes(type);
}

/** A point's value after aggregation: count_true counts, all_true/any_true stay booleans. */
export function aggregatedType(point: PointDefinition): ValueType {
  if (point.aggregation === Aggregation.CountTrue) return ValueType.Count;
  return point.valueType;
}

export function isValidReporter(reporter: unknown): reporter is string {
  if (typeof reporter !== 'string') return false;
  if (reporter === DERIVED_REPORTER) return true;
  if (reporter.startsWith(AUTO_REPORTER_PREFIX)) return SOURCE.test(reporter.slice(AUTO_REPORTER_PREFIX.length));
  return (Object.values(ReporterKind) as string[]).includes(reporter);
}

/** Every node with its path, depth (1 = first level) and parent, in document order. */
export interface FlatNode {
  node: FrameworkNode;
  path: string;
  depth: number;
  parentCode: string | null;
  position: number;
}

export function flattenNodes(document: Pick<FrameworkDocument, 'nodes'>): FlatNode[] {
  const out: FlatNode[] = [];
  const visit = (nodes: FrameworkNode[], path: string, depth: number, parentCode: string | null) =>
    nodes.forEach((node, index) => {
      const own = `${path}.${index}`;
      out.push({ node, path: own, depth, parentCode, position: index });
      if (Array.isArray(node.children)) visit(node.children, `${own}.children`, depth + 1, node.code);
    });
  if (Array.isArray(document.nodes)) visit(document.nodes, 'nodes', 1, null);
  return out;
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function nameProblems(name: unknown, field: string): DocumentProblem[] {
  if (!isRecord(name)) return [{ field, problem: 'must be an object with zh-CN and en names' }];
  return (['zh-CN', 'en'] as const).flatMap((locale) => {
    const value = name[locale];
    return typeof value === 'string' && value.trim().length > 0 && value.length <= 200
      ? []
      : [{ field: `${field}.${locale}`, problem: 'must be a name of 1–200 characters' }];
  });
}

function finite(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}

/**
 * Everything wrong with a framework document, by path; empty when it can be stored.
 * Checked: shapes and lengths, unique codes, points only at leaves, aggregation fitting
 * the value type, references of weighted means, ratios and rules to numeric points,
 * bounds and targets, reporters.
 */
export function checkFrameworkDocument(input: unknown): DocumentProblem[] {
  if (!isRecord(input)) return [{ field: '', problem: 'must be a framework document (a JSON object)' }];
  const problems: DocumentProblem[] = [];
  const add = (field: string, problem: string) => problems.push({ field, problem });
  if (typeof input.code !== 'string' || !CODE.test(input.code)) {
    add('code', 'must be 1–40 letters, digits, dots, dashes or underscores');
  }
  problems.push(...nameProblems(input.name, 'name'));
  if (input.description !== undefined && (typeof input.description !== 'string' || input.description.length > 2000)) {
    add('description', 'must be text of at most 2000 characters');
  }
  if (!Array.isArray(input.nodes) || input.nodes.length === 0) {
    add('nodes', 'must list at least one first-level indicator');
    return problems;
  }
  const document = input as unknown as FrameworkDocument;
  const flat = flattenNodes(document);
  if (flat.length > MAX_NODES) {
    add('nodes', `has ${flat.length} nodes; at most ${MAX_NODES}`);
    return problems;
  }
  const points = new Map<string, { point: PointDefinition; path: string }>();
  const checked: Array<{ code: string; point: PointDefinition; path: string }> = [];
  const seen = new Map<string, string>();
  for (const { node, path, depth } of flat) {
    if (!isRecord(node)) {
      add(path, 'must be a node object');
      continue;
    }
    if (depth > MAX_DEPTH) add(path, `is nested deeper than ${MAX_DEPTH} levels`);
    if (typeof node.code !== 'string' || !CODE.test(node.code)) {
      add(`${path}.code`, 'must be 1–40 letters, digits, dots, dashes or underscores');
    } else if (seen.has(node.code)) {
      add(`${path}.code`, `${node.code} is already used at ${seen.get(node.code)}`);
    } else {
      seen.set(node.code, path);
    }
    problems.push(...nameProblems(node.name, `${path}.name`));
    if (node.weight !== undefined && !(finite(node.weight) && node.weight >= 0 && node.weight <= 1000)) {
      add(`${path}.weight`, 'must be a number from 0 to 1000');
    }
    const hasChildren = Array.isArray(node.children) && node.children.length > 0;
    if (node.children !== undefined && !Array.isArray(node.children)) add(`${path}.children`, 'must be a list');
    if (hasChildren && node.point !== undefined) {
      add(`${path}.point`, 'an indicator with children is not an observation point (points are leaves)');
    } else if (!hasChildren && node.point === undefined) {
      add(path, 'a leaf must be an observation point (give it a point definition) or have children');
    } else if (node.point !== undefined) {
      const point = node.point as unknown;
      if (!isRecord(point)) add(`${path}.point`, 'must be an object');
      else if (typeof node.code === 'string') {
        const entry = { point: point as unknown as PointDefinition, path: `${path}.point` };
        checked.push({ code: node.code, ...entry });
        // References resolve to the first node of a code (a duplicate is reported above).
        if (!points.has(node.code)) points.set(node.code, entry);
      }
    }
  }
  for (const { code, point, path } of checked) problems.push(...pointProblems(code, point, path, points));
  problems.push(...ruleProblems(input.rules, points, seen));
  return problems;
}

function pointProblems(
  code: string,
  point: PointDefinition,
  path: string,
  points: ReadonlyMap<string, { point: PointDefinition }>,
): DocumentProblem[] {
  const problems: DocumentProblem[] = [];
  const add = (field: string, problem: string) => problems.push({ field: `${path}.${field}`, problem });
  if (typeof point.unit !== 'string' || point.unit.length > 20) add('unit', 'must be a unit of at most 20 characters');
  if (!(Object.values(ValueType) as string[]).includes(point.valueType)) {
    add('valueType', `must be one of: ${Object.values(ValueType).join(', ')}`);
    return problems;
  }
  if (!(Object.values(Direction) as string[]).includes(point.direction)) {
    add('direction', `must be one of: ${Object.values(Direction).join(', ')}`);
  }
  const allowed =
    point.valueType === ValueType.Boolean
      ? BOOLEAN_AGGREGATIONS
      : point.valueType === ValueType.Text
        ? [Aggregation.Latest]
        : NUMERIC_AGGREGATIONS;
  if (!allowed.includes(point.aggregation)) {
    add('aggregation', `must be one of: ${allowed.join(', ')} for a ${point.valueType} point`);
  }
  if (!isValidReporter(point.reporter)) {
    add('reporter', `must be school, enterprise, secretariat, derived or auto:<source>`);
  }
  const numericPoint = (field: 'weightBy' | 'numerator' | 'denominator') => {
    const ref = point[field];
    const target = typeof ref === 'string' ? points.get(ref) : undefined;
    if (!target) add(field, `must name another observation point of this framework`);
    else if (ref === code) add(field, 'cannot name the point itself');
    else if (!isNumericType(aggregatedType(target.point))) add(field, `must name a numeric point (${ref} is not)`);
  };
  if (point.aggregation === Aggregation.WeightedMean) numericPoint('weightBy');
  if (point.aggregation === Aggregation.Ratio) {
    numericPoint('numerator');
    numericPoint('denominator');
    if (point.reporter !== DERIVED_REPORTER) add('reporter', 'must be derived for a ratio point (nobody reports it)');
  } else if (point.reporter === DERIVED_REPORTER) {
    add('reporter', 'derived is only for ratio points');
  }
  for (const field of ['min', 'max'] as const) {
    const value = point[field];
    if (value !== undefined && value !== null && !finite(value)) add(field, 'must be a number');
  }
  if (finite(point.min) && finite(point.max) && point.min > point.max) add('max', 'must not be below min');
  const target = point.target;
  if (target !== undefined && target !== null) {
    if (point.valueType === ValueType.Boolean && point.aggregation !== Aggregation.CountTrue) {
      if (typeof target !== 'boolean') add('target', 'must be true or false for a yes/no point');
    } else if (point.valueType === ValueType.Text) {
      add('target', 'a text point has no target');
    } else if (!finite(target)) {
      add('target', 'must be a number');
    } else if ((finite(point.min) && target < point.min) || (finite(point.max) && target > point.max)) {
      add('target', 'must lie within min and max');
    }
  }
  for (const flag of ['veto', 'evidenceRequired'] as const) {
    if (point[flag] !== undefined && typeof point[flag] !== 'boolean') add(flag, 'must be true or false');
  }
  if (point.veto && point.valueType === ValueType.Text) add('veto', 'a text point cannot be a veto point');
  return problems;
}

function ruleProblems(
  rules: unknown,
  points: ReadonlyMap<string, { point: PointDefinition }>,
  codes: Map<string, string>,
): DocumentProblem[] {
  if (rules === undefined) return [];
  if (!Array.isArray(rules)) return [{ field: 'rules', problem: 'must be a list' }];
  const problems: DocumentProblem[] = [];
  rules.forEach((rule: unknown, index) => {
    const path = `rules.${index}`;
    const add = (field: string, problem: string) => problems.push({ field: `${path}.${field}`, problem });
    if (!isRecord(rule)) {
      problems.push({ field: path, problem: 'must be a rule object' });
      return;
    }
    if (typeof rule.code !== 'string' || !CODE.test(rule.code)) add('code', 'must be 1–40 letters, digits or dashes');
    else if (codes.has(rule.code)) add('code', `${rule.code} is already used at ${codes.get(rule.code)}`);
    else codes.set(rule.code, path);
    for (const side of ['left', 'right'] as const) {
      const ref = rule[side];
      const target = typeof ref === 'string' ? points.get(ref) : undefined;
      if (!target) add(side, 'must name an observation point of this framework');
      else if (!isNumericType(aggregatedType(target.point)))
        add(side, `must name a numeric point (${String(ref)} is not)`);
    }
    if (!(Object.values(RuleOperator) as string[]).includes(rule.operator as string)) {
      add('operator', `must be one of: ${Object.values(RuleOperator).join(' ')}`);
    }
    if (!(Object.values(MissingValueStrategy) as string[]).includes(rule.missing as string)) {
      add('missing', `must be one of: ${Object.values(MissingValueStrategy).join(', ')}`);
    }
    if (rule.message !== undefined) problems.push(...nameProblems(rule.message, `${path}.message`));
  });
  return problems;
}

/**
 * The stored form of a valid document: defaults written out (weight 1, veto and
 * evidence false) and empty optional fields left out, so a document compares equal
 * to its own export however it was written (JSON or workbook).
 */
export function normalizeFrameworkDocument(document: FrameworkDocument): FrameworkDocument {
  const normalizePoint = (point: PointDefinition): PointDefinition => {
    const out: PointDefinition = {
      unit: point.unit,
      valueType: point.valueType,
      direction: point.direction,
      aggregation: point.aggregation,
      reporter: point.reporter,
      veto: point.veto === true,
      evidenceRequired: point.evidenceRequired === true,
    };
    for (const key of ['weightBy', 'numerator', 'denominator'] as const) if (point[key]) out[key] = point[key];
    if (point.target !== undefined && point.target !== null) out.target = point.target;
    if (typeof point.min === 'number') out.min = point.min;
    if (typeof point.max === 'number') out.max = point.max;
    return out;
  };
  const normalizeNode = (node: FrameworkNode): FrameworkNode => ({
    code: node.code,
    name: { 'zh-CN': node.name['zh-CN'].trim(), en: node.name.en.trim() },
    weight: node.weight ?? 1,
    ...(node.point ? { point: normalizePoint(node.point) } : { children: (node.children ?? []).map(normalizeNode) }),
  });
  return {
    code: document.code,
    name: { 'zh-CN': document.name['zh-CN'].trim(), en: document.name.en.trim() },
    ...(document.description ? { description: document.description } : {}),
    nodes: document.nodes.map(normalizeNode),
    rules: (document.rules ?? []).map((rule) => ({
      code: rule.code,
      left: rule.left,
      operator: rule.operator,
      right: rule.right,
      missing: rule.missing,
      ...(rule.message ? { message: rule.message } : {}),
    })),
  };
}
