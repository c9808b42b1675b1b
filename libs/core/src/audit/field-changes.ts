/**
 * What a PATCH really changes: the fields of `patch` that are set and differ from
 * `current` (compared as JSON, so arrays and nested objects compare by value),
 * and the same as an audit diff `{ field: { from, to } }`.
 */
export function fieldChanges<T extends object>(
  current: T,
  patch: object,
): { changes: Partial<T>; diff: Record<string, { from: unknown; to: unknown }> } {
  const changes: Record<string, unknown> = {};
  const diff: Record<string, { from: unknown; to: unknown }> = {};
  for (const [key, to] of Object.entries(patch)) {
    const from = (current as Record<string, unknown>)[key];
    if (to === undefined || JSON.stringify(to) === JSON.stringify(from)) continue;
    changes[key] = to;
    diff[key] = { from, to };
  }
  return { changes: changes as Partial<T>, diff };
}
