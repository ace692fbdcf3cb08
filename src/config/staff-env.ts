import { z } from 'zod';

const optionalString = z
  .string()
  .trim()
  .transform((s) => (s === '' ? undefined : s))
  .optional();

// An empty value means "use the default", not 0.
const wholeNumber = (min: number, max: number, fallback: number) =>
  z.preprocess((v) => (typeof v === 'string' && v.trim() === '' ? undefined : v), z.coerce.number().int().min(min).max(max).default(fallback));

const secret = (name: string) =>
  optionalString.pipe(z.string().min(32, `must be at least 32 characters (for example: openssl rand -base64 48); leave ${name} empty to turn it off`).optional());

const isLoopbackHost = (host: string) => host === 'localhost' || host === '127.0.0.1' || host === '[::1]';

// Entra ID in production is https; http is accepted only on loopback, for a local test identity provider.
const secureUrl = (example: string) =>
  optionalString.pipe(
    z
      .url({ error: `must be a URL, e.g. ${example}` })
      .refine((s) => {
        const url = new URL(s);
        return url.protocol === 'https:' || (url.protocol === 'http:' && isLoopbackHost(url.hostname));
      }, `must be an https:// URL (http:// only on 127.0.0.1 or localhost), e.g. ${example}`)
      .transform((s) => s.replace(/\/+$/, ''))
      .optional(),
  );

const valueList = (fallback: string) =>
  z
    .string()
    .trim()
    .default(fallback)
    .transform((s) => (s === '' ? fallback : s).split(/\s+/).filter((v) => v !== ''));

/**
 * The staff side's environment (sign-in, the store of what residents asked, retention), as a zod object
 * shape to spread into the service's env schema. None is required: without STAFF_TOKEN and without the
 * STAFF_OIDC_* settings the staff routes answer 404; the store defaults to an embedded database file.
 * Every variable is described in docs/staff.md and .env.example.
 */
export const staffEnvShape = {
  /** A long secret that signs in through `Authorization: Bearer` on the staff APIs (off when empty). */
  STAFF_TOKEN: secret('STAFF_TOKEN'),
  /** The OpenID Connect issuer, for Entra ID https://login.microsoftonline.com/<tenant id>/v2.0. */
  STAFF_OIDC_ISSUER: secureUrl('https://login.microsoftonline.com/<tenant id>/v2.0'),
  /** The app registration's application (client) id. */
  STAFF_OIDC_CLIENT_ID: optionalString,
  /** The app registration's client secret. */
  STAFF_OIDC_CLIENT_SECRET: optionalString,
  /** This service's public origin (no path); the redirect URI is this + /staff/auth/callback. */
  STAFF_PUBLIC_URL: secureUrl('https://chatt.norrkoping.se').refine(
    (s) => s === undefined || new URL(s).pathname === '/',
    'must be the origin the service is reached at, without a path, e.g. https://chatt.norrkoping.se',
  ),
  /** Signs the staff session cookie (at least 32 characters); the same on every instance. */
  STAFF_SESSION_SECRET: secret('STAFF_SESSION_SECRET'),
  /** How long a staff session lasts, in hours. */
  STAFF_SESSION_HOURS: wholeNumber(1, 24, 8),
  /** App role values or group object ids (space-separated) that make someone an agent. */
  STAFF_AGENT_ROLES: valueList('Staff.Agent'),
  /** The same for editors (editors may also use the agents' console). */
  STAFF_EDITOR_ROLES: valueList('Staff.Editor'),
  /** PostgreSQL for the staff store; empty keeps the embedded database under STAFF_DATA_DIR. */
  DATABASE_URL: optionalString.pipe(
    z
      .url({ protocol: /^postgres(ql)?$/, error: 'must be a postgres:// URL, e.g. postgres://faqbot:secret@db.internal:5432/faqbot' })
      .optional(),
  ),
  /** The folder of the embedded database; default data/ in the repository. */
  STAFF_DATA_DIR: optionalString,
  /** Days a kept resident question stays before it is purged. */
  STAFF_RETENTION_DAYS: wholeNumber(1, 365, 30),
  /** Days the anonymous per-hour counts (no text) stay, for the numbers. */
  STAFF_COUNTS_RETENTION_DAYS: wholeNumber(1, 3650, 400),
};

export const staffEnvSchema = z.object(staffEnvShape);
export type StaffEnv = z.infer<typeof staffEnvSchema>;

/** Combinations the staff sign-in needs, named so the operator can fix them before the first sign-in. */
export function staffSettingsProblem(env: StaffEnv): string | undefined {
  const oidc = {
    STAFF_OIDC_ISSUER: env.STAFF_OIDC_ISSUER,
    STAFF_OIDC_CLIENT_ID: env.STAFF_OIDC_CLIENT_ID,
    STAFF_OIDC_CLIENT_SECRET: env.STAFF_OIDC_CLIENT_SECRET,
    STAFF_PUBLIC_URL: env.STAFF_PUBLIC_URL,
    STAFF_SESSION_SECRET: env.STAFF_SESSION_SECRET,
  };
  const set = Object.entries(oidc).filter(([, v]) => v !== undefined).map(([k]) => k);
  if (set.length === 0 || set.length === Object.keys(oidc).length) return undefined;
  const missing = Object.keys(oidc).filter((k) => !set.includes(k));
  return `Staff sign-in is half configured: ${set.join(', ')} ${set.length === 1 ? 'is' : 'are'} set but ${missing.join(', ')} ${missing.length === 1 ? 'is' : 'are'} not. Set all five (see docs/staff.md), or none to keep sign-in through Entra ID off.`;
}
