import { asciiFileName, EVIDENCE_TYPES, recognizeEvidence, safeFileName } from '../evidence-files';

const PDF = EVIDENCE_TYPES.find((t) => t.extension === 'pdf')!;
const JPG = EVIDENCE_TYPES.find((t) => t.extension === 'jpg')!;
const bytes = (...values: number[]) => Buffer.from(values);

describe('recognizeEvidence: by content, not by name', () => {
  it.each([
    ['a PDF', Buffer.from('%PDF-1.7\n'), 'x.bin', 'application/pdf'],
    ['a PNG', bytes(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a), 'x', 'image/png'],
    ['a JPEG', bytes(0xff, 0xd8, 0xff, 0xe0), 'photo.jpeg', 'image/jpeg'],
    [
      'a docx',
      Buffer.from('PK\u0003\u0004'),
      '报告.DOCX',
      'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    ],
    ['an OFD', Buffer.from('PK\u0003\u0004'), '发票.ofd', 'application/ofd'],
    ['a zip named .zip', Buffer.from('PK\u0003\u0004'), 'a.zip', undefined],
    ['an executable named .pdf', Buffer.from('MZ\u0090\u0000'), '证明.pdf', undefined],
    ['HTML named .png', Buffer.from('<html><script>'), 'a.png', undefined],
    ['nothing', Buffer.alloc(0), 'a.pdf', undefined],
  ])('%s', (_label, head, name, expected) => {
    expect(recognizeEvidence(head, name)?.contentType).toBe(expected);
  });
});

describe('safeFileName and asciiFileName', () => {
  it.each([
    ['协议"书".pdf', PDF, '协议_书_.pdf', 'evidence.pdf'],
    ['证明.exe', PDF, '证明.exe.pdf', '_.exe.pdf'],
    ['a\u0000b\r\n.pdf', PDF, 'a_b__.pdf', 'a_b_.pdf'],
    ['...hidden.pdf', PDF, 'hidden.pdf', 'hidden.pdf'],
    ['', PDF, 'evidence.pdf', 'evidence.pdf'],
    ['IMG.JPEG', JPG, 'IMG.JPEG', 'IMG.JPEG'],
    ['scan 2026.pdf', PDF, 'scan 2026.pdf', 'scan_2026.pdf'],
    [`${'长'.repeat(300)}.pdf`, PDF, `${'长'.repeat(196)}.pdf`, 'evidence.pdf'],
  ])('%j', (name, type, safe, ascii) => {
    expect(safeFileName(name, type)).toBe(safe);
    expect(asciiFileName(safeFileName(name, type))).toBe(ascii);
  });
});
