import { MissingValueStrategy, RuleOperator } from '../entities/indicator-enums';
import { CrossPointRule } from './framework-document';

const HOLDS: Record<RuleOperator, (left: number, right: number) => boolean> = {
  [RuleOperator.LessOrEqual]: (l, r) => l <= r,
  [RuleOperator.Less]: (l, r) => l < r,
  [RuleOperator.GreaterOrEqual]: (l, r) => l >= r,
  [RuleOperator.Greater]: (l, r) => l > r,
  [RuleOperator.Equal]: (l, r) => l === r,
};

/**
 * Whether `left operator right` holds for one organization's values; the reason it
 * does not, or undefined. A missing side follows the rule's strategy: `skip` waits,
 * `fail` fails, `zero` counts it as 0.
 */
export function checkRule(rule: CrossPointRule, left: number | null, right: number | null): string | undefined {
  if (left === null || right === null) {
    if (rule.missing === MissingValueStrategy.Skip) return undefined;
    if (rule.missing === MissingValueStrategy.Fail) {
      return `${rule.left} ${rule.operator} ${rule.right} cannot be checked: ${left === null ? rule.left : rule.right} has no value`;
    }
  }
  const l = left ?? 0;
  const r = right ?? 0;
  if (HOLDS[rule.operator](l, r)) return undefined;
  return `${rule.left} (${l}) ${rule.operator} ${rule.right} (${r}) does not hold${rule.message ? `: ${rule.message.en}` : ''}`;
}
