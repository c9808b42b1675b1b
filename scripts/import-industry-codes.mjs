#!/usr/bin/env node
// Regenerates libs/core/src/reference/gbt4754-2017.json, the GB/T 4754-2017 industry
// classification (国民经济行业分类) the API validates industry codes against, from the
// planning CSV in ../shared/reference (level, section, division, group, class, code, name).
//
//   node scripts/import-industry-codes.mjs [path/to/gbt4754_2017_industry_codes.csv]
//
// Codes are written as Chanjiao uses them: the section letter, then the digits
// (C, C34, C341, C3411). The standard lists no separate 中类 row when a 中类 has a
// single 小类 (its code is the 中类 code + 0 and it carries the same name): such
// 中类 get the name of that 小类, so every prefix of a valid code is valid too.
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const source = process.argv[2] ?? join(root, '..', 'shared', 'reference', 'gbt4754_2017_industry_codes.csv');
const target = join(root, 'libs', 'core', 'src', 'reference', 'gbt4754-2017.json');

/** Minimal RFC 4180 reader: the descriptions contain commas and quotes. */
function parseCsv(text) {
  const rows = [];
  let row = [];
  let field = '';
  let quoted = false;
  const endField = () => {
    row.push(field);
    field = '';
  };
  const endRow = () => {
    endField();
    rows.push(row);
    row = [];
  };
  for (let i = 0; i < text.length; i += 1) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i += 1;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') endField();
    else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i += 1;
      endRow();
    } else field += c;
  }
  if (field || row.length) endRow();
  return rows.filter((r) => r.length > 1);
}

const [header, ...records] = parseCsv(readFileSync(source, 'utf8'));
const column = (name) => header.indexOf(name);
const entries = new Map();
for (const record of records) {
  const section = record[column('section')];
  const digits = record[column('level')] === '1' ? '' : record[column('code')];
  entries.set(`${section}${digits}`, record[column('name')].trim());
}
for (const code of [...entries.keys()].filter((c) => c.length === 5)) {
  const group = code.slice(0, 4);
  if (!entries.has(group)) entries.set(group, entries.get(`${group}0`) ?? entries.get(code));
}
const sorted = [...entries].sort(([a], [b]) => a.localeCompare(b));
for (const [code] of sorted) {
  if (code.length > 1 && !entries.has(code.slice(0, code.length === 3 ? 1 : code.length - 1))) {
    throw new Error(`${code} has no parent in the list`);
  }
}
// One code per line (the layout Prettier keeps), so a change to the list reads as a small diff.
const lines = sorted.map(([code, name]) => `  [${JSON.stringify(code)}, ${JSON.stringify(name)}]`);
writeFileSync(target, `[\n${lines.join(',\n')}\n]\n`);
console.log(`wrote ${sorted.length} codes to ${target}`);
