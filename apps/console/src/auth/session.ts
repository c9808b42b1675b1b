/**
 * The signed-in session's tokens. Kept in memory and mirrored to sessionStorage, so a
 * reload keeps the user signed in while closing the tab ends it, and another tab or
 * site cannot read it from a shared store (see docs/console.md, "Tokens").
 *
 * Refresh tokens are single-use (each refresh rotates the pair), so refreshes are
 * serialized: concurrent callers share the one refresh that is in flight.
 */
export interface TokenPair {
  accessToken: string;
  refreshToken: string;
  /** Access token lifetime in seconds, as the API answers it. */
  expiresIn: number;
}

interface StoredTokens {
  accessToken: string;
  refreshToken: string;
  /** Epoch milliseconds. */
  accessExpiresAt: number;
}

/** Answers the new pair, or undefined when the API refused the refresh token; throws when it could not be reached. */
export type Refresher = (refreshToken: string) => Promise<TokenPair | undefined>;

const STORAGE_KEY = 'chanjiao.session';
/** Refresh this long before the access token expires, so a request never carries a dying token. */
const EARLY_REFRESH_MS = 60_000;

export class Session {
  private tokens: StoredTokens | undefined;
  private refreshing: Promise<boolean> | undefined;
  private readonly listeners = new Set<() => void>();

  constructor(
    private readonly storage: Pick<Storage, 'getItem' | 'setItem' | 'removeItem'> | undefined,
    private readonly refresher: Refresher,
    private readonly now: () => number = Date.now,
  ) {
    try {
      const saved = storage?.getItem(STORAGE_KEY);
      if (saved) this.tokens = JSON.parse(saved) as StoredTokens;
    } catch {
      this.tokens = undefined;
    }
  }

  get signedIn(): boolean {
    return this.tokens !== undefined;
  }

  /** Called when the session starts or ends (sign-in, sign-out, a refresh the API refused). */
  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  start(pair: TokenPair): void {
    const wasSignedIn = this.tokens !== undefined;
    this.tokens = {
      accessToken: pair.accessToken,
      refreshToken: pair.refreshToken,
      accessExpiresAt: this.now() + pair.expiresIn * 1000,
    };
    this.storage?.setItem(STORAGE_KEY, JSON.stringify(this.tokens));
    if (!wasSignedIn) this.notify();
  }

  private notify(): void {
    for (const listener of this.listeners) listener();
  }

  end(): void {
    const wasSignedIn = this.tokens !== undefined;
    this.tokens = undefined;
    this.storage?.removeItem(STORAGE_KEY);
    if (wasSignedIn) this.notify();
  }

  /** The access token to send, refreshed first when it is about to expire. */
  async accessToken(): Promise<string | undefined> {
    if (!this.tokens) return undefined;
    if (this.tokens.accessExpiresAt - this.now() < EARLY_REFRESH_MS) await this.refresh();
    return this.tokens?.accessToken;
  }

  /** The current access token without refreshing (sign-out sends it as is). */
  currentAccessToken(): string | undefined {
    return this.tokens?.accessToken;
  }

  /** Rotates the token pair once, however many callers ask at the same time; false when the session ended. */
  refresh(): Promise<boolean> {
    if (!this.refreshing) {
      const used = this.tokens?.refreshToken;
      this.refreshing = (async () => {
        if (!used) return false;
        // A network failure keeps the session (the next call tries again); a refusal ends it.
        const pair = await this.refresher(used).catch(() => null);
        if (pair === null) return false;
        // Signed out (or signed in anew) meanwhile: this answer belongs to an old session.
        if (this.tokens?.refreshToken !== used) return this.tokens !== undefined;
        if (!pair) {
          this.end();
          return false;
        }
        this.start(pair);
        return true;
      })().finally(() => {
        this.refreshing = undefined;
      });
    }
    return this.refreshing;
  }
}
