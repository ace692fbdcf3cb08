import { z } from 'zod';
import type { KeyValue, SharedStore } from '../../../state/index.js';
import { parseCookies } from './cookies.js';
import { SESSION_COOKIE, type SessionCookies, type StaffSession } from './session.js';

/**
 * Sessions signed out before they expire. A session cookie is signed, not stored, so without this a
 * copied cookie kept working for its whole lifetime (8 h) after sign-out. The list lives in the shared
 * store (Redis with several instances), each entry until the session would have expired anyway.
 * Redis failing is a miss (the store fails open): the cookie then works until it expires, as before.
 */
export class SessionRevocations {
  private readonly revoked: KeyValue<true>;

  constructor(store: SharedStore, maxSessionSeconds: number) {
    this.revoked = store.keyValue('staff-revoked', { schema: z.literal(true), ttlSeconds: maxSessionSeconds, maxEntries: 100_000 });
  }

  /** Remembers a signed-out session until its own expiry. */
  async revoke(session: StaffSession, now: Date): Promise<void> {
    const seconds = session.exp - Math.floor(now.getTime() / 1000);
    if (seconds > 0) await this.revoked.set(sessionId(session), true, seconds);
  }

  async isRevoked(session: StaffSession): Promise<boolean> {
    return (await this.revoked.get(sessionId(session))) === true;
  }

  /**
   * The Cookie header without a revoked session's cookie (everything else kept), or the header as it
   * was: the request then goes on as a signed-out browser's would.
   */
  async withoutRevoked(cookieHeader: string | undefined, cookies: SessionCookies, now: Date): Promise<string | undefined> {
    const session = cookies.session(cookieHeader, now);
    if (session === undefined || !(await this.isRevoked(session))) return cookieHeader;
    return [...parseCookies(cookieHeader)]
      .filter(([name]) => name !== SESSION_COOKIE)
      .map(([name, value]) => `${name}=${value}`)
      .join('; ');
  }
}

// The session's CSRF token is random per sign-in: it names the session without anything about the person.
const sessionId = (session: StaffSession) => session.csrf;
