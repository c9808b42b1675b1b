/** Fields of a plan item compared between versions (the item key ties an item across versions). */
export const DIFF_FIELDS = [
  'title',
  'type',
  'providerOrganizationId',
  'openToPublic',
  'targetOrganizationIds',
  'plannedSessions',
  'plannedParticipantTimes',
  'plannedHours',
  'budget',
  'fundingSource',
  'trainingBaseId',
  'description',
] as const;

export type DiffField = (typeof DIFF_FIELDS)[number];
export type DiffItem = { itemKey: string; title: string } & Record<DiffField, unknown>;

export interface FieldChange {
  field: DiffField;
  from: unknown;
  to: unknown;
}

export interface PlanDiff {
  added: Array<{ itemKey: string; title: string }>;
  removed: Array<{ itemKey: string; title: string }>;
  changed: Array<{ itemKey: string; title: string; changes: FieldChange[] }>;
  unchanged: number;
}

function same(a: unknown, b: unknown): boolean {
  if (Array.isArray(a) && Array.isArray(b)) {
    return a.length === b.length && [...a].sort().every((value, i) => value === [...b].sort()[i]);
  }
  if (typeof a === 'string' && typeof b === 'string' && /^-?\d+(\.\d+)?$/.test(a) && /^-?\d+(\.\d+)?$/.test(b)) {
    return Number(a) === Number(b);
  }
  return (a ?? null) === (b ?? null);
}

/** What changed from `base` (the approved version a new one started from) to `next`, item by item. */
export function diffItems(base: readonly DiffItem[], next: readonly DiffItem[]): PlanDiff {
  const before = new Map(base.map((item) => [item.itemKey, item]));
  const after = new Map(next.map((item) => [item.itemKey, item]));
  const diff: PlanDiff = { added: [], removed: [], changed: [], unchanged: 0 };
  for (const item of next) {
    const old = before.get(item.itemKey);
    if (!old) {
      diff.added.push({ itemKey: item.itemKey, title: item.title });
      continue;
    }
    const changes = DIFF_FIELDS.filter((field) => !same(old[field], item[field])).map((field) => ({
      field,
      from: old[field] ?? null,
      to: item[field] ?? null,
    }));
    if (changes.length > 0) diff.changed.push({ itemKey: item.itemKey, title: item.title, changes });
    else diff.unchanged += 1;
  }
  for (const item of base) {
    if (!after.has(item.itemKey)) diff.removed.push({ itemKey: item.itemKey, title: item.title });
  }
  return diff;
}
