import { ValueType } from '../../entities/indicator-enums';
import { PointDefinition } from '../framework-document';
import { reportValueProblem, valueProblemText, type ReportValue } from '../report-value';

type Bounds = Pick<PointDefinition, 'valueType' | 'unit' | 'min' | 'max'>;

const count: Bounds = { valueType: ValueType.Count, unit: '个', min: 0 };
const percent: Bounds = { valueType: ValueType.Percent, unit: '%', min: 0, max: 100 };
const yesNo: Bounds = { valueType: ValueType.Boolean, unit: '' };
const text: Bounds = { valueType: ValueType.Text, unit: '' };
const money: Bounds = { valueType: ValueType.Money, unit: '' };

describe('reportValueProblem: what the API refuses, in the words it uses', () => {
  it.each<[string, Bounds, ReportValue, string | undefined]>([
    ['no value', count, null, undefined],
    ['a whole count', count, 3, undefined],
    ['a fractional count', count, 2.5, 'a whole number'],
    ['a count below its minimum', count, -1, 'at least 0'],
    ['a count sent as text', count, '3', 'a number (个)'],
    ['a percent above its maximum', percent, 100.5, 'at most 100'],
    ['a fractional percent', percent, 62.5, undefined],
    ['money without a unit names its type', money, true, 'a number (money)'],
    ['yes', yesNo, true, undefined],
    ['a number for a yes/no point', yesNo, 1, 'true or false'],
    ['text', text, '已建成', undefined],
    ['a number for a text point', text, 3, 'text'],
  ])('%s', (_label, point, value, expected) => {
    const problem = reportValueProblem(point, value);
    expect(problem ? valueProblemText(problem) : undefined).toBe(expected);
  });
});
