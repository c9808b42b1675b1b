import { OnModuleDestroy } from '@nestjs/common';
import type { ThrottlerStorage } from '@nestjs/throttler';

interface Window {
  /** When this counting window ends (ms since the epoch). */
  endsAt: number;
  hits: number;
  /** While a client is over its limit, when the block lifts (0: not blocked). */
  blockedUntil: number;
}

type ThrottlerStorageRecord = Awaited<ReturnType<ThrottlerStorage['increment']>>;

/**
 * The rate limiter's counts: one fixed window per key (route, throttler and client),
 * O(1) per request. The library's in-memory storage keeps the expiry of every hit of the
 * last minute and filters that list on each request, so its cost grows with the limit
 * (600 a minute per client): the hottest code of a cheap request. A fixed window lets a
 * client send up to twice its limit across one window boundary; for abuse protection
 * that is the usual trade. One process only: several API instances would need a shared
 * store (Redis), each counting its own share today.
 */
export class FixedWindowThrottlerStorage implements ThrottlerStorage, OnModuleDestroy {
  private readonly windows = new Map<string, Window>();
  private readonly sweep: NodeJS.Timeout;

  constructor(
    private readonly now: () => number = Date.now,
    sweepEveryMs = 60_000,
  ) {
    this.sweep = setInterval(() => this.evictEnded(), sweepEveryMs);
    this.sweep.unref();
  }

  increment(key: string, ttl: number, limit: number, blockDuration: number): Promise<ThrottlerStorageRecord> {
    const now = this.now();
    let window = this.windows.get(key);
    if (!window || (window.endsAt <= now && window.blockedUntil <= now)) {
      window = { endsAt: now + ttl, hits: 0, blockedUntil: 0 };
      this.windows.set(key, window);
    } else if (window.endsAt <= now) {
      // Blocked past the window's end: the block decides, a new window starts after it.
      window.endsAt = window.blockedUntil;
    }
    const alreadyBlocked = window.blockedUntil > now;
    if (!alreadyBlocked) {
      window.hits += 1;
      if (window.hits > limit) window.blockedUntil = now + (blockDuration > 0 ? blockDuration : window.endsAt - now);
    }
    const isBlocked = window.blockedUntil > now;
    return Promise.resolve({
      totalHits: window.hits,
      timeToExpire: Math.ceil((window.endsAt - now) / 1000),
      isBlocked,
      timeToBlockExpire: isBlocked ? Math.ceil((window.blockedUntil - now) / 1000) : 0,
    });
  }

  /** How many keys are counted now (for tests). */
  get size(): number {
    return this.windows.size;
  }

  evictEnded(): void {
    const now = this.now();
    for (const [key, window] of this.windows) {
      if (window.endsAt <= now && window.blockedUntil <= now) this.windows.delete(key);
    }
  }

  onModuleDestroy(): void {
    clearInterval(this.sweep);
  }
}
