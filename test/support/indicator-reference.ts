/**
 * The roll-up written straight from docs/indicators.md, one report at a time, with no
 * shortcuts: what the production roll-up (set-based SQL plus the tree computation) must
 * equal on any data. Test code only.
 */
export interface RefPoint {
  code: string;
  valueType: string;
  direction: 'higher_better' | 'lower_better';
  aggregation: string;
  weightBy?: string;
  numerator?: string;
  denominator?: string;
  reporter: string;
  target?: number | boolean;
  veto?: boolean;
}

export interface RefNode {
  code: string;
  weight: number;
  children?: RefNode[];
  point?: RefPoint;
}

export interface RefReport {
  pointCode: string;
  organizationId: string | null;
  value: number | boolean | null;
  approvedAt: string;
  id: string;
}

export interface RefResult {
  values: Record<string, number | boolean | null>;
  completion: Record<string, number | null>;
  status: Record<string, string | null>;
  score: Record<string, number | null>;
  overall: number | null;
  vetoFailed: string[];
}

function pointsOf(nodes: RefNode[]): RefPoint[] {
  const out: RefPoint[] = [];
  for (const node of nodes) {
    if (node.point) out.push(node.point);
    if (node.children) out.push(...pointsOf(node.children));
  }
  return out;
}

export function referenceRollup(nodes: RefNode[], reports: RefReport[], elapsed: number): RefResult {
  const points = pointsOf(nodes);
  const byCode: Record<string, RefPoint> = {};
  for (const point of points) byCode[point.code] = point;
  const values: Record<string, number | boolean | null> = {};

  const aggregate = (point: RefPoint): number | boolean | null => {
    const mine = reports.filter((r) => r.pointCode === point.code && r.value !== null);
    if (point.aggregation === 'ratio') {
      const n = aggregate(byCode[point.numerator as string]);
      const d = aggregate(byCode[point.denominator as string]);
      if (typeof n !== 'number' || typeof d !== 'number' || d === 0) return null;
      return (n / d) * (point.valueType === 'percent' ? 100 : 1);
    }
    if (mine.length === 0) return null;
    const numbers = mine.map((r) => r.value as number);
    switch (point.aggregation) {
      case 'sum': {
        let total = 0;
        for (const n of numbers) total += n;
        return total;
      }
      case 'mean': {
        let total = 0;
        for (const n of numbers) total += n;
        return total / numbers.length;
      }
      case 'min': {
        let best = numbers[0];
        for (const n of numbers) if (n < best) best = n;
        return best;
      }
      case 'max': {
        let best = numbers[0];
        for (const n of numbers) if (n > best) best = n;
        return best;
      }
      case 'latest': {
        let last = mine[0];
        for (const r of mine) {
          if (r.approvedAt > last.approvedAt || (r.approvedAt === last.approvedAt && r.id > last.id)) last = r;
        }
        return last.value;
      }
      case 'count_true': {
        let count = 0;
        for (const r of mine) if (r.value === true) count += 1;
        return count;
      }
      case 'all_true': {
        for (const r of mine) if (r.value !== true) return false;
        return true;
      }
      case 'any_true': {
        for (const r of mine) if (r.value === true) return true;
        return false;
      }
      case 'weighted_mean': {
        let weights = 0;
        let total = 0;
        for (const r of mine) {
          const w = reports.find(
            (x) => x.pointCode === point.weightBy && x.organizationId === r.organizationId && x.value !== null,
          );
          if (!w || typeof w.value !== 'number' || w.value <= 0) continue;
          weights += w.value;
          total += (r.value as number) * w.value;
        }
        return weights > 0 ? total / weights : null;
      }
    }
    throw new Error(`unknown aggregation ${point.aggregation}`);
  };
  for (const point of points) values[point.code] = aggregate(point);

  const completion: Record<string, number | null> = {};
  const status: Record<string, string | null> = {};
  const score: Record<string, number | null> = {};
  const vetoFailed: string[] = [];
  for (const point of points) {
    const value = values[point.code];
    const target = point.target;
    let c: number | null = null;
    if (value !== null && target !== undefined) {
      if (typeof target === 'boolean' || typeof value === 'boolean') c = value === target ? 1 : 0;
      else if (point.direction === 'lower_better') c = value <= 0 ? (target >= value ? 10 : 0) : target / value;
      else c = target <= 0 ? (value >= target ? 1 : 0) : value / target;
      if (c !== null) c = Math.max(0, Math.min(10, c));
    }
    completion[point.code] = c;
    const booleanPoint = point.valueType === 'boolean' && point.aggregation !== 'count_true';
    let s: string | null = null;
    if (c !== null) {
      if (c > 1 + 1e-9) s = 'exceeded';
      else if (Math.abs(c - 1) <= 1e-9) s = 'completed';
      else if (elapsed >= 1) s = 'not_achievable';
      else if (booleanPoint) s = 'at_risk';
      else if (c + 1e-9 >= elapsed) s = 'on_track';
      else if (c + 1e-9 >= 0.5 * elapsed) s = 'at_risk';
      else s = 'not_achievable';
    }
    status[point.code] = s;
    score[point.code] = target === undefined ? null : c === null ? 0 : Math.min(1, c) * 100;
    if (point.veto && c !== null && c < 1 - 1e-9) vetoFailed.push(point.code);
  }
  const nodeScore = (node: RefNode): number | null => {
    if (node.point) return score[node.code];
    let weights = 0;
    let total = 0;
    for (const child of node.children ?? []) {
      const s = nodeScore(child);
      if (s !== null && child.weight > 0) {
        weights += child.weight;
        total += child.weight * s;
      }
    }
    const result = weights > 0 ? total / weights : null;
    score[node.code] = result;
    return result;
  };
  let weights = 0;
  let total = 0;
  for (const node of nodes) {
    const s = nodeScore(node);
    if (s !== null && node.weight > 0) {
      weights += node.weight;
      total += node.weight * s;
    }
  }
  return {
    values,
    completion,
    status,
    score,
    overall: weights > 0 ? total / weights : null,
    vetoFailed: vetoFailed.sort(),
  };
}
