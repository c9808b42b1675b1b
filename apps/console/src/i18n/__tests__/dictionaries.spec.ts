import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { DICTIONARIES, LOCALES, translate, type MessageKey } from '../translate';

const SRC = join(__dirname, '..', '..');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === '__tests__' ? [] : sourceFiles(path);
    return /\.tsx?$/.test(name) && !name.endsWith('.d.ts') ? [path] : [];
  });
}

/** Message keys written as literals in the console's code: t('org.name'), label: 'nav.dashboard', 'error.x'. */
function keysUsed(): Map<string, string> {
  const used = new Map<string, string>();
  for (const file of sourceFiles(SRC)) {
    const text = readFileSync(file, 'utf8');
    for (const match of text.matchAll(
      /\bt\(\s*'([a-zA-Z]+\.[a-zA-Z.]+)'|label: '([a-z]+\.[a-zA-Z.]+)'|'(error\.[a-zA-Z]+)'/g,
    )) {
      used.set(match[1] ?? match[2] ?? match[3], file.slice(SRC.length + 1));
    }
  }
  return used;
}

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('console dictionaries', () => {
  it('have the same keys in every language', () => {
    const keys = Object.keys(DICTIONARIES['zh-CN']).sort();
    for (const locale of LOCALES) expect(Object.keys(DICTIONARIES[locale]).sort()).toEqual(keys);
  });

  it.each(LOCALES)('have no empty %s message and the same placeholders as zh-CN', (locale) => {
    for (const [key, text] of Object.entries(DICTIONARIES[locale])) {
      expect({ key, empty: text.trim() === '' }).toEqual({ key, empty: false });
      expect({ key, placeholders: placeholders(text) }).toEqual({
        key,
        placeholders: placeholders(DICTIONARIES['zh-CN'][key as MessageKey]),
      });
    }
  });

  it('define every key the code uses', () => {
    const used = keysUsed();
    expect(used.size).toBeGreaterThan(50);
    const missing = [...used]
      .filter(([key]) => !(key in DICTIONARIES['zh-CN']))
      .map(([key, file]) => `${key} (${file})`);
    expect(missing).toEqual([]);
  });

  it('fills placeholders and keeps unknown ones', () => {
    expect(translate('en', 'list.total', { total: 31 })).toBe('31 in all');
    expect(translate('zh-CN', 'list.total', { total: 31 })).toBe('共 31 条');
    expect(translate('en', 'form.length', { min: 2 })).toBe('Must be 2–{max} characters');
  });
});
