import { z } from 'zod';
import { flag, optionalString, wholeNumber } from './values.js';

const secret = (name: string) =>
  optionalString.pipe(z.string().min(32, `must be at least 32 characters (for example: openssl rand -base64 48); leave ${name} empty to turn it off`).optional());

/** One named API token: `NAME:ROLES:TOKEN`, roles comma-separated from agent, editor, publisher. */
export interface StaffApiToken {
  readonly name: string;
  readonly roles: readonly ('agent' | 'editor' | 'publisher')[];
  readonly token: string;
}

const API_ROLE_NAMES = ['agent', 'editor', 'publisher'] as const;
const apiTokenSchema = z
  .string()
  .transform((item, ctx): StaffApiToken => {
    const first = item.indexOf(':');
    const second = first === -1 ? -1 : item.indexOf(':', first + 1);
    const name = item.slice(0, Math.max(first, 0));
    const roleList = second === -1 ? [] : item.slice(first + 1, second).split(',').filter((r) => r !== '');
    const token = second === -1 ? '' : item.slice(second + 1);
    const fail = (why: string) => {
      ctx.issues.push({ code: 'custom', input: item, message: `"${name === '' ? '(no name)' : name}": ${why}; write NAME:ROLES:TOKEN, e.g. deploy-bot:editor,publisher:<openssl rand -base64 48>` });
      return z.NEVER;
    };
    if (second === -1) return fail('is not NAME:ROLES:TOKEN');
    if (!/^[A-Za-z0-9._-]{1,64}$/.test(name)) return fail('the name must be 1–64 letters, digits, ".", "_" or "-"');
    const roles = roleList.filter((r): r is StaffApiToken['roles'][number] => (API_ROLE_NAMES as readonly string[]).includes(r));
    if (roles.length === 0 || roles.length !== roleList.length) return fail('the roles must be a comma-separated list of agent, editor, publisher');
    if (token.length < 32) return fail('the token must be at least 32 characters');
    return { name, roles: [...new Set(roles)], token };
  });

const apiTokens = z
  .string()
  .trim()
  .default('')
  .transform((s) => s.split(/\s+/).filter((v) => v !== ''))
  .pipe(z.array(apiTokenSchema))
  .refine((tokens) => new Set(tokens.map((t) => t.name)).size === tokens.length, 'every token needs its own name: the audit log records who did what by it')
  .refine((tokens) => new Set(tokens.map((t) => t.token)).size === tokens.length, 'two tokens are the same secret: give each its own');

/** A local user for the loopback sign-in: `NAME:ROLES`. */
export interface StaffLocalUser {
  readonly name: string;
  readonly roles: readonly ('agent' | 'editor' | 'publisher')[];
}

const localUsers = z
  .string()
  .trim()
  .default('')
  .transform((s) => s.split(/\s+/).filter((v) => v !== ''))
  .pipe(
    z.array(
      z.string().transform((item, ctx): StaffLocalUser => {
        const [name = '', roleList = '', ...rest] = item.split(':');
        const roles = roleList.split(',').filter((r): r is StaffLocalUser['roles'][number] => (API_ROLE_NAMES as readonly string[]).includes(r));
        if (rest.length > 0 || !/^[A-Za-z0-9._-]{1,64}$/.test(name) || roles.length === 0 || roles.length !== roleList.split(',').length) {
          ctx.issues.push({ code: 'custom', input: item, message: `"${item}" must be NAME:ROLES, e.g. anna:editor or per:editor,publisher (roles from agent, editor, publisher)` });
          return z.NEVER;
        }
        return { name, roles: [...new Set(roles)] };
      }),
    ),
  )
  .refine((users) => new Set(users.map((u) => u.name)).size === users.length, 'every local user needs its own name');

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
  /** Named API tokens with roles for automation, "NAME:ROLES:TOKEN NAME:ROLES:TOKEN"; the name is who the audit log records. */
  STAFF_API_TOKENS: apiTokens,
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
  /** The same for publishers (who approve and publish editors' drafts). */
  STAFF_PUBLISHER_ROLES: valueList('Staff.Publisher'),
  /** Four eyes: a draft is published by a publisher who is not its author (false for one-person municipalities). */
  STAFF_FOUR_EYES: flag(true),
  /**
   * Where the served corpus comes from: "store" (the published versions in the staff store, the
   * default when the staff side is on) or "files" (faq-data/ watched as before, for content kept in git).
   */
  CORPUS_SOURCE: z.enum(['store', 'files', '']).default('').transform((v) => (v === '' ? 'store' : v)),
  /** How often every instance checks the store for a newer published version, in seconds (beside LISTEN/NOTIFY). */
  CORPUS_POLL_SECONDS: wholeNumber(1, 300, 2),
  /**
   * A sign-in for the staff pages on loopback without Entra ID, for trying it locally and browser tests:
   * "NAME:ROLES" (roles comma-separated from agent, editor, publisher). Refused unless HOST is loopback.
   */
  STAFF_LOCAL_USERS: localUsers,
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
  /**
   * The share of answered typed questions kept (0–1, personal data removed, same retention), so editors
   * can find confident mistakes; 0 keeps none.
   */
  STAFF_ANSWERED_SAMPLE_RATE: z.preprocess((v) => (typeof v === 'string' && v.trim() === '' ? undefined : v), z.coerce.number().min(0).max(1).default(0.1)),
  /** The golden questions the impact preview asks besides residents' (TSV: question<TAB>id); default tests/golden/conversations.tsv. */
  STAFF_IMPACT_GOLDEN_FILE: optionalString,
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
  // The loopback sign-in signs its sessions with STAFF_SESSION_SECRET when it is given (they then outlive
  // a restart), so with STAFF_LOCAL_USERS the secret alone is a whole setting, not half of Entra ID's.
  if (set.length === 1 && set[0] === 'STAFF_SESSION_SECRET' && env.STAFF_LOCAL_USERS.length > 0) return undefined;
  const missing = Object.keys(oidc).filter((k) => !set.includes(k));
  return `Staff sign-in is half configured: ${set.join(', ')} ${set.length === 1 ? 'is' : 'are'} set but ${missing.join(', ')} ${missing.length === 1 ? 'is' : 'are'} not. Set all five (see docs/staff.md), or none to keep sign-in through Entra ID off.`;
}

/** Whether any staff sign-in is configured: otherwise the staff side is off and records nothing. */
export function staffSideConfigured(env: StaffEnv): boolean {
  return env.STAFF_TOKEN !== undefined || env.STAFF_API_TOKENS.length > 0 || env.STAFF_OIDC_ISSUER !== undefined || env.STAFF_LOCAL_USERS.length > 0;
}
