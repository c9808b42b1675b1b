import { checkRequestValue, MAX_REQUEST_DEPTH } from '../request-values';

function nested(depth: number, leaf: unknown = 'x'): unknown {
  let value = leaf;
  for (let i = 0; i < depth; i += 1) value = i % 2 ? [value] : { a: value };
  return value;
}

describe('checkRequestValue', () => {
  it.each<[string, unknown, string, string[]]>([
    ['plain values', { name: '苏州', n: 3, ok: true, none: null, list: ['a', 1] }, '', []],
    ['astral characters (well-formed pairs)', { name: '𠀀😀' }, '', []],
    ['a NUL in a top-level string', { name: 'a\u0000b' }, '', ['name']],
    ['a NUL in a nested array item', { contacts: [{ name: 'ok' }, { name: '\u0000' }] }, '', ['contacts.1.name']],
    ['a NUL in a string array', { agenda: ['一', 'a\u0000'] }, '', ['agenda.1']],
    ['a NUL in a property name', { 'a\u0000b': 1 }, '', ['a\\u0000b']],
    ['a lone high surrogate', { email: '\ud800' }, '', ['email']],
    ['a lone low surrogate', { email: 'a\udc00b' }, '', ['email']],
    ['a query value, named by its key', { q: 'x', province: '\u0000' }, '', ['province']],
    ['a path parameter, named by the pipe', '\u0000', 'consortiumId', ['consortiumId']],
    ['a bare value', 'a\u0000', '', ['value']],
    [
      'several problems, in document order',
      { a: '\u0000', b: [{ c: '\u0000' }], d: '\ud800' },
      '',
      ['a', 'b.0.c', 'd'],
    ],
    ['a NUL below the parameter name', { name: '\u0000' }, 'body', ['body.name']],
  ])('%s', (_label, value, root, fields) => {
    expect(checkRequestValue(value, root).map((p) => p.field)).toEqual(fields);
  });

  it('says what is wrong, naming the field', () => {
    expect(checkRequestValue({ contacts: [{ name: 'a\u0000' }] })).toEqual([
      { field: 'contacts.0.name', problem: 'contacts.0.name must not contain NUL characters (\\u0000)' },
    ]);
    expect(checkRequestValue({ email: '\ud800' })).toEqual([
      { field: 'email', problem: 'email must be well-formed text (it holds a lone surrogate)' },
    ]);
  });

  it('accepts nesting up to the bound and refuses deeper, without recursing', () => {
    expect(checkRequestValue(nested(MAX_REQUEST_DEPTH - 1))).toEqual([]);
    const [problem, ...more] = checkRequestValue(nested(MAX_REQUEST_DEPTH + 1));
    expect(more).toEqual([]);
    expect(problem.problem).toMatch(`nested more than ${MAX_REQUEST_DEPTH} levels deep`);
    // Far deeper than the call stack allows: still an answer, not a RangeError.
    expect(checkRequestValue(nested(200_000))).toHaveLength(1);
  });

  it('walks wide values (a million items) without spreading them into one call', () => {
    const wide = { items: Array.from({ length: 1_000_000 }, () => 0) };
    wide.items[999_999] = 'x\u0000' as never;
    expect(checkRequestValue(wide).map((p) => p.field)).toEqual(['items.999999']);
  });
});
