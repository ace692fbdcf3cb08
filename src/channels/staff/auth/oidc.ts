import * as client from 'openid-client';
import { z } from 'zod';
import type { Logger } from '../../../logging/index.js';
import type { StaffRole } from './session.js';

export interface OidcSettings {
  /** The issuer, e.g. https://login.microsoftonline.com/<tenant id>/v2.0 (http only on loopback). */
  readonly issuer: string;
  readonly clientId: string;
  readonly clientSecret: string;
  /** Where the identity provider sends the browser back: <public URL>/staff/auth/callback. */
  readonly redirectUri: string;
  /** App role values or group ids that make someone an agent. */
  readonly agentValues: readonly string[];
  /** The same for editors. */
  readonly editorValues: readonly string[];
  /** Role values or group ids that make someone a publisher. */
  readonly publisherValues?: readonly string[];
}

/** What the callback learned about the person. */
export type SignInResult =
  | { readonly ok: true; readonly sub: string; readonly name: string; readonly roles: readonly StaffRole[] }
  | { readonly ok: false; readonly reason: 'no-role'; readonly sub: string }
  | { readonly ok: false; readonly reason: 'rejected'; readonly detail: string }
  | { readonly ok: false; readonly reason: 'unavailable'; readonly detail: string };

// The ID token's claims as Entra ID sends them; anything else is ignored.
const claimsSchema = z.looseObject({
  sub: z.string().min(1),
  name: z.string().optional(),
  preferred_username: z.string().optional(),
  roles: z.array(z.string()).optional(),
  groups: z.array(z.string()).optional(),
  // Entra ID's "group overage": more groups than fit, so `groups` is left out.
  _claim_names: z.looseObject({ groups: z.string().optional() }).optional(),
});

const isLoopback = (url: URL) => url.hostname === '127.0.0.1' || url.hostname === 'localhost' || url.hostname === '[::1]';

/**
 * Staff sign-in through OpenID Connect (authorization code flow with PKCE, state and nonce) with
 * `openid-client`. The provider's metadata is discovered on first use and cached; a failed discovery
 * is retried on the next sign-in, so an unreachable Entra ID never stops the service from starting.
 */
export class OidcSignIn {
  private configuration: Promise<client.Configuration> | undefined;

  constructor(
    private readonly settings: OidcSettings,
    private readonly logger: Logger,
  ) {}

  private config(): Promise<client.Configuration> {
    if (!this.configuration) {
      const issuer = new URL(this.settings.issuer);
      const options: client.DiscoveryRequestOptions = { timeout: 10 };
      // The issuer setting only accepts http on loopback (a local test provider); production is https.
      if (issuer.protocol === 'http:' && isLoopback(issuer)) options.execute = [client.allowInsecureRequests];
      this.configuration = client.discovery(issuer, this.settings.clientId, undefined, client.ClientSecretPost(this.settings.clientSecret), options);
      this.configuration.catch(() => {
        this.configuration = undefined;
      });
    }
    return this.configuration;
  }

  /** The URL to send the browser to, and what the callback must check. */
  async start(): Promise<{ ok: true; url: URL; state: string; nonce: string; verifier: string } | { ok: false; detail: string }> {
    let config: client.Configuration;
    try {
      config = await this.config();
    } catch (err) {
      return { ok: false, detail: err instanceof Error ? err.message : String(err) };
    }
    const verifier = client.randomPKCECodeVerifier();
    const state = client.randomState();
    const nonce = client.randomNonce();
    const url = client.buildAuthorizationUrl(config, {
      redirect_uri: this.settings.redirectUri,
      scope: 'openid profile',
      response_type: 'code',
      code_challenge: await client.calculatePKCECodeChallenge(verifier),
      code_challenge_method: 'S256',
      state,
      nonce,
    });
    return { ok: true, url, state, nonce, verifier };
  }

  /** Redeems the code in the callback URL and maps the ID token's roles and groups to staff roles. */
  async finish(callbackUrl: URL, checks: { state: string; nonce: string; verifier: string }): Promise<SignInResult> {
    let config: client.Configuration;
    try {
      config = await this.config();
    } catch (err) {
      return { ok: false, reason: 'unavailable', detail: err instanceof Error ? err.message : String(err) };
    }
    let claims: unknown;
    try {
      const tokens = await client.authorizationCodeGrant(config, callbackUrl, {
        pkceCodeVerifier: checks.verifier,
        expectedState: checks.state,
        expectedNonce: checks.nonce,
        idTokenExpected: true,
      });
      claims = tokens.claims();
    } catch (err) {
      // openid-client's errors say what failed (state mismatch, error response, bad signature …).
      return { ok: false, reason: 'rejected', detail: err instanceof Error ? err.message : String(err) };
    }
    const parsed = claimsSchema.safeParse(claims);
    if (!parsed.success) return { ok: false, reason: 'rejected', detail: 'the ID token has no subject' };
    const c = parsed.data;
    if (c._claim_names?.groups !== undefined) {
      this.logger.warn({ event: 'staff-signin-group-overage' }, 'the ID token has too many groups to list them; assign the groups to app roles (see docs/staff.md)');
    }
    const held = new Set([...(c.roles ?? []), ...(c.groups ?? [])]);
    const roles: StaffRole[] = [];
    if (this.settings.agentValues.some((v) => held.has(v))) roles.push('agent');
    if (this.settings.editorValues.some((v) => held.has(v))) roles.push('editor');
    if ((this.settings.publisherValues ?? []).some((v) => held.has(v))) roles.push('publisher');
    if (roles.length === 0) return { ok: false, reason: 'no-role', sub: c.sub };
    return { ok: true, sub: c.sub, name: c.name ?? c.preferred_username ?? '', roles };
  }
}
