import { Aggregation, Direction, MissingValueStrategy, RuleOperator, ValueType } from '../entities/indicator-enums';
import { FrameworkDocument, FrameworkNode, PointDefinition } from './framework-document';

export const DEFAULT_FRAMEWORK_CODE = 'CHANJIAO-DEFAULT';

const point = (code: string, zh: string, en: string, definition: PointDefinition, weight = 1): FrameworkNode => ({
  code,
  name: { 'zh-CN': zh, en },
  weight,
  point: definition,
});

const count = (reporter: string, target: number, extra: Partial<PointDefinition> = {}): PointDefinition => ({
  unit: '个',
  valueType: ValueType.Count,
  direction: Direction.HigherBetter,
  aggregation: Aggregation.Sum,
  reporter,
  target,
  min: 0,
  ...extra,
});

const money = (reporter: string, target: number): PointDefinition => ({
  unit: '万元',
  valueType: ValueType.Money,
  direction: Direction.HigherBetter,
  aggregation: Aggregation.Sum,
  reporter,
  target,
  min: 0,
  evidenceRequired: true,
});

const yesNo = (reporter: string, target: boolean, extra: Partial<PointDefinition> = {}): PointDefinition => ({
  unit: '',
  valueType: ValueType.Boolean,
  direction: target ? Direction.HigherBetter : Direction.LowerBetter,
  aggregation: Aggregation.Latest,
  reporter,
  target,
  ...extra,
});

/**
 * The default framework, modelled on the Ministry's conditions for 市域产教联合体
 * (DESIGN.md "Indicator frameworks"): six dimensions with observation points, and the
 * veto (否定性) points. `auto:` points are computed from the capability named.
 */
