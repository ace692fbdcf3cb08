import { describe, expect, test } from 'vitest';
import { parseEnv } from '../../src/config/index.js';

const oidc = {
  STAFF_OIDC_ISSUER: 'https://login.microsoftonline.com/0b1c2d3e-4f50-6172-8394-a5b6c7d8e9f0/v2.0',
  STAFF_OIDC_CLIENT_ID: '11111111-2222-3333-4444-555555555555',
  STAFF_OIDC_CLIENT_SECRET: 'client-secret',
  STAFF_PUBLIC_URL: 'https://chatt.norrkoping.se/',
  STAFF_SESSION_SECRET: 'a-session-secret-of-at-least-32-characters',
};

const problem = (source: Record<string, string>) => {
  const result = parseEnv(source);
  return result.ok ? undefined : result.message;
};

describe('the staff side environment', () => {
  test('when nothing is set, the staff side is off, the store embedded, retention 30 days', () => {
    const result = parseEnv({});
    if (!result.ok) throw new Error(result.message);
    expect(result.env.STAFF_TOKEN).toBeUndefined();
    expect(result.env.STAFF_OIDC_ISSUER).toBeUndefined();
    expect(result.env.DATABASE_URL).toBeUndefined();
    expect(result.env).toMatchObject({
      STAFF_RETENTION_DAYS: 30,
      STAFF_COUNTS_RETENTION_DAYS: 400,
      STAFF_SESSION_HOURS: 8,
      STAFF_AGENT_ROLES: ['Staff.Agent'],
      STAFF_EDITOR_ROLES: ['Staff.Editor'],
    });
  });

  test('when Entra ID sign-in is fully set, it parses (trailing slashes dropped, role lists split)', () => {
    const result = parseEnv({ ...oidc, STAFF_EDITOR_ROLES: 'Staff.Editor  6f1c2f0e-3b1d-4c55-9a57-2f1a7c9d0e11' });
    if (!result.ok) throw new Error(result.message);
    expect(result.env.STAFF_PUBLIC_URL).toBe('https://chatt.norrkoping.se');
    expect(result.env.STAFF_EDITOR_ROLES).toEqual(['Staff.Editor', '6f1c2f0e-3b1d-4c55-9a57-2f1a7c9d0e11']);
  });

  test('when sign-in is half configured, the message names what is set and what is missing', () => {
    const { STAFF_SESSION_SECRET: _omitted, ...partial } = oidc;
    expect(problem(partial)).toBe(
      'Staff sign-in is half configured: STAFF_OIDC_ISSUER, STAFF_OIDC_CLIENT_ID, STAFF_OIDC_CLIENT_SECRET, STAFF_PUBLIC_URL are set but STAFF_SESSION_SECRET is not. Set all five (see docs/staff.md), or none to keep sign-in through Entra ID off.',
    );
  });

  test('when the loopback sign-in is given STAFF_SESSION_SECRET alone, it starts (its sessions then outlive a restart); the secret alone without local users is still half of Entra ID', () => {
    expect(problem({ STAFF_LOCAL_USERS: 'anna:editor', STAFF_SESSION_SECRET: oidc.STAFF_SESSION_SECRET })).toBeUndefined();
    expect(problem({ STAFF_SESSION_SECRET: oidc.STAFF_SESSION_SECRET })).toMatch(/^Staff sign-in is half configured: STAFF_SESSION_SECRET is set but STAFF_OIDC_ISSUER, /);
    const { STAFF_OIDC_CLIENT_SECRET: _omitted, ...partial } = oidc;
    expect(problem({ ...partial, STAFF_LOCAL_USERS: 'anna:editor' })).toMatch(/half configured: .* but STAFF_OIDC_CLIENT_SECRET is not/);
  });

  test.each([
    ['STAFF_TOKEN', 'short', /at least 32 characters[\s\S]*STAFF_TOKEN/],
    ['STAFF_OIDC_ISSUER', 'http://login.example.com/v2.0', /https:\/\/ URL \(http:\/\/ only on 127\.0\.0\.1 or localhost\)/],
    ['DATABASE_URL', 'mysql://db/faq', /postgres:\/\//],
    ['STAFF_PUBLIC_URL', 'https://www.norrkoping.se/chatt', /without a path/],
    ['STAFF_RETENTION_DAYS', '0', /STAFF_RETENTION_DAYS/],
    ['STAFF_RETENTION_DAYS', 'thirty', /STAFF_RETENTION_DAYS/],
  ])('when %s is %j, start-up refuses with a message that says what to do', (name, value, message) => {
    expect(problem({ [name]: value })).toMatch(message);
  });

  test('when the issuer is http on loopback (a local test provider), it is accepted', () => {
    expect(problem({ ...oidc, STAFF_OIDC_ISSUER: 'http://127.0.0.1:4000', STAFF_PUBLIC_URL: 'http://127.0.0.1:3978' })).toBeUndefined();
  });
});
