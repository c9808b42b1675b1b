/** The evidence files (佐证材料) a report may carry: what they may be, how large, how many, how they are named. */

/** Largest evidence file: a scanned contract or certificate as PDF is a few MiB. */
export const EVIDENCE_MAX_BYTES = 20 * 1024 * 1024;
/** Most evidence files on one report. */
export const EVIDENCE_MAX_FILES = 20;

export interface EvidenceType {
  extension: string;
  contentType: string;
  label: string;
}

/** What may be uploaded, recognised by the file's own first bytes (and, for zip-based office files, its extension). */
export const EVIDENCE_TYPES: readonly EvidenceType[] = [
  { extension: 'pdf', contentType: 'application/pdf', label: 'PDF' },
  { extension: 'png', contentType: 'image/png', label: 'PNG' },
  { extension: 'jpg', contentType: 'image/jpeg', label: 'JPEG' },
  {
    extension: 'docx',
    contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    label: 'Word (docx)',
  },
  {
    extension: 'xlsx',
    contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    label: 'Excel (xlsx)',
  },
  {
    extension: 'pptx',
    contentType: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
    label: 'PowerPoint (pptx)',
  },
  { extension: 'ofd', contentType: 'application/ofd', label: 'OFD' },
];

export const EVIDENCE_TYPE_NAMES = EVIDENCE_TYPES.map((t) => t.label).join(', ');

const ZIP_BASED = new Set(['docx', 'xlsx', 'pptx', 'ofd']);
const startsWith = (head: Buffer, bytes: number[]) => bytes.every((byte, i) => head[i] === byte);

function extensionOf(fileName: string): string {
  const dot = fileName.lastIndexOf('.');
  return dot < 0 ? '' : fileName.slice(dot + 1).toLowerCase();
}

/**
 * The type of an upload from its signature, never from what the client declared:
 * %PDF, the PNG and JPEG signatures, and a zip (PK\3\4) named .docx/.xlsx/.pptx/.ofd.
 * Undefined: not a type evidence may be.
 */
export function recognizeEvidence(head: Buffer, fileName: string): EvidenceType | undefined {
  const byExtension = (extension: string) => EVIDENCE_TYPES.find((t) => t.extension === extension);
  if (head.subarray(0, 5).toString('latin1') === '%PDF-') return byExtension('pdf');
  if (startsWith(head, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return byExtension('png');
  if (startsWith(head, [0xff, 0xd8, 0xff])) return byExtension('jpg');
  if (startsWith(head, [0x50, 0x4b, 0x03, 0x04])) {
    const extension = extensionOf(fileName);
    return ZIP_BASED.has(extension) ? byExtension(extension) : undefined;
  }
  return undefined;
}

/**
 * A stored file name: the client's name without control characters, quotes, slashes or
 * reserved characters, at most 200 characters, ending in the recognised type's
 * extension (so a PDF named 证明.exe is kept as 证明.exe.pdf).
 */
export function safeFileName(name: string, type: EvidenceType): string {
  let clean = [...name.normalize('NFC')]
    .map((char) => (char.charCodeAt(0) < 0x20 || char === '\u007f' || '"\'\\/:*?<>|'.includes(char) ? '_' : char))
    .join('')
    .replace(/\s+/g, ' ')
    .trim();
  clean = clean.replace(/^\.+/, '');
  const extension = extensionOf(clean);
  const wanted = type.extension === 'jpg' && extension === 'jpeg' ? 'jpeg' : type.extension;
  if (extension !== wanted) clean = clean ? `${clean}.${type.extension}` : '';
  if (!clean) clean = `evidence.${type.extension}`;
  if (clean.length > 200) clean = `${clean.slice(0, 200 - type.extension.length - 1)}.${type.extension}`;
  return clean;
}

/** An ASCII-only name for old clients' `filename=` (the real name goes in `filename*`). */
export function asciiFileName(name: string): string {
  const ascii = name.replace(/[^A-Za-z0-9._-]/g, '_').replace(/_+/g, '_');
  return /[A-Za-z0-9]/.test(ascii.replace(/\.[^.]*$/, '')) ? ascii : `evidence${ascii.slice(ascii.lastIndexOf('.'))}`;
}