export const DEFAULT_FRAMEWORK: FrameworkDocument = {
  code: DEFAULT_FRAMEWORK_CODE,
  name: {
    'zh-CN': '市域产教联合体建设指标（默认）',
    en: 'Municipal industry–education consortium indicators (default)',
  },
  description:
    '依据《关于开展市域产教联合体建设的通知》（教职成厅函〔2023〕15号）和建设标准（教职成厅函〔2024〕20号）设置的默认指标体系。' +
    ' Default framework after the Ministry of Education notices of 2023 and 2024.',
  nodes: [
    {
      code: 'D1',
      name: { 'zh-CN': '产业基础', en: 'Industrial base' },
      weight: 15,
      children: [
        point('D1.1', '园区产值省内排名', 'Park output value rank in the province', {
          unit: '位次',
          valueType: ValueType.Number,
          direction: Direction.LowerBetter,
          aggregation: Aggregation.Min,
          reporter: 'secretariat',
          target: 10,
          min: 1,
          evidenceRequired: true,
        }),
        point('D1.2', '主导产业企业占成员企业比例', 'Share of leading-industry enterprises among member enterprises', {
          unit: '%',
          valueType: ValueType.Percent,
          direction: Direction.HigherBetter,
          aggregation: Aggregation.Ratio,
          numerator: 'D1.2a',
          denominator: 'D1.2b',
          reporter: 'derived',
          target: 60,
          min: 0,
          max: 100,
        }),
        point(
          'D1.2a',
          '主导产业成员企业数',
          'Member enterprises in the leading industries',
          count('auto:consortia.leading_industry_enterprises', 20),
          0,
        ),
        point('D1.2b', '成员企业数', 'Member enterprises', count('auto:consortia.member_enterprises', 30), 0),
      ],
    },
    {
      code: 'D2',
      name: { 'zh-CN': '教育资源', en: 'Education resources' },
      weight: 15,
      children: [
        point(
          'D2.1',
          '成员中职学校数',
          'Member secondary vocational schools',
          count('auto:consortia.secondary_vocational_schools', 3),
        ),
        point(
          'D2.2',
          '成员高职（含职业本科）院校数',
          'Member higher vocational colleges (incl. vocational bachelor)',
          count('auto:consortia.higher_vocational_schools', 2),
        ),
        point(
          'D2.3',
          '成员普通本科院校数',
          'Member general universities',
          count('auto:consortia.general_bachelor_schools', 1),
        ),
        point('D2.4', '共享实训基地数', 'Shared training bases', count('auto:training_bases.shared_bases', 3)),
        point(
          'D2.5',
          '校企共建产业学院数',
          'Industry colleges built with enterprises',
          count('school', 5, { evidenceRequired: true }),
        ),
      ],
    },
    {
      code: 'D3',
      name: { 'zh-CN': '组织治理', en: 'Governance' },
      weight: 15,
      children: [
        point(
          'D3.1',
          '理事会由政府、企业、学校、科研机构多方组成',
          'Council seats government, enterprise, school and research',
          yesNo('auto:consortia.council_multi_party', true),
        ),
        point('D3.2', '理事会会议召开次数', 'Council meetings held', count('auto:consortia.council_meetings_held', 2)),
        point(
          'D3.3',
          '联合体章程已审议通过',
          'Charter adopted',
          yesNo('secretariat', true, { evidenceRequired: true }),
        ),
      ],
    },
    {
      code: 'D4',
      name: { 'zh-CN': '人才培养', en: 'Talent cultivation' },
      weight: 20,
      children: [
        point('D4.1', '贯通培养、分段培养项目数', 'Through and staged training projects', count('school', 5)),
        point('D4.2', '订单班、现代学徒制学生数', 'Order-class and apprenticeship students', {
          ...count('school', 300),
          unit: '人',
        }),
        point('D4.3', '毕业生园区就业率', 'Graduates employed in the park', {
          unit: '%',
          valueType: ValueType.Percent,
          direction: Direction.HigherBetter,
          aggregation: Aggregation.WeightedMean,
          weightBy: 'D4.3w',
          reporter: 'school',
          target: 60,
          min: 0,
          max: 100,
        }),
        point('D4.3w', '毕业生人数', 'Graduates', { ...count('school', 1000), unit: '人' }, 0),
        point('D4.4', '企业发布人才需求人数', 'Headcount in published enterprise demand', {
          ...count('auto:talent.published_demand_headcount', 500),
          unit: '人',
        }),
        point('D4.5', '人才需求匹配率', 'Share of demand with a matching programme', {
          unit: '%',
          valueType: ValueType.Percent,
          direction: Direction.HigherBetter,
          aggregation: Aggregation.Latest,
          reporter: 'auto:talent.matched_demand_share',
          target: 70,
          min: 0,
          max: 100,
        }),
      ],
    },
    {
      code: 'D5',
      name: { 'zh-CN': '服务发展', en: 'Serving industry' },
      weight: 20,
      children: [
        point('D5.1', '横向技术服务到款额', 'Technology service contract income', money('school', 500)),
        point(
          'D5.2',
          '解决技术难题、专利成果转化数',
          'Technology problems solved and patents transferred',
          count('school', 20),
        ),
        point('D5.3', '企业职工培训人次', 'Enterprise staff training (participant-times)', {
          ...count('auto:training_plans.participant_times', 5000),
          unit: '人次',
        }),
        point('D5.4', '培训到账经费', 'Training funds received', {
          ...money('auto:training_plans.funds_received', 200),
          evidenceRequired: false,
        }),
      ],
    },
    {
      code: 'D6',
      name: { 'zh-CN': '保障条件', en: 'Safeguards' },
      weight: 15,
      children: [
        point('D6.1', '财政资金投入', 'Fiscal funds invested', money('secretariat', 1000)),
        point('D6.2', '社会、行业资本投入', 'Social and industry capital invested', money('enterprise', 2000)),
        point(
          'D6.3',
          '落实金融、财政、税收、土地、信用、就业、收入等激励政策项数',
          'Incentive policy measures in force (finance, fiscal, tax, land, credit, employment, income)',
          count('secretariat', 7, { aggregation: Aggregation.Latest, max: 7, evidenceRequired: true }),
        ),
      ],
    },
    {
      code: 'D7',
      name: { 'zh-CN': '否定性指标', en: 'Veto indicators' },
      weight: 0,
      children: [
        point(
          'D7.1',
          '发生重大安全事故',
          'A serious safety incident occurred',
          yesNo('secretariat', false, { veto: true }),
          0,
        ),
        point('D7.2', '存在弄虚作假行为', 'False reporting found', yesNo('secretariat', false, { veto: true }), 0),
      ],
    },
  ],
  rules: [
    {
      code: 'R1',
      left: 'D1.2a',
      operator: RuleOperator.LessOrEqual,
      right: 'D1.2b',
      missing: MissingValueStrategy.Skip,
      message: {
        'zh-CN': '主导产业成员企业数不能超过成员企业数',
        en: 'Leading-industry enterprises cannot exceed member enterprises',
      },
    },
  ],
};
