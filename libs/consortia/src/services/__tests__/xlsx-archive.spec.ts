import { readZipEntries, writeZip, xlsxBomb } from '@chanjiao/testing/zip-archives';
import { buildImportTemplate, ORGANIZATION_COLUMNS, readOrganizationSheet } from '../organization-sheet';
import { inspectXlsxArchive, XLSX_ARCHIVE_BOUNDS } from '../xlsx-archive';

const HEADERS = ORGANIZATION_COLUMNS.map((c) => c.header);
const MIB = 1024 * 1024;

describe('inspectXlsxArchive: bounds before exceljs unpacks a workbook', () => {
  it('lets a real workbook through (the import template), and so does its rewrite by the test zip writer', async () => {
    const template = await buildImportTemplate();
    expect(await inspectXlsxArchive(template)).toBeUndefined();
    const rewritten = writeZip(await readZipEntries(template));
    expect(await inspectXlsxArchive(rewritten)).toBeUndefined();
    // The writer makes workbooks exceljs reads: the bombs below are real xlsx files.
    expect(await readOrganizationSheet(rewritten, 'xlsx')).toEqual({ rows: [], errors: [] });
  });

  it('refuses a sheet that declares more than the bound, before inflating it', async () => {
    const bomb = await xlsxBomb(HEADERS, 2 * MIB);
    expect(bomb.length).toBeLessThan(64 * 1024);
    expect(await inspectXlsxArchive(bomb, { ...XLSX_ARCHIVE_BOUNDS, maxUnpackedBytes: MIB })).toEqual({
      kind: 'unpacks_too_large',
      reason: 'the workbook unpacks to more than 1 MiB (a 20,000-row sheet needs about 18 MiB)',
      reasonZh: '工作簿解压后超过 1 MiB（2 万行的表约需 18 MiB）',
    });
  });

  it('refuses an entry compressed far beyond what a spreadsheet needs', async () => {
    const problem = await inspectXlsxArchive(await xlsxBomb(HEADERS, 2 * MIB));
    expect(problem).toEqual({
      kind: 'compression_ratio',
      reason: expect.stringMatching(/^xl\/worksheets\/sheet1\.xml is compressed \d+:1, more than the 200:1/),
      reasonZh: expect.stringMatching(/^xl\/worksheets\/sheet1\.xml 的压缩比为 \d+:1/),
    });
  });

  it('stops inflating an entry whose headers lie about its size (declared sizes cannot be trusted)', async () => {
    const liar = await xlsxBomb(HEADERS, 2 * MIB, 1000);
    expect(await inspectXlsxArchive(liar)).toEqual({
      kind: 'size_mismatch',
      reason: 'xl/worksheets/sheet1.xml inflates to more than the 1000 bytes its zip entry declares',
      reasonZh: 'xl/worksheets/sheet1.xml 解压后超过其 zip 条目声明的 1000 字节',
    });
  });

  it('refuses an archive of too many files', async () => {
    const many = writeZip(Array.from({ length: 501 }, (_, i) => ({ name: `x/${i}.xml`, data: Buffer.from('<x/>') })));
    expect(await inspectXlsxArchive(many)).toMatchObject({
      kind: 'too_many_entries',
      reasonZh: '工作簿内含文件超过 500 个',
    });
  });

  it('reports what is not a zip as unreadable', async () => {
    expect(await inspectXlsxArchive(Buffer.from('PK\u0003\u0004 not really'))).toMatchObject({ kind: 'unreadable' });
  });
});

describe('readOrganizationSheet of a refused workbook', () => {
  it('answers one problem of the whole file, in English and Chinese, without loading it', async () => {
    const read = await readOrganizationSheet(await xlsxBomb(HEADERS, 2 * MIB), 'xlsx');
    expect(read).toEqual({
      rows: [],
      errors: [
        {
          row: 0,
          column: null,
          reason: expect.stringMatching(/^the file is refused: xl\/worksheets\/sheet1\.xml is compressed/),
          reasonZh: expect.stringMatching(/^文件被拒绝：xl\/worksheets\/sheet1\.xml 的压缩比为/),
        },
      ],
    });
  });
});
