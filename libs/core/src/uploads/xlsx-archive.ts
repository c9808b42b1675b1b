import yauzl from 'yauzl';

/**
 * Bounds an xlsx (a zip archive) before exceljs unpacks it whole in memory: a few
 * kilobytes of upload can declare, or really inflate to, gigabytes (a zip bomb). The
 * central directory is read first (entry count, declared sizes, compression ratios),
 * then every entry is inflated once and counted, since declared sizes can lie: an entry
 * that inflates beyond its declared size is refused as soon as it does, so the bytes
 * inflated stay within the declared total, itself within the bound.
 */
export interface ArchiveBounds {
  /** Files in the archive (directories included); an xlsx from Excel or exceljs has about 15. */
  maxEntries: number;
  /** Declared and inflated bytes of all entries together. */
  maxUnpackedBytes: number;
  /** Inflated : compressed, per entry of at least RATIO_FLOOR_BYTES. */
  maxRatio: number;
}

/**
 * A 20,000-row member sheet (the import's row limit) from exceljs unpacks to about 18 MiB,
 * at ratios of 11–23:1, and exceljs needs about 180 MiB to load it: 64 MiB leaves room for
 * Excel's more verbose files while keeping a worker's memory bounded.
 */
export const XLSX_ARCHIVE_BOUNDS: ArchiveBounds = {
  maxEntries: 500,
  maxUnpackedBytes: 64 * 1024 * 1024,
  maxRatio: 200,
};

/** Below this size an entry may have any ratio (a small, repetitive XML part compresses very well). */
const RATIO_FLOOR_BYTES = 1024 * 1024;

export type ArchiveProblemKind =
  | 'unreadable'
  | 'too_many_entries'
  | 'unpacks_too_large'
  | 'compression_ratio'
  /** An entry inflates beyond its declared size: declared sizes lie (a damaged file or a zip bomb). */
  | 'size_mismatch';

export interface ArchiveProblem {
  kind: ArchiveProblemKind;
  reason: string;
  reasonZh: string;
}

const MiB = (bytes: number) => `${Math.round(bytes / 1024 / 1024)} MiB`;

function unreadable(error: unknown): ArchiveProblem {
  const why = error instanceof Error ? error.message : String(error);
  return {
    kind: 'unreadable',
    reason: `the zip structure cannot be read: ${why}`,
    reasonZh: `无法读取 zip 结构：${why}`,
  };
}

function tooLarge(bounds: ArchiveBounds): ArchiveProblem {
  return {
    kind: 'unpacks_too_large',
    reason: `the workbook unpacks to more than ${MiB(bounds.maxUnpackedBytes)} (a 20,000-row sheet needs about 18 MiB)`,
    reasonZh: `工作簿解压后超过 ${MiB(bounds.maxUnpackedBytes)}（2 万行的表约需 18 MiB）`,
  };
}

function tooManyEntries(bounds: ArchiveBounds): ArchiveProblem {
  return {
    kind: 'too_many_entries',
    reason: `the workbook holds more than ${bounds.maxEntries} files`,
    reasonZh: `工作簿内含文件超过 ${bounds.maxEntries} 个`,
  };
}

/** The first bound the archive breaks, or undefined when exceljs may load it. */
export async function inspectXlsxArchive(
  content: Buffer,
  bounds: ArchiveBounds = XLSX_ARCHIVE_BOUNDS,
): Promise<ArchiveProblem | undefined> {
  let zip: yauzl.ZipFile;
  try {
    zip = await yauzl.fromBufferPromise(content, { lazyEntries: true, validateEntrySizes: false, autoClose: false });
  } catch (error) {
    return unreadable(error);
  }
  try {
    if (zip.entryCount > bounds.maxEntries) return tooManyEntries(bounds);
    let entries = 0;
    let declared = 0;
    for await (const entry of zip.eachEntry()) {
      entries += 1;
      declared += entry.uncompressedSize;
      if (entries > bounds.maxEntries) return tooManyEntries(bounds);
      if (declared > bounds.maxUnpackedBytes) return tooLarge(bounds);
      const ratio = entry.uncompressedSize / Math.max(1, entry.compressedSize);
      if (entry.uncompressedSize >= RATIO_FLOOR_BYTES && ratio > bounds.maxRatio) {
        return {
          kind: 'compression_ratio',
          reason: `${entry.fileName} is compressed ${Math.round(ratio)}:1, more than the ${bounds.maxRatio}:1 a spreadsheet needs`,
          reasonZh: `${entry.fileName} 的压缩比为 ${Math.round(ratio)}:1，超过表格文件所需的 ${bounds.maxRatio}:1`,
        };
      }
      if (entry.fileName.endsWith('/')) continue;
      let entryBytes = 0;
      const stream = await zip.openReadStreamPromise(entry);
      for await (const chunk of stream as AsyncIterable<Buffer>) {
        entryBytes += chunk.length;
        if (entryBytes > entry.uncompressedSize) {
          stream.destroy();
          return {
            kind: 'size_mismatch',
            reason: `${entry.fileName} inflates to more than the ${entry.uncompressedSize} bytes its zip entry declares`,
            reasonZh: `${entry.fileName} 解压后超过其 zip 条目声明的 ${entry.uncompressedSize} 字节`,
          };
        }
      }
    }
    return undefined;
  } catch (error) {
    return unreadable(error);
  } finally {
    zip.close();
  }
}
