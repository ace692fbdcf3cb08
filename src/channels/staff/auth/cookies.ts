import { createHmac, timingSafeEqual } from 'node:crypto';

/** Cookies of a request, by name (the first of each name wins; malformed pairs are skipped). */
export function parseCookies(header: string | undefined): Map<string, string> {
  const out = new Map<string, string>();
  for (const part of (header ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq <= 0) continue;
    const name = part.slice(0, eq).trim();
    if (!out.has(name)) out.set(name, part.slice(eq + 1).trim());
  }
  return out;
}

export interface CookieOptions {
  /** Seconds; 0 deletes the cookie. */
  readonly maxAge: number;
  readonly sameSite: 'Lax' | 'Strict';
}

/**
 * A Set-Cookie value: always HttpOnly, Secure and Path=/, with the `__Host-` prefix in the name so the
 * browser refuses it over plain http (loopback excepted) and from any other host or path.
 */
export function serializeCookie(name: string, value: string, options: CookieOptions): string {
  return `${name}=${value}; Max-Age=${options.maxAge}; Path=/; HttpOnly; Secure; SameSite=${options.sameSite}`;
}

/** Signs a value with HMAC-SHA256: `base64url(value).base64url(mac)`, with a purpose so one cookie cannot pass for another. */
export function signValue(secret: string, purpose: string, value: string): string {
  const body = Buffer.from(value, 'utf8').toString('base64url');
  return `${body}.${mac(secret, purpose, body)}`;
}

/** The signed value, or undefined when the signature does not match (tampered, another secret, another purpose). */
export function verifyValue(secret: string, purpose: string, signed: string): string | undefined {
  const dot = signed.indexOf('.');
  if (dot <= 0) return undefined;
  const body = signed.slice(0, dot);
  const given = Buffer.from(signed.slice(dot + 1), 'base64url');
  const expected = Buffer.from(mac(secret, purpose, body), 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return undefined;
  return Buffer.from(body, 'base64url').toString('utf8');
}

function mac(secret: string, purpose: string, body: string): string {
  return createHmac('sha256', secret).update(`${purpose}\n${body}`).digest('base64url');
}

/** Compares two secrets in constant time (hashing first, so lengths do not leak either). */
export function sameSecret(a: string, b: string): boolean {
  const ha = createHmac('sha256', 'compare').update(a).digest();
  const hb = createHmac('sha256', 'compare').update(b).digest();
  return timingSafeEqual(ha, hb);
}
