import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { parseCookies, serializeCookie, signValue, verifyValue } from './cookies.js';

export const STAFF_ROLES = ['agent', 'editor', 'publisher'] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];

/** The signed-in person as the session cookie holds them. */
const sessionSchema = z.object({
  /** The identity provider's subject id. */
  sub: z.string().min(1).max(200),
  /** Display name for the page header. */
  name: z.string().max(200),
  roles: z.array(z.enum(STAFF_ROLES)).min(1),
  /** The CSRF token every state-changing request must echo. */
  csrf: z.string().min(20),
  /** Expiry, seconds since the epoch. */
  exp: z.number().int(),
});
export type StaffSession = z.infer<typeof sessionSchema>;

/** The sign-in in progress, between the redirect to the identity provider and its callback. */
const transactionSchema = z.object({
  state: z.string().min(20),
  nonce: z.string().min(20),
  verifier: z.string().min(43),
  returnTo: z.string(),
  exp: z.number().int(),
});
export type SignInTransaction = z.infer<typeof transactionSchema>;

export const SESSION_COOKIE = '__Host-staff-session';
export const TRANSACTION_COOKIE = '__Host-staff-signin';
const SESSION_PURPOSE = 'staff-session/v1';
const TRANSACTION_PURPOSE = 'staff-signin/v1';
/** How long a sign-in at the identity provider may take. */
const TRANSACTION_SECONDS = 600;

function readSigned<T>(schema: z.ZodType<T & { exp: number }>, secret: string, purpose: string, raw: string | undefined, now: Date): (T & { exp: number }) | undefined {
  if (raw === undefined || raw.length > 4096) return undefined;
  const value = verifyValue(secret, purpose, raw);
  if (value === undefined) return undefined;
  let json: unknown;
  try {
    json = JSON.parse(value);
  } catch {
    return undefined;
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success || parsed.data.exp * 1000 <= now.getTime()) return undefined;
  return parsed.data;
}

/** Reads and writes the two signed cookies of staff sign-in. */
export class SessionCookies {
  constructor(
    private readonly secret: string,
    private readonly sessionSeconds: number,
  ) {}

  /** The valid, unexpired session of a request, if any. */
  session(cookieHeader: string | undefined, now: Date): StaffSession | undefined {
    return readSigned(sessionSchema, this.secret, SESSION_PURPOSE, parseCookies(cookieHeader).get(SESSION_COOKIE), now);
  }

  /** The Set-Cookie header that signs a person in. */
  issue(person: { sub: string; name: string; roles: readonly StaffRole[] }, now: Date): { cookie: string; session: StaffSession } {
    const session: StaffSession = {
      sub: person.sub.slice(0, 200),
      name: person.name.slice(0, 200),
      roles: [...person.roles],
      csrf: randomBytes(24).toString('base64url'),
      exp: Math.floor(now.getTime() / 1000) + this.sessionSeconds,
    };
    const cookie = serializeCookie(SESSION_COOKIE, signValue(this.secret, SESSION_PURPOSE, JSON.stringify(session)), { maxAge: this.sessionSeconds, sameSite: 'Lax' });
    return { cookie, session };
  }

  /** The Set-Cookie header that signs out. */
  clearSession(): string {
    return serializeCookie(SESSION_COOKIE, '', { maxAge: 0, sameSite: 'Lax' });
  }

  /** The sign-in in progress, if its cookie is valid and recent. */
  transaction(cookieHeader: string | undefined, now: Date): SignInTransaction | undefined {
    return readSigned(transactionSchema, this.secret, TRANSACTION_PURPOSE, parseCookies(cookieHeader).get(TRANSACTION_COOKIE), now);
  }

  // Lax, not Strict: the identity provider's redirect back is a cross-site navigation that must carry it.
  startTransaction(t: Omit<SignInTransaction, 'exp'>, now: Date): string {
    const value: SignInTransaction = { ...t, exp: Math.floor(now.getTime() / 1000) + TRANSACTION_SECONDS };
    return serializeCookie(TRANSACTION_COOKIE, signValue(this.secret, TRANSACTION_PURPOSE, JSON.stringify(value)), { maxAge: TRANSACTION_SECONDS, sameSite: 'Lax' });
  }

  clearTransaction(): string {
    return serializeCookie(TRANSACTION_COOKIE, '', { maxAge: 0, sameSite: 'Lax' });
  }
}
