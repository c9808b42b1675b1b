export interface EnumLabel {
  'zh-CN': string;
  en: string;
}

export interface EnumDescription {
  name: string;
  values: Array<{ value: string; labels: EnumLabel }>;
}

const registry = new Map<string, EnumDescription>();

/**
 * Declares the zh-CN and en display labels of an enum, served by
 * `GET /api/v1/meta/enums`. The label map is keyed by the enum's values, so a
 * value without labels fails to compile.
 */
export function defineEnumLabels<V extends string>(name: string, labels: Record<V, EnumLabel>): Record<V, EnumLabel> {
  if (registry.has(name)) throw new Error(`Enum labels "${name}" defined twice`);
  registry.set(name, {
    name,
    values: (Object.entries(labels) as Array<[string, EnumLabel]>).map(([value, label]) => ({ value, labels: label })),
  });
  return labels;
}

export function listEnumLabels(): EnumDescription[] {
  return [...registry.values()].sort((a, b) => a.name.localeCompare(b.name));
}
