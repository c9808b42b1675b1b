import { addPerson, HttpClient, insertConsortium, startTestStack, TestResponse, TestStack } from '@chanjiao/testing';

/**
 * Lists are keyset-paged: rows written while a client walks the pages never make a
 * row appear twice or go missing (offset pages did both), and a cursor only works
 * for the list and sort that issued it.
 */
describe('keyset pagination under concurrent writes', () => {
  let stack: TestStack;
  let sec: HttpClient;
  let base: string;
  let sequence = 0;

  beforeAll(async () => {
    stack = await startTestStack({ worker: false });
    const cid = (await insertConsortium(stack.db.ownerUrl)).id;
    sec = (await addPerson(stack.admin, cid, 'secretariat')).http;
    base = `/api/v1/consortia/${cid}/organizations`;
  });

  afterAll(() => stack?.close());

  const register = async (name: string) => {
    sequence += 1;
    const response = await sec.post(base, { body: { type: 'other', name: `${name}-${sequence}` } });
    expect(response.status).toBe(201);
    return response.body as { id: string; name: string };
  };

  async function walk(sort: string, between: (page: number) => Promise<void>) {
    const seen: string[] = [];
    let cursor: string | null = null;
    let page = 0;
    do {
      const query: URLSearchParams = new URLSearchParams({ sort, limit: '4', ...(cursor ? { cursor } : {}) });
      const response: TestResponse = await sec.get(`${base}?${query}`);
      expect(response.status).toBe(200);
      seen.push(...response.body.items.map((o: { id: string }) => o.id));
      cursor = response.body.nextCursor;
      page += 1;
      if (cursor) await between(page);
    } while (cursor);
    return seen;
  }

  it.each(['name', '-name', 'createdAt', '-createdAt'])(
    'walks every row exactly once while others are inserted before and after the cursor (sort=%s)',
    async (sort) => {
      const original = [];
      for (const letter of ['B', 'D', 'F', 'H', 'J', 'L', 'N', 'P', 'R', 'T'])
        original.push(await register(`${sort}${letter}`));
      const seen = await walk(sort, async () => {
        // One name sorting before everything, one after, written in parallel with the walk.
        await Promise.all([register(`${sort}A`), register(`${sort}Z`)]);
      });
      expect(new Set(seen).size).toBe(seen.length);
      for (const row of original) expect(seen.filter((id) => id === row.id)).toHaveLength(1);
    },
  );

  it('refuses a cursor from another sort, and a forged one, with 400 naming cursor', async () => {
    const byName = await sec.get(`${base}?sort=name&limit=1`);
    expect(byName.body.nextCursor).toEqual(expect.any(String));
    for (const cursor of [
      byName.body.nextCursor,
      'bm9wZQ',
      Buffer.from('{"s":"x","v":["a","b"]}').toString('base64url'),
    ]) {
      const sort = cursor === byName.body.nextCursor ? '-createdAt' : 'name';
      const response = await sec.get(`${base}?sort=${sort}&cursor=${encodeURIComponent(cursor)}`);
      expect(response.status).toBe(400);
      expect(response.body.details).toMatchObject({ code: 'invalid_cursor', field: 'cursor' });
    }
  });
});
