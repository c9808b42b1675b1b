import { inspectXlsxArchive } from '@chanjiao/core';
import { readZipEntries, writeZip, xlsxBomb } from '@chanjiao/testing/zip-archives';
import { buildImportTemplate, ORGANIZATION_COLUMNS, readOrganizationSheet } from '../organization-sheet';

const HEADERS = ORGANIZATION_COLUMNS.map((c) => c.header);
const MIB = 1024 * 1024;

describe('the organization import template and the archive bounds', () => {
  it('lets the template through, rewritten or not', async () => {
    const template = await buildImportTemplate();
    expect(await inspectXlsxArchive(template)).toBeUndefined();
    const rewritten = writeZip(await readZipEntries(template));
    // Read, header recognised; an unfilled template has no data rows, its one finding.
    expect((await readOrganizationSheet(rewritten, 'xlsx')).errors.map((e) => e.reason)).toEqual([
      expect.stringMatching(/^the file has no data rows/),
    ]);
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
