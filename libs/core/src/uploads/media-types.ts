/** Media types of the files the API takes and serves (uploads as raw bodies, downloads as attachments). */
export const XLSX_MEDIA_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
export const CSV_MEDIA_TYPE = 'text/csv';
export const PDF_MEDIA_TYPE = 'application/pdf';

/** `Content-Disposition` of a download: an ASCII name for old clients and the real (Chinese) name in UTF-8. */
export function attachmentDisposition(asciiName: string, utf8Name: string): string {
  return `attachment; filename="${asciiName}"; filename*=UTF-8''${encodeURIComponent(utf8Name)}`;
}
