import { defineEnumLabels, listEnumLabels } from '../enum-labels';

// Names are unique to this file so they cannot clash with the real registrations.
const prefix = `__test_enum_labels_${process.pid}_${Date.now()}`;

enum Fruit {
  Apple = 'apple',
  Pear = 'pear',
}

describe('defineEnumLabels', () => {
  it('returns the label map unchanged and registers it', () => {
    const labels = {
      [Fruit.Apple]: { 'zh-CN': '苹果', en: 'Apple' },
      [Fruit.Pear]: { 'zh-CN': '梨', en: 'Pear' },
    };
    const name = `${prefix}.fruit`;
    expect(defineEnumLabels<Fruit>(name, labels)).toBe(labels);
    expect(listEnumLabels().find((d) => d.name === name)).toEqual({
      name,
      values: [
        { value: 'apple', labels: { 'zh-CN': '苹果', en: 'Apple' } },
        { value: 'pear', labels: { 'zh-CN': '梨', en: 'Pear' } },
      ],
    });
  });

  it('lists the registered enums sorted by name, whatever the definition order', () => {
    const names = [`${prefix}.zeta`, `${prefix}.alpha`, `${prefix}.mu`];
    for (const name of names) defineEnumLabels(name, { x: { 'zh-CN': 'x', en: 'x' } });
    const listed = listEnumLabels().map((d) => d.name);
    expect(listed.filter((n) => names.includes(n))).toEqual([`${prefix}.alpha`, `${prefix}.mu`, `${prefix}.zeta`]);
    expect(listed).toEqual([...listed].sort((a, b) => a.localeCompare(b)));
  });

  it.each([['once'], ['again, with other labels']])('throws when a name is defined a second time (%s)', () => {
    const name = `${prefix}.duplicate`;
    if (!listEnumLabels().some((d) => d.name === name)) defineEnumLabels(name, { a: { 'zh-CN': '甲', en: 'A' } });
    expect(() => defineEnumLabels(name, { b: { 'zh-CN': '乙', en: 'B' } })).toThrow(
      `Enum labels "${name}" defined twice`,
    );
    // The first definition stays registered.
    expect(listEnumLabels().filter((d) => d.name === name)).toEqual([
      { name, values: [{ value: 'a', labels: { 'zh-CN': '甲', en: 'A' } }] },
    ]);
  });
});
