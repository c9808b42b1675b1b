import ExcelJS from 'exceljs';
import { MembershipStatus } from '../../entities/membership-status';
import { Organization } from '../../entities/organization.entity';
import { OrganizationSize, OrganizationType } from '../../entities/organization-type';
import {
  buildExportWorkbook,
  buildImportTemplate,
  cellText,
  decodeText,
  ORGANIZATION_COLUMNS,
  parseCsv,
  readOrganizationSheet,
  rowsFromGrid,
} from '../organization-sheet';

const NO_DATA_ROWS = {
  row: 0,
  column: null,
  reason: 'the file has no data rows: fill in one organization per row from row 2 (row 1 is the header)',
  reasonZh: '文件中没有数据行：请从第 2 行起每行填写一个单位（第 1 行为表头）',
};

describe('parseCsv', () => {
  it.each<[string, string, string[][]]>([
    [
      'plain fields',
      'a,b,c\n1,2,3\n',
      [
        ['a', 'b', 'c'],
        ['1', '2', '3'],
      ],
    ],
    [
      'CRLF and no final line break',
      'a,b\r\n1,2',
      [
        ['a', 'b'],
        ['1', '2'],
      ],
    ],
    ['quoted commas and quotes', '"a,b","say ""hi"""\n', [['a,b', 'say "hi"']]],
    ['a line break inside quotes', '"line 1\nline 2",x\n', [['line 1\nline 2', 'x']]],
    ['empty fields', ',,\n', [['', '', '']]],
    ['blank lines keep their row number', 'h\n\nv\n', [['h'], [''], ['v']]],
    ['mixed line endings', 'a\r\nb\nc\rd', [['a'], ['b'], ['c'], ['d']]],
    ['a quote inside an unquoted field, as text', 'ab"c,d\n', [['ab"c', 'd']]],
    [
      'Chinese text',
      '单位名称,单位类型\n苏州某公司,企业\n',
      [
        ['单位名称', '单位类型'],
        ['苏州某公司', '企业'],
      ],
    ],
  ])('reads %s', (_label, text, records) => {
    expect(parseCsv(text)).toEqual(records);
  });

  it('refuses an unclosed quote, naming the row it opens in', () => {
    expect(() => parseCsv('"open,1\n')).toThrow(/not closed/);
    expect(() => parseCsv('h\nv\n"open,1\nmore\n')).toThrow('a quoted field is not closed (row 3)');
  });
});

describe('decodeText', () => {
  it.each<[string, Buffer, string]>([
    ['UTF-8', Buffer.from('单位名称', 'utf8'), '单位名称'],
    ['UTF-8 with BOM', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('单位', 'utf8')]), '单位'],
    // "单位" in GB 18030 (what Excel on Chinese Windows saves as CSV)
    ['GB 18030', Buffer.from([0xb5, 0xa5, 0xce, 0xbb]), '单位'],
  ])('decodes %s', (_label, bytes, text) => {
    expect(decodeText(bytes)).toBe(text);
  });
});

describe('cellText', () => {
  it.each<[string, ExcelJS.CellValue, string]>([
    ['empty', null, ''],
    ['a string', '企业', '企业'],
    ['a whole number (a phone typed as a number)', 13800138000, '13800138000'],
    ['a decimal', 1.5, '1.5'],
    ['a boolean', true, 'TRUE'],
    ['rich text', { richText: [{ text: '苏州' }, { text: '公司' }] }, '苏州公司'],
    ['a hyperlink (an e-mail address)', { text: 'hr@example.cn', hyperlink: 'mailto:hr@example.cn' }, 'hr@example.cn'],
    ['a formula', { formula: 'A1', result: '是' } as ExcelJS.CellValue, '是'],
  ])('reads %s', (_label, value, text) => {
    expect(cellText(value)).toBe(text);
  });
});

describe('rowsFromGrid: header row and data rows', () => {
  const header = ORGANIZATION_COLUMNS.map((c) => c.header);

  it('maps columns by header, in any order, ignoring unknown ones and empty rows', () => {
    const read = rowsFromGrid({
      header: ['备注', '单位类型', '单位名称 *', '成员状态'],
      records: [
        { row: 2, values: ['x', '企业', '甲公司', '正式成员'] },
        { row: 3, values: ['y', '', '', ''] },
        { row: 4, values: ['', ' 其他 ', '乙单位', ''] },
      ],
    });
    expect(read).toEqual({
      errors: [],
      rows: [
        { row: 2, cells: { type: '企业', name: '甲公司' } },
        { row: 4, cells: { type: '其他', name: '乙单位' } },
      ],
    });
  });

  const MISSING = { reason: /missing/, reasonZh: '表头（第 1 行）缺少必填列' };
  it.each<[string, string[], Array<{ row: number; column: string | null; reason: RegExp; reasonZh: string }>]>([
    ['a missing required column', header.filter((h) => h !== '单位类型'), [{ row: 1, column: '单位类型', ...MISSING }]],
    [
      'a repeated column',
      [...header, '单位名称'],
      [{ row: 1, column: '单位名称', reason: /more than once/, reasonZh: '表头中该列出现了不止一次' }],
    ],
    [
      'no header at all',
      [],
      [
        { row: 1, column: '单位名称', ...MISSING },
        { row: 1, column: '单位类型', ...MISSING },
      ],
    ],
  ])('refuses %s', (_label, headers, errors) => {
    const read = rowsFromGrid({ header: headers, records: [{ row: 2, values: headers.map(() => 'x') }] });
    expect(read.rows).toEqual([]);
    expect(read.errors).toEqual(errors.map((e) => ({ ...e, reason: expect.stringMatching(e.reason) })));
  });

  it.each<[string, Array<{ row: number; values: string[] }>]>([
    ['no records', []],
    ['only empty records', [2, 3].map((row) => ({ row, values: ['', ' '] }))],
  ])('refuses a file with no data rows (%s), in both languages', (_label, records) => {
    expect(rowsFromGrid({ header: ['单位名称', '单位类型'], records })).toEqual({ rows: [], errors: [NO_DATA_ROWS] });
  });

  it('refuses more rows than allowed', () => {
    const records = [2, 3, 4].map((row) => ({ row, values: ['甲' + row, '企业'] }));
    expect(rowsFromGrid({ header: ['单位名称', '单位类型'], records }, 2)).toEqual({
      rows: [],
      errors: [
        { row: 0, column: null, reason: 'too many rows: at most 2 per file', reasonZh: '行数过多：每个文件最多 2 行' },
      ],
    });
  });
});

