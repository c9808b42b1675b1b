import { Aggregation, Direction, ValueType } from '../../entities/indicator-enums';
import { DEFAULT_FRAMEWORK } from '../default-framework';
import { checkFrameworkDocument, FrameworkDocument, flattenNodes } from '../framework-document';
import { diffFrameworks } from '../framework-diff';

const clone = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

function small(): FrameworkDocument {
  return {
    code: 'T1',
    name: { 'zh-CN': '测试', en: 'Test' },
    nodes: [
      {
        code: 'A',
        name: { 'zh-CN': '一级', en: 'First' },
        children: [
          {
            code: 'A.1',
            name: { 'zh-CN': '毕业生', en: 'Graduates' },
            point: {
              unit: '人',
              valueType: ValueType.Count,
              direction: Direction.HigherBetter,
              aggregation: Aggregation.Sum,
              reporter: 'school',
              target: 100,
            },
          },
          {
            code: 'A.2',
            name: { 'zh-CN': '就业率', en: 'Employment' },
            point: {
              unit: '%',
              valueType: ValueType.Percent,
              direction: Direction.HigherBetter,
              aggregation: Aggregation.WeightedMean,
              weightBy: 'A.1',
              reporter: 'school',
              target: 60,
              min: 0,
              max: 100,
            },
          },
        ],
      },
    ],
  };
}

describe('framework documents', () => {
  it('accepts the default framework and a small valid one', () => {
    expect(checkFrameworkDocument(DEFAULT_FRAMEWORK)).toEqual([]);
    expect(checkFrameworkDocument(small())).toEqual([]);
    const flat = flattenNodes(DEFAULT_FRAMEWORK);
    expect(flat.filter((n) => n.depth === 1)).toHaveLength(7);
    expect(flat.filter((n) => n.node.point?.veto).map((n) => n.node.code)).toEqual(['D7.1', 'D7.2']);
  });

  type Mutation = [string, (doc: FrameworkDocument) => void, string];
  const point = (doc: FrameworkDocument, index: number) => doc.nodes[0].children![index].point!;
  it.each<Mutation>([
    ['a duplicate code', (d) => (d.nodes[0].children![1].code = 'A.1'), 'nodes.0.children.1.code'],
    ['a point with children', (d) => (d.nodes[0].point = point(d, 0)), 'nodes.0.point'],
    ['a leaf that is no point', (d) => delete d.nodes[0].children![0].point, 'nodes.0.children.0'],
    ['sum of a boolean', (d) => (point(d, 0).valueType = ValueType.Boolean), 'nodes.0.children.0.point.aggregation'],
    ['a weighted mean by an unknown point', (d) => (point(d, 1).weightBy = 'Z'), 'nodes.0.children.1.point.weightBy'],
    ['a weighted mean by itself', (d) => (point(d, 1).weightBy = 'A.2'), 'nodes.0.children.1.point.weightBy'],
    ['min above max', (d) => (point(d, 1).min = 101), 'nodes.0.children.1.point.max'],
    ['a target outside the bounds', (d) => (point(d, 1).target = 120), 'nodes.0.children.1.point.target'],
    ['a bad reporter', (d) => (point(d, 0).reporter = 'ministry'), 'nodes.0.children.0.point.reporter'],
    [
      'an auto source with spaces',
      (d) => (point(d, 0).reporter = 'auto:my source'),
      'nodes.0.children.0.point.reporter',
    ],
    ['derived outside a ratio', (d) => (point(d, 0).reporter = 'derived'), 'nodes.0.children.0.point.reporter'],
    [
      'an unknown value type',
      (d) => ((point(d, 0) as { valueType: string }).valueType = 'float'),
      'nodes.0.children.0.point.valueType',
    ],
    ['a missing English name', (d) => ((d.nodes[0].name as { en?: string }).en = ''), 'nodes.0.name.en'],
    ['a negative weight', (d) => (d.nodes[0].weight = -1), 'nodes.0.weight'],
    ['no nodes', (d) => (d.nodes = []), 'nodes'],
    [
      'a rule on an unknown point',
      (d) => (d.rules = [{ code: 'R', left: 'A.1', operator: '<=' as never, right: 'B', missing: 'skip' as never }]),
      'rules.0.right',
    ],
    [
      'a rule with a bad operator',
      (d) => (d.rules = [{ code: 'R', left: 'A.1', operator: '!=' as never, right: 'A.2', missing: 'skip' as never }]),
      'rules.0.operator',
    ],
  ])('refuses %s, naming the field', (_label, mutate, field) => {
    const doc = small();
    mutate(doc);
    expect(checkFrameworkDocument(doc).map((p) => p.field)).toContain(field);
  });

  it('refuses a ratio point someone would report, and a ratio of a yes/no point', () => {
    const doc = clone(DEFAULT_FRAMEWORK);
    const ratio = doc.nodes[0].children![1].point!;
    ratio.reporter = 'secretariat';
    ratio.numerator = 'D3.3';
    const fields = checkFrameworkDocument(doc).map((p) => p.field);
    expect(fields).toEqual(
      expect.arrayContaining(['nodes.0.children.1.point.reporter', 'nodes.0.children.1.point.numerator']),
    );
  });

  it('diffs two versions node by node', () => {
    const before = small();
    const after = small();
    after.nodes[0].children![0].point!.target = 120;
    after.nodes[0].children!.push({
      code: 'A.3',
      name: { 'zh-CN': '新增', en: 'New' },
      point: { ...after.nodes[0].children![0].point!, target: 1 },
    });
    after.nodes[0].name['zh-CN'] = '一级指标';
    const diff = diffFrameworks(before, after);
    expect(diff.added).toEqual([{ code: 'A.3', parent: 'A', name: '新增' }]);
    expect(diff.removed).toEqual([]);
    expect(diff.changed).toEqual([
      {
        code: 'A',
        fields: { name: { from: { 'zh-CN': '一级', en: 'First' }, to: { 'zh-CN': '一级指标', en: 'First' } } },
      },
      { code: 'A.1', fields: { 'point.target': { from: 100, to: 120 } } },
    ]);
    expect(diff.identicalTree).toBe(false);
    expect(diffFrameworks(before, clone(before)).identicalTree).toBe(true);
  });
});
