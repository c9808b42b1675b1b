import { crc32, deflateRawSync } from 'node:zlib';
import ExcelJS from 'exceljs';
import yauzl from 'yauzl';

export interface ZipEntryInput {
  name: string;
  data: Buffer;
  /** The uncompressed size written in the headers, when it should lie. */
  declaredSize?: number;
}

/**
 * A deflated zip archive written byte by byte, so tests can make ones no zip tool
 * would: headers that lie about sizes, thousands of entries, a bomb of an entry.
 */
export function writeZip(entries: ZipEntryInput[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const entry of entries) {
    const name = Buffer.from(entry.name, 'utf8');
    const compressed = deflateRawSync(entry.data);
    const size = entry.declaredSize ?? entry.data.length;
    const checksum = crc32(entry.data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4); // version needed
    local.writeUInt16LE(0x0800, 6); // UTF-8 names
    local.writeUInt16LE(8, 8); // deflate
    local.writeUInt16LE(0, 10); // time
    local.writeUInt16LE(0x21, 12); // 1980-01-01
    local.writeUInt32LE(checksum, 14);
    local.writeUInt32LE(compressed.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.length, 26);
    local.writeUInt16LE(0, 28);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4); // made by
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt16LE(8, 10);
    central.writeUInt16LE(0, 12);
    central.writeUInt16LE(0x21, 14);
    central.writeUInt32LE(checksum, 16);
    central.writeUInt32LE(compressed.length, 20);
    central.writeUInt32LE(size, 24);
    central.writeUInt16LE(name.length, 28);
    // extra, comment, disk, internal and external attributes: 0
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, compressed);
    centrals.push(central, name);
    offset += local.length + name.length + compressed.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

/** The entries of a zip archive, read whole (for small test files only). */
export async function readZipEntries(archive: Buffer): Promise<ZipEntryInput[]> {
  const zip = await yauzl.fromBufferPromise(archive, { lazyEntries: true });
  const entries: ZipEntryInput[] = [];
  for await (const entry of zip.eachEntry()) {
    if (entry.fileName.endsWith('/')) continue;
    const chunks: Buffer[] = [];
    for await (const chunk of await zip.openReadStreamPromise(entry)) chunks.push(chunk as Buffer);
    entries.push({ name: entry.fileName, data: Buffer.concat(chunks) });
  }
  return entries;
}

const SHEET = 'xl/worksheets/sheet1.xml';

/**
 * A member-organization workbook (its header row, made by exceljs) whose sheet XML is
 * replaced by `sheetBytes` of rows that compress about 1000:1: a zip bomb of a few
 * hundred kilobytes at most. `declaredSize` makes its headers lie about the sheet's size.
 */
export async function xlsxBomb(headers: string[], sheetBytes: number, declaredSize?: number): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  book.addWorksheet('成员单位').addRow(headers);
  const entries = await readZipEntries(Buffer.from(await book.xlsx.writeBuffer()));
  const head =
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
    '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>';
  const tail = '</sheetData></worksheet>';
  const row = '<row><c t="inlineStr"><is><t>炸弹单位</t></is></c><c t="inlineStr"><is><t>企业</t></is></c></row>';
  const rows = Math.ceil((sheetBytes - head.length - tail.length) / Buffer.byteLength(row));
  const sheet = Buffer.from(head + row.repeat(Math.max(1, rows)) + tail);
  return writeZip(entries.map((e) => (e.name === SHEET ? { name: SHEET, data: sheet, declaredSize } : e)));
}
