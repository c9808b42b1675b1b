import { OrganizationSize, OrganizationType } from '../../entities/organization-type';
import {
  checkOrganizationRows,
  checkRow,
  ExistingOrganization,
  normalizeContact,
  planImport,
  ValidRow,
} from '../organization-rows';
import { ColumnKey, SheetRow } from '../organization-sheet';

const CODE = '91350100M000100Y43';
const OTHER_CODE = '91110000100017643K';

const row = (cells: Partial<Record<ColumnKey, string>>, number = 2): SheetRow => ({
  row: number,
  cells: { name: '苏州汇川技术有限公司', type: '企业', creditCode: CODE, ...cells },
});

describe('checkRow: one spreadsheet row against the create rules', () => {
  it.each<[string, Partial<Record<ColumnKey, string>>, Record<string, unknown>]>([
    ['a minimal enterprise', {}, { type: OrganizationType.Enterprise, name: '苏州汇川技术有限公司', creditCode: CODE }],
    ['the English type label', { type: 'Enterprise' }, { type: OrganizationType.Enterprise }],
    ['the type code', { type: 'enterprise' }, { type: OrganizationType.Enterprise }],
    [
      'the full-width government label',
      { type: '政府部门（园区管委会）', creditCode: '' },
      { type: OrganizationType.Government },
    ],
    ['a government alias', { type: '园区管委会', creditCode: '' }, { type: OrganizationType.Government }],
    [
      'a school without credit code',
      { type: '高职专科院校', creditCode: '' },
      { type: OrganizationType.HigherVocational },
    ],
    ['a lower-case credit code', { creditCode: CODE.toLowerCase() }, { creditCode: CODE }],
    ['a full-width credit code', { creditCode: '９１３５０１００Ｍ０００１００Ｙ４３' }, { creditCode: CODE }],
    ['a size label', { size: '中型' }, { size: OrganizationSize.Medium }],
    ['an English size', { size: 'micro' }, { size: OrganizationSize.Micro }],
    [
      '是/否 flags',
      { leadingEnterprise: '是', certifiedIntegrationEnterprise: '否', doubleHighSchool: 'TRUE' },
      { leadingEnterprise: true, certifiedIntegrationEnterprise: false, doubleHighSchool: true },
    ],
    [
      'an industry code in lower case, named as the standard names it',
      { industryCode: 'c3484' },
      { industryCode: 'C3484', industryName: '机械零部件加工' },
    ],
    [
      'an industry code with a name of its own',
      { industryCode: 'C3491', industryName: '机器人本体制造' },
      { industryCode: 'C3491', industryName: '机器人本体制造' },
    ],
    [
      'a contact',
      { contactName: '张伟', contactTitle: '经理', contactPhone: '0512-66668888', contactEmail: 'hr@example.cn' },
      { contacts: [{ name: '张伟', title: '经理', phone: '0512-66668888', email: 'hr@example.cn' }] },
    ],
    ['surrounding spaces', { name: '  苏州汇川技术有限公司 ' }, { name: '苏州汇川技术有限公司' }],
  ])('accepts %s', (_label, cells, expected) => {
    const checked = checkRow(row(cells));
    expect(checked.errors).toEqual([]);
    expect(checked.dto).toMatchObject(expected);
  });

  it('leaves empty cells out (they change nothing on an existing organization)', () => {
    const { dto } = checkRow(row({ nameEn: '', district: '', size: '', leadingEnterprise: '' }));
    expect(dto).toBeDefined();
    for (const key of ['nameEn', 'district', 'size', 'leadingEnterprise', 'contacts']) {
      expect((dto as unknown as Record<string, unknown>)[key]).toBeUndefined();
    }
  });

  const LENGTH_ZH = '长度超出允许范围（见“填写说明”）';
  it.each<[string, Partial<Record<ColumnKey, string>>, Array<[string | null, RegExp, string | RegExp]>]>([
    ['a missing name', { name: '' }, [['单位名称', /^is required$/, '必填']]],
    ['a one-character name', { name: '甲' }, [['单位名称', /longer than or equal to 2 characters/, LENGTH_ZH]]],
    ['a missing type', { type: '' }, [['单位类型', /^is required$/, '必填']]],
    [
      'an unknown type',
      { type: '公司' },
      [['单位类型', /'公司' is not an organization type; use one of: .*企业/, /^“公司”不是单位类型，可填：.*企业/]],
    ],
    [
      'an enterprise without credit code',
      { creditCode: '' },
      [['统一社会信用代码', /^is required for enterprises$/, '企业必填']],
    ],
    [
      'a wrong check digit',
      { creditCode: '91350100M000100Y44' },
      [['统一社会信用代码', /check digit should be '3' but is '4'/, '统一社会信用代码校验位应为“3”，实际为“4”']],
    ],
    [
      'a short credit code',
      { creditCode: '9135' },
      [['统一社会信用代码', /must be 18 characters \(got 4\)/, '统一社会信用代码应为 18 位（实际 4 位）']],
    ],
    [
      'an illegal character',
      { creditCode: '91350100I000100Y43' },
      [['统一社会信用代码', /illegal character 'I' at position 9/, /第 9 位含非法字符“I”/]],
    ],
    [
      'a wrong credit code on a school (optional, but checked when given)',
      { type: '中职学校', creditCode: '91350100M000100Y44' },
      [['统一社会信用代码', /check digit/, /校验位/]],
    ],
    [
      'an unknown size',
      { size: '超大型' },
      [
        [
          '企业规模',
          /'超大型' is not a size; use one of: 大型、中型、小型、微型/,
          '“超大型”不是企业规模，可填：大型、中型、小型、微型',
        ],
      ],
    ],
    [
      'a flag that is not 是/否',
      { leadingEnterprise: '也许' },
      [['龙头企业', /'也许' must be 是 or 否/, '“也许”应填 是 或 否']],
    ],
    [
      'a bad industry code',
      { industryCode: 'X9' },
      [['行业代码', /^'X9' is not a GB\/T 4754-2017 industry code/, '“X9”不是国民经济行业分类（GB/T 4754-2017）代码']],
    ],
    [
      'an industry code the standard does not have',
      { industryCode: 'C3' },
      [['行业代码', /^'C3' is not a GB\/T 4754-2017 industry code/, '“C3”不是国民经济行业分类（GB/T 4754-2017）代码']],
    ],
    [
      'a bad e-mail',
      { contactName: '张伟', contactEmail: 'nope' },
      [['联系邮箱', /^must be an email address$/, '邮箱格式不正确']],
    ],
    [
      'a bad phone',
      { contactName: '张伟', contactPhone: 'call me' },
      [['联系电话', /^must be a phone number$/, '格式不正确']],
    ],
    [
      'contact details without a contact name',
      { contactPhone: '0512-66668888' },
      [['联系人', /^is required when another contact column is filled$/, '填写了其他联系人信息时必填']],
    ],
    ['a long district', { district: '区'.repeat(41) }, [['所在区县', /shorter than or equal to 40/, LENGTH_ZH]]],
    [
      'several problems at once',
      { type: '公司', size: '超大型', contactEmail: 'x' },
      [
        ['单位类型', /not an organization type/, /不是单位类型/],
        ['企业规模', /not a size/, /不是企业规模/],
        ['联系人', /required/, /必填/],
        ['联系邮箱', /email/, '邮箱格式不正确'],
      ],
    ],
  ])('rejects %s, naming the column (in English and Chinese)', (_label, cells, expected) => {
    const checked = checkRow(row(cells, 7));
    expect(checked.dto).toBeUndefined();
    expect(checked.errors).toHaveLength(expected.length);
    for (const [column, reason, reasonZh] of expected) {
      expect(checked.errors).toContainEqual({
        row: 7,
        column,
        reason: expect.stringMatching(reason),
        reasonZh: typeof reasonZh === 'string' ? reasonZh : expect.stringMatching(reasonZh),
      });
    }
  });
});

