import { FixedWindowThrottlerStorage } from '../rate-limit-storage';

describe('FixedWindowThrottlerStorage', () => {
  let now: number;
  let storage: FixedWindowThrottlerStorage;

  beforeEach(() => {
    now = 1_000_000;
    storage = new FixedWindowThrottlerStorage(() => now);
  });

  afterEach(() => storage.onModuleDestroy());

  it('counts hits per key within the window and says when it ends', async () => {
    const first = await storage.increment('a', 60_000, 3, 60_000);
    expect(first).toEqual({ totalHits: 1, timeToExpire: 60, isBlocked: false, timeToBlockExpire: 0 });
    now += 10_500;
    await expect(storage.increment('a', 60_000, 3, 60_000)).resolves.toMatchObject({ totalHits: 2, timeToExpire: 50 });
    await expect(storage.increment('b', 60_000, 3, 60_000)).resolves.toMatchObject({ totalHits: 1, timeToExpire: 60 });
  });

  it('blocks the hit over the limit for the block duration, without counting blocked hits', async () => {
    for (let i = 0; i < 3; i += 1) await storage.increment('a', 60_000, 3, 30_000);
    const over = await storage.increment('a', 60_000, 3, 30_000);
    expect(over).toMatchObject({ totalHits: 4, isBlocked: true, timeToBlockExpire: 30 });
    now += 20_000;
    await expect(storage.increment('a', 60_000, 3, 30_000)).resolves.toMatchObject({
      totalHits: 4,
      isBlocked: true,
      timeToBlockExpire: 10,
    });
  });

  it('starts a new window once the old one and any block have ended', async () => {
    for (let i = 0; i < 4; i += 1) await storage.increment('a', 60_000, 3, 90_000);
    now += 61_000; // window over, block (90 s) still on
    await expect(storage.increment('a', 60_000, 3, 90_000)).resolves.toMatchObject({ isBlocked: true });
    now += 30_000;
    await expect(storage.increment('a', 60_000, 3, 90_000)).resolves.toEqual({
      totalHits: 1,
      timeToExpire: 60,
      isBlocked: false,
      timeToBlockExpire: 0,
    });
  });

  it('forgets keys whose window has ended', async () => {
    await storage.increment('a', 60_000, 3, 60_000);
    await storage.increment('b', 120_000, 3, 60_000);
    now += 60_000;
    storage.evictEnded();
    expect(storage.size).toBe(1);
  });
});
