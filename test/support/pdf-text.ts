import { inflateSync } from 'node:zlib';

/**
 * The text of a PDF written by pdfkit, for assertions: enough of PDF to read our
 * own minutes (Type0 fonts with Identity-H glyph codes mapped back to Unicode by
 * each font's ToUnicode CMap; Flate-compressed streams). One line per text
 * positioning operator, so `toContain` works on whole phrases.
 */
export function pdfText(pdf: Buffer): string {
  const source = pdf.toString('latin1');
  const objects = new Map<string, { dict: string; stream?: string }>();
  for (const match of source.matchAll(/(\d+) 0 obj\s*([\s\S]*?)endobj/g)) {
    const [, id, body] = match;
    const streamAt = body.indexOf('stream');
    if (streamAt < 0) {
      objects.set(id, { dict: body });
      continue;
    }
    const dict = body.slice(0, streamAt);
    const start = streamAt + 'stream'.length + (body[streamAt + 6] === '\r' ? 2 : 1);
    const raw = Buffer.from(body.slice(start, body.lastIndexOf('endstream')), 'latin1');
    objects.set(id, { dict, stream: (/\/FlateDecode/.test(dict) ? inflateSync(raw) : raw).toString('latin1') });
  }
  // Resource name (F2) → font object → its ToUnicode map.
  const fontObjects = new Map<string, string>();
  for (const { dict } of objects.values()) {
    for (const [, name, id] of dict.matchAll(/\/(F\d+) (\d+) 0 R/g)) fontObjects.set(name, id);
  }
  const cmaps = new Map<string, Map<number, string>>();
  for (const [name, id] of fontObjects) {
    const toUnicode = /\/ToUnicode (\d+) 0 R/.exec(objects.get(id)?.dict ?? '')?.[1];
    const cmap = toUnicode ? objects.get(toUnicode)?.stream : undefined;
    if (cmap) cmaps.set(name, parseToUnicode(cmap));
  }
  const lines: string[] = [];
  let line = '';
  let font: Map<number, string> | undefined;
  const decode = (hex: string) =>
    (hex.match(/.{4}/g) ?? []).map((code) => font?.get(parseInt(code, 16)) ?? '').join('');
  for (const { stream } of objects.values()) {
    if (!stream || !/\bT[Jj]\b/.test(stream)) continue;
    for (const [token, fontName, array, single] of stream.matchAll(
      /\/(F\d+) [\d.]+ Tf|\[([^\]]*)\] TJ|<([0-9a-fA-F]*)> Tj|\b(?:Td|TD|Tm|T\*|ET)\b/g,
    )) {
      if (fontName) font = cmaps.get(fontName);
      else if (array !== undefined)
        line += [...array.matchAll(/<([0-9a-fA-F]*)>/g)].map(([, hex]) => decode(hex)).join('');
      else if (single !== undefined) line += decode(single);
      else if (token && line) {
        lines.push(line);
        line = '';
      }
    }
  }
  if (line) lines.push(line);
  return lines.join('\n');
}

function parseToUnicode(cmap: string): Map<number, string> {
  const map = new Map<number, string>();
  // A glyph may stand for several code points (<0066 0069> for a ligature) or none (<>).
  const utf16 = (hex: string) => Buffer.from(hex.replace(/\s+/g, ''), 'hex').swap16().toString('utf16le');
  for (const [, block] of cmap.matchAll(/beginbfchar([\s\S]*?)endbfchar/g)) {
    for (const [, code, target] of block.matchAll(/<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>/g)) {
      map.set(parseInt(code, 16), utf16(target));
    }
  }
  for (const [, block] of cmap.matchAll(/beginbfrange([\s\S]*?)endbfrange/g)) {
    for (const [, from, to, list, base] of block.matchAll(
      /<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>\s*(?:\[([^\]]*)\]|<([0-9a-fA-F]+)>)/g,
    )) {
      const first = parseInt(from, 16);
      const last = parseInt(to, 16);
      if (list !== undefined) {
        [...list.matchAll(/<([0-9a-fA-F\s]*)>/g)].forEach(([, target], i) => map.set(first + i, utf16(target)));
      } else {
        const start = parseInt(base, 16);
        for (let code = first; code <= last; code += 1) map.set(code, String.fromCharCode(start + code - first));
      }
    }
  }
  return map;
}