describe('checkOrganizationRows: the file as a whole', () => {
  it('reports repeated names and credit codes on the later row, and counts failed rows', () => {
    const rows: SheetRow[] = [
      row({ name: '甲公司', creditCode: CODE }, 2),
      row({ name: '乙公司', creditCode: OTHER_CODE }, 3),
      row({ name: '甲公司', creditCode: '', type: '其他' }, 4),
      row({ name: '丙公司', creditCode: CODE.toLowerCase() }, 5),
      row({ name: '丁公司', creditCode: '91350100M000100Y44' }, 6),
    ];
    const checked = checkOrganizationRows(rows);
    expect(checked.valid.map((r) => r.row)).toEqual([2, 3]);
    expect(checked.failedRows).toBe(3);
    expect(checked.errors).toEqual([
      { row: 4, column: '单位名称', reason: 'the same name as row 2', reasonZh: '与第 2 行单位名称相同' },
      {
        row: 5,
        column: '统一社会信用代码',
        reason: 'the same credit code as row 2',
        reasonZh: '与第 2 行统一社会信用代码相同',
      },
      {
        row: 6,
        column: '统一社会信用代码',
        reason: expect.stringMatching(/check digit/),
        reasonZh: expect.stringMatching(/校验位/),
      },
    ]);
  });

  it('a row that is bad for another reason still claims its name', () => {
    const checked = checkOrganizationRows([
      row({ name: '甲公司', creditCode: '' }, 2),
      row({ name: '甲公司', creditCode: OTHER_CODE }, 3),
    ]);
    expect(checked.valid).toEqual([]);
    expect(checked.errors.map((e) => [e.row, e.column])).toEqual([
      [2, '统一社会信用代码'],
      [3, '单位名称'],
    ]);
  });
});

