/**
 * Console sessions: start at sign-in, resolve a cookie's token on every request,
 * end at sign-out. A session ends when it has been idle longer than the idle
 * timeout, when it is older than the maximum age, or when its account is
 * disabled (the account is read on every request, so role changes and
 * disabling take effect at once).
 */
import type { Account, ConsoleSession, Store } from '../storage/repositories';
import type { ConsoleConfig } from './console-config';
import { hashToken, isTokenShaped, newSessionToken } from './tokens';

export interface ResolvedSession {
  account: Account;
  session: ConsoleSession;
  token: string;
}

/** lastSeenAt is written at most this often (ms) per session, not on every request. */
const TOUCH_EVERY_MS = 60_000;

export class ConsoleSessions {
  constructor(
    private readonly deps: { store: Store; config: Pick<ConsoleConfig, 'sessionIdleMs' | 'sessionMaxMs'>; now: () => number },
  ) {}

  async start(accountId: string): Promise<{ token: string; session: ConsoleSession }> {
    const now = this.deps.now();
    await this.sweep(now);
    const token = newSessionToken();
    const session: ConsoleSession = { id: hashToken(token), accountId, createdAt: now, lastSeenAt: now };
    await this.deps.store.consoleSessions.create(session);
    return { token, session };
  }

  /** The live session and active account behind a cookie's token; undefined for anything else. */
  async resolve(token: string | undefined): Promise<ResolvedSession | undefined> {
    if (!isTokenShaped(token)) return undefined;
    const { store } = this.deps;
    const session = await store.consoleSessions.get(hashToken(token));
    if (!session) return undefined;
    const now = this.deps.now();
    if (this.expired(session, now)) {
      await store.consoleSessions.delete(session.id);
      return undefined;
    }
    const account = await store.accounts.get(session.accountId);
    if (!account || !account.active) {
      await store.consoleSessions.delete(session.id);
      return undefined;
    }
    if (now - session.lastSeenAt >= Math.min(TOUCH_EVERY_MS, this.deps.config.sessionIdleMs / 10)) {
      await store.consoleSessions.touch(session.id, now);
      session.lastSeenAt = now;
    }
    return { account, session, token };
  }

  async end(token: string): Promise<void> {
    if (isTokenShaped(token)) await this.deps.store.consoleSessions.delete(hashToken(token));
  }

  /** End every session of an account (disabled, password reset), or all but one (own password change). */
  endAllFor(accountId: string, exceptSessionId?: string): Promise<number> {
    return this.deps.store.consoleSessions.deleteForAccount(accountId, exceptSessionId);
  }

  private expired(s: ConsoleSession, now: number): boolean {
    const { sessionIdleMs, sessionMaxMs } = this.deps.config;
    return now - s.lastSeenAt > sessionIdleMs || now - s.createdAt > sessionMaxMs;
  }

  /** Sessions nobody signed out of: removed at each sign-in so that the table stays small. */
  private async sweep(now: number): Promise<void> {
    const { sessionIdleMs, sessionMaxMs } = this.deps.config;
    await this.deps.store.consoleSessions.deleteExpired(now - sessionIdleMs, now - sessionMaxMs);
  }
}
