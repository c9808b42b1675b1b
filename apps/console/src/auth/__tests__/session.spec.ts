import { Session, type TokenPair } from '../session';

function memoryStorage() {
  const items = new Map<string, string>();
  return {
    items,
    getItem: (key: string) => items.get(key) ?? null,
    setItem: (key: string, value: string) => void items.set(key, value),
    removeItem: (key: string) => void items.delete(key),
  };
}

const pair = (n: number, expiresIn = 900): TokenPair => ({
  accessToken: `access-${n}`,
  refreshToken: `refresh-${n}`,
  expiresIn,
});

describe('Session', () => {
  it('sends one refresh for any number of concurrent callers (refresh tokens are single-use)', async () => {
    let now = 1_000_000;
    const used: string[] = [];
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const session = new Session(
      memoryStorage(),
      async (refreshToken) => {
        used.push(refreshToken);
        await gate;
        return pair(2);
      },
      () => now,
    );
    session.start(pair(1, 900));
    now += 899_000; // one second before expiry: inside the early-refresh window
    const tokens = Promise.all([
      session.accessToken(),
      session.accessToken(),
      session.refresh(),
      session.accessToken(),
    ]);
    release();
    expect(await tokens).toEqual(['access-2', 'access-2', true, 'access-2']);
    expect(used).toEqual(['refresh-1']);
  });

  it('does not refresh a token far from expiry', async () => {
    const refresher = jest.fn();
    const session = new Session(memoryStorage(), refresher, () => 0);
    session.start(pair(1));
    await expect(session.accessToken()).resolves.toBe('access-1');
    expect(refresher).not.toHaveBeenCalled();
  });

  it('ends the session when the API refuses the refresh token, and tells its listeners', async () => {
    const storage = memoryStorage();
    const session = new Session(storage, async () => undefined);
    const ended = jest.fn();
    session.subscribe(ended);
    session.start(pair(1));
    expect(ended).toHaveBeenCalledTimes(1); // signed in
    await expect(session.refresh()).resolves.toBe(false);
    expect(session.signedIn).toBe(false);
    expect(storage.items.size).toBe(0);
    expect(ended).toHaveBeenCalledTimes(2); // signed out
  });

  it('keeps the session when the API could not be reached', async () => {
    const session = new Session(memoryStorage(), async () => {
      throw new Error('offline');
    });
    session.start(pair(1));
    await expect(session.refresh()).resolves.toBe(false);
    expect(session.signedIn).toBe(true);
    expect(session.currentAccessToken()).toBe('access-1');
  });

  it('survives a reload through its storage, and forgets a broken one', () => {
    const storage = memoryStorage();
    new Session(storage, async () => undefined).start(pair(7));
    expect(new Session(storage, async () => undefined).currentAccessToken()).toBe('access-7');
    storage.setItem('chanjiao.session', '{not json');
    expect(new Session(storage, async () => undefined).signedIn).toBe(false);
  });

  it('ignores a refresh answer that arrives after the user signed out', async () => {
    let answer!: (p: TokenPair) => void;
    const session = new Session(memoryStorage(), () => new Promise<TokenPair>((resolve) => (answer = resolve)));
    session.start(pair(1));
    const refreshing = session.refresh();
    session.end();
    answer(pair(2));
    await expect(refreshing).resolves.toBe(false);
    expect(session.signedIn).toBe(false);
  });
});
