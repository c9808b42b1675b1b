import { CrossPointRule, FrameworkDocument, flattenNodes } from './framework-document';

export interface FieldChange {
  from: unknown;
  to: unknown;
}

export interface NodeChange {
  code: string;
  /** `name`, `weight`, `parent`, `point.target`, … */
  fields: Record<string, FieldChange>;
}

export interface FrameworkDiff {
  added: Array<{ code: string; parent: string | null; name: string }>;
  removed: Array<{ code: string; parent: string | null; name: string }>;
  changed: NodeChange[];
  rules: { added: string[]; removed: string[]; changed: NodeChange[] };
  /** Nothing differs but the framework's own name or description. */
  identicalTree: boolean;
}

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/** Compared fields of a node, flattened so a changed point attribute is named by itself. */
function comparable(node: { name: unknown; weight?: number; point?: object }, parent: string | null) {
  const fields: Record<string, unknown> = { name: node.name, weight: node.weight ?? 1, parent };
  for (const [key, value] of Object.entries(node.point ?? {})) fields[`point.${key}`] = value;
  if (!node.point) fields.point = null;
  return fields;
}

function fieldDiff(from: Record<string, unknown>, to: Record<string, unknown>): Record<string, FieldChange> {
  const out: Record<string, FieldChange> = {};
  for (const key of new Set([...Object.keys(from), ...Object.keys(to)])) {
    if (!same(from[key], to[key])) out[key] = { from: from[key] ?? null, to: to[key] ?? null };
  }
  return out;
}

/** What changed from one version of a framework to another, node by node (matched by code). */
export function diffFrameworks(from: FrameworkDocument, to: FrameworkDocument): FrameworkDiff {
  const before = new Map(flattenNodes(from).map((flat) => [flat.node.code, flat]));
  const after = new Map(flattenNodes(to).map((flat) => [flat.node.code, flat]));
  const summary = (flat: { node: { code: string; name: { 'zh-CN': string } }; parentCode: string | null }) => ({
    code: flat.node.code,
    parent: flat.parentCode,
    name: flat.node.name['zh-CN'],
  });
  const added = [...after.values()].filter((flat) => !before.has(flat.node.code)).map(summary);
  const removed = [...before.values()].filter((flat) => !after.has(flat.node.code)).map(summary);
  const changed: NodeChange[] = [];
  for (const [code, was] of before) {
    const now = after.get(code);
    if (!now) continue;
    const fields = fieldDiff(comparable(was.node, was.parentCode), comparable(now.node, now.parentCode));
    if (Object.keys(fields).length > 0) changed.push({ code, fields });
  }
  const rulesBefore = new Map((from.rules ?? []).map((rule) => [rule.code, rule]));
  const rulesAfter = new Map((to.rules ?? []).map((rule) => [rule.code, rule]));
  const ruleFields = (rule: CrossPointRule) => ({ ...rule }) as Record<string, unknown>;
  const rules = {
    added: [...rulesAfter.keys()].filter((code) => !rulesBefore.has(code)),
    removed: [...rulesBefore.keys()].filter((code) => !rulesAfter.has(code)),
    changed: [...rulesBefore]
      .filter(([code]) => rulesAfter.has(code))
      .map(([code, rule]) => ({ code, fields: fieldDiff(ruleFields(rule), ruleFields(rulesAfter.get(code)!)) }))
      .filter((change) => Object.keys(change.fields).length > 0),
  };
  const identicalTree =
    added.length === 0 &&
    removed.length === 0 &&
    changed.length === 0 &&
    rules.added.length + rules.removed.length + rules.changed.length === 0;
  return { added, removed, changed, rules, identicalTree };
}