describe('planImport: matching rows to existing organizations', () => {
  const existing = (overrides: Partial<ExistingOrganization>): ExistingOrganization => ({
    id: 'org-1',
    type: OrganizationType.Enterprise,
    name: '甲公司',
    nameEn: null,
    creditCode: CODE,
    district: '吴中区',
    address: null,
    industryCode: null,
    industryName: null,
    size: null,
    leadingEnterprise: false,
    certifiedIntegrationEnterprise: false,
    doubleHighSchool: false,
    contacts: [],
    ...overrides,
  });
  const valid = (cells: Partial<Record<ColumnKey, string>>, number = 2): ValidRow => {
    const { dto, errors } = checkRow(row(cells, number));
    if (!dto) throw new Error(JSON.stringify(errors));
    return { row: number, dto };
  };

  it('creates an unknown organization with defaults', () => {
    const plan = planImport([valid({ name: '乙公司', creditCode: OTHER_CODE })], [existing({})]);
    expect(plan.creates).toEqual([
      {
        row: 2,
        values: expect.objectContaining({
          name: '乙公司',
          creditCode: OTHER_CODE,
          leadingEnterprise: false,
          contacts: [],
        }),
      },
    ]);
    expect(plan).toMatchObject({ updates: [], unchanged: 0, errors: [] });
  });

  it.each<[string, Partial<Record<ColumnKey, string>>, Partial<ExistingOrganization>, string[]]>([
    ['the same values', { name: '甲公司', district: '吴中区' }, {}, []],
    ['empty cells', { name: '甲公司', district: '' }, {}, []],
    ['a rename, matched by credit code', { name: '甲公司（新名）' }, {}, ['name']],
    [
      'a row without credit code, matched by name',
      { name: '甲公司', creditCode: '', type: '其他' },
      { type: OrganizationType.Other, creditCode: null },
      [],
    ],
    ['a code added to an organization found by name', { name: '甲公司' }, { creditCode: null }, ['creditCode']],
    ['a flag', { name: '甲公司', leadingEnterprise: '是' }, {}, ['leadingEnterprise']],
    ['a size', { name: '甲公司', size: '大型' }, {}, ['size']],
    [
      'the same contact stored with another key order',
      { name: '甲公司', contactName: '张伟', contactEmail: 'hr@example.cn' },
      { contacts: [{ email: 'hr@example.cn', name: '张伟' } as never] },
      [],
    ],
  ])('updates on %s: changed %j', (_label, cells, current, changed) => {
    const plan = planImport([valid(cells)], [existing(current)]);
    expect(plan.errors).toEqual([]);
    expect(plan.creates).toEqual([]);
    if (changed.length === 0) {
      expect(plan.unchanged).toBe(1);
      expect(plan.updates).toEqual([]);
    } else {
      expect(plan.updates).toHaveLength(1);
      expect(plan.updates[0].changed).toEqual(changed);
    }
  });

  it('replaces only the first contact', () => {
    const plan = planImport(
      [valid({ name: '甲公司', contactName: '王五' })],
      [existing({ contacts: [{ name: '张伟' }, { name: '李四', phone: '123456' }] })],
    );
    expect(plan.updates[0].values.contacts).toEqual([{ name: '王五' }, { name: '李四', phone: '123456' }]);
  });

  it.each<[string, ValidRow[], ExistingOrganization[], Array<[number, string, RegExp]>]>([
    [
      'a rename onto the name of another organization',
      [valid({ name: '乙公司' })],
      [existing({}), existing({ id: 'org-2', name: '乙公司', creditCode: OTHER_CODE })],
      [[2, '单位名称', /another organization already has this name/]],
    ],
    [
      'a name held by an organization with another credit code',
      [valid({ name: '甲公司', creditCode: OTHER_CODE })],
      [existing({})],
      [[2, '单位名称', new RegExp(`with credit code ${CODE}`)]],
    ],
    [
      'two rows that reach the same organization',
      [valid({ name: '甲公司新名' }, 2), valid({ name: '甲公司', creditCode: '', type: '其他' }, 3)],
      [existing({})],
      [[3, '单位名称', /matches the same organization as row 2/]],
    ],
  ])('refuses %s', (_label, rows, current, expected) => {
    const plan = planImport(rows, current);
    expect(plan.errors.map((e) => [e.row, e.column, e.reason])).toEqual(
      expected.map(([r, c, reason]) => [r, c, expect.stringMatching(reason)]),
    );
  });

  it('normalizes contacts to one key order without empty fields', () => {
    expect(JSON.stringify(normalizeContact({ email: 'a@b.cn', title: '', name: '张' }))).toBe(
      JSON.stringify({ name: '张', email: 'a@b.cn' }),
    );
  });
});