describe('workbooks', () => {
  it('the template has the zh-CN headers, no data rows, and an explanation sheet', async () => {
    const file = await buildImportTemplate();
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(file as never);
    const [data, help] = workbook.worksheets;
    expect((data.getRow(1).values as unknown[]).slice(1)).toEqual(ORGANIZATION_COLUMNS.map((c) => c.header));
    expect(data.actualRowCount).toBe(1);
    const helpText = JSON.stringify(help.getSheetValues());
    for (const text of ['企业', 'Enterprise', '中型', 'Medium', '是', '否', 'industry_association']) {
      expect(helpText).toContain(text);
    }
    // Sent back unfilled, it is refused as a file without data rows.
    expect(await readOrganizationSheet(file, 'xlsx')).toEqual({ rows: [], errors: [NO_DATA_ROWS] });
  });

  it('an export reads back as the same rows', async () => {
    const organization = {
      id: 'x',
      consortiumId: 'c',
      type: OrganizationType.Enterprise,
      name: '苏州汇川技术有限公司',
      nameEn: 'Inovance',
      creditCode: '91350100M000100Y43',
      district: '吴中区',
      address: null,
      industryCode: 'C3484',
      industryName: null,
      size: OrganizationSize.Large,
      leadingEnterprise: true,
      certifiedIntegrationEnterprise: false,
      doubleHighSchool: false,
      contacts: [{ name: '张伟', phone: '0512-66668888' }],
      membershipStatus: MembershipStatus.Active,
      membershipChangedOn: null,
      createdAt: new Date(),
      updatedAt: new Date(),
    } as Organization;
    const read = await readOrganizationSheet(await buildExportWorkbook([organization]), 'xlsx');
    expect(read.errors).toEqual([]);
    expect(read.rows).toEqual([
      {
        row: 2,
        cells: expect.objectContaining({
          name: '苏州汇川技术有限公司',
          type: '企业',
          creditCode: '91350100M000100Y43',
          size: '大型',
          leadingEnterprise: '是',
          certifiedIntegrationEnterprise: '否',
          contactName: '张伟',
          contactPhone: '0512-66668888',
          address: '',
        }),
      },
    ]);
  });

  it.each<[string, 'xlsx' | 'csv']>([
    ['an xlsx', 'xlsx'],
    ['a csv', 'csv'],
  ])('refuses %s with more data rows than allowed', async (_label, format) => {
    const rows = [['单位名称', '单位类型'], ...[1, 2, 3].map((n) => [`甲${n}`, '企业'])];
    const book = new ExcelJS.Workbook();
    book.addWorksheet('成员单位').addRows(rows);
    const file =
      format === 'xlsx'
        ? Buffer.from(await book.xlsx.writeBuffer())
        : Buffer.from(rows.map((r) => r.join(',')).join('\r\n'));
    expect(await readOrganizationSheet(file, format, 2)).toEqual({
      rows: [],
      errors: [
        { row: 0, column: null, reason: 'too many rows: at most 2 per file', reasonZh: '行数过多：每个文件最多 2 行' },
      ],
    });
    expect((await readOrganizationSheet(file, format, 3)).rows.map((r) => r.row)).toEqual([2, 3, 4]);
  });

  it.each<[string, Buffer, 'xlsx' | 'csv']>([
    ['garbage as xlsx', Buffer.from('not a zip'), 'xlsx'],
    ['an unclosed quote as csv', Buffer.from('单位名称,单位类型\n"甲,企业\n'), 'csv'],
  ])('reports %s as a problem of the file', async (_label, content, format) => {
    const read = await readOrganizationSheet(content, format);
    expect(read.rows).toEqual([]);
    expect(read.errors).toEqual([
      {
        row: 0,
        column: null,
        reason: expect.stringContaining(`cannot be read as ${format}`),
        reasonZh: expect.stringContaining(`无法按 ${format} 格式读取文件`),
      },
    ]);
  });
});
