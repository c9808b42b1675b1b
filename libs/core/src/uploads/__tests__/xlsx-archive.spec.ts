import { readZipEntries, writeZip, xlsxBomb } from '@chanjiao/testing/zip-archives';
import ExcelJS from 'exceljs';
import { inspectXlsxArchive, XLSX_ARCHIVE_BOUNDS } from '../xlsx-archive';

const HEADERS = ['单位名称', '单位类型', '统一社会信用代码', '联系人'];
const MIB = 1024 * 1024;

describe('inspectXlsxArchive: bounds before exceljs unpacks a workbook', () => {
  it('lets a real workbook through, and so does its rewrite by the test zip writer', async () => {
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet('Sheet1').addRow(HEADERS);
    const real = Buffer.from(await workbook.xlsx.writeBuffer());
    expect(await inspectXlsxArchive(real)).toBeUndefined();
    const rewritten = writeZip(await readZipEntries(real));
    expect(await inspectXlsxArchive(rewritten)).toBeUndefined();
    // The writer makes workbooks exceljs reads: the bombs below are real xlsx files.
    const reread = new ExcelJS.Workbook();
    await reread.xlsx.load(rewritten as never);
    expect(reread.worksheets[0].getRow(1).values).toEqual([undefined, ...HEADERS]);
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
