import { requestIdFrom } from '../create-http-app';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('requestIdFrom', () => {
  it.each<[string, string | string[]]>([
    ['a uuid', '6f1c0a9e-3c1e-4a47-9a0c-0f3f5a0e2b1d'],
    ['letters and digits', 'abc123'],
    ['dots, colons, underscores and dashes', 'trace.01:span_02-x'],
    ['a single character', 'x'],
    ['exactly 128 characters', 'a'.repeat(128)],
  ])('keeps a well-formed id (%s)', (_label, header) => {
    expect(requestIdFrom(header)).toBe(header);
  });

  it.each<[string, string[], string]>([
    ['one element', ['first-id'], 'first-id'],
    ['several elements', ['first-id', 'second-id'], 'first-id'],
  ])('takes the first value of an array header (%s)', (_label, header, expected) => {
    expect(requestIdFrom(header)).toBe(expected);
  });

  it.each<[string, string | string[] | undefined]>([
    ['absent', undefined],
    ['empty', ''],
    ['containing spaces', 'has space'],
    ['surrounded by spaces', ' abc '],
    ['too long (129 characters)', 'a'.repeat(129)],
    ['containing a newline', 'abc\ndef'],
    ['containing a slash', 'a/b'],
    ['containing non-ASCII', 'ïd'],
    ['an empty array', []],
    ['an array whose first value is malformed', ['bad id', 'good-id']],
  ])('mints a fresh uuid when the header is %s', (_label, header) => {
    const id = requestIdFrom(header);
    expect(id).toMatch(UUID);
  });

  it('mints a different id on each call', () => {
    const ids = new Set(Array.from({ length: 20 }, () => requestIdFrom(undefined)));
    expect(ids.size).toBe(20);
  });
});
