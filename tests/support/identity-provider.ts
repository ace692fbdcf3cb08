import { generateKeyPairSync } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import Provider, { type ProviderContext } from 'oidc-provider';

/** A person the loopback identity provider knows, with the claims Entra ID would put in the ID token. */
export interface TestUser {
  readonly name: string;
  /** App role values (Entra ID's `roles` claim). */
  readonly roles?: readonly string[];
  /** Group object ids (Entra ID's `groups` claim). */
  readonly groups?: readonly string[];
}

export interface IdentityProvider {
  /** The issuer URL (http on loopback). */
  readonly issuer: string;
  readonly clientId: string;
  readonly clientSecret: string;
  close(): Promise<void>;
}

export interface IdentityProviderOptions {
  /** The relying party's redirect URI (the staff side's /staff/auth/callback). */
  readonly redirectUri: string;
  /** Users by login name. */
  readonly users: Readonly<Record<string, TestUser>>;
}

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** oidc-provider's storage contract, in memory, bounded by the test's lifetime (its own default warns on the console). */
class MemoryAdapter {
  private static readonly store = new Map<string, Record<string, unknown>>();
  constructor(private readonly model: string) {}
  private key(id: string) {
    return `${this.model}:${id}`;
  }
  async upsert(id: string, payload: Record<string, unknown>) {
    MemoryAdapter.store.set(this.key(id), payload);
    if (this.model === 'Session' && typeof payload.uid === 'string') MemoryAdapter.store.set(`sessionUid:${payload.uid}`, { id });
  }
  async find(id: string) {
    return MemoryAdapter.store.get(this.key(id));
  }
  async findByUid(uid: string) {
    const ref = MemoryAdapter.store.get(`sessionUid:${uid}`);
    return typeof ref?.id === 'string' ? this.find(ref.id) : undefined;
  }
  async findByUserCode() {
    return undefined;
  }
  async consume(id: string) {
    const found = MemoryAdapter.store.get(this.key(id));
    if (found) found.consumed = Math.floor(Date.now() / 1000);
  }
  async destroy(id: string) {
    MemoryAdapter.store.delete(this.key(id));
  }
  async revokeByGrantId() {}
}

function readForm(req: IncomingMessage): Promise<URLSearchParams> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(new URLSearchParams(Buffer.concat(chunks).toString('utf8'))));
    req.on('error', reject);
  });
}

function loginPage(res: ServerResponse, uid: string, problem?: string): void {
  const html = `<!doctype html><html lang="sv"><head><meta charset="utf-8"><title>Testinloggning</title></head><body><main>
<h1>Testinloggning</h1>${problem ? `<p role="alert">${escapeHtml(problem)}</p>` : ''}
<form method="post" action="/interaction/${escapeHtml(uid)}/login"><label for="login">Användarnamn</label>
<input id="login" name="login" autocomplete="username" autofocus><button type="submit">Logga in</button></form></main></body></html>`;
  res.writeHead(problem ? 401 : 200, { 'content-type': 'text/html; charset=utf-8' });
  res.end(html);
}

/**
 * A real OpenID Connect provider (oidc-provider) on a free loopback port, standing in for Entra ID: the
 * authorization code flow with PKCE, signed ID tokens carrying `roles` and `groups`, and a minimal login
 * form (user name only) instead of Microsoft's. Never reaches the internet.
 */
export async function startIdentityProvider(options: IdentityProviderOptions): Promise<IdentityProvider> {
  const clientId = 'staff-console';
  const clientSecret = 'loopback-client-secret-0123456789abcdef';
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const jwk = { ...privateKey.export({ format: 'jwk' }), kid: 'loopback-1', use: 'sig', alg: 'RS256' };

  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address !== null ? address.port : 0;
  const issuer = `http://127.0.0.1:${port}`;

  const provider = new Provider(issuer, {
    adapter: MemoryAdapter,
    clients: [{ client_id: clientId, client_secret: clientSecret, redirect_uris: [options.redirectUri], grant_types: ['authorization_code'], response_types: ['code'], token_endpoint_auth_method: 'client_secret_post' }],
    jwks: { keys: [jwk] },
    cookies: { keys: ['loopback-cookie-key-0123456789abcdef'] },
    claims: { openid: ['sub', 'name', 'roles', 'groups'] },
    // Like Entra ID: the claims are in the ID token itself.
    conformIdTokenClaims: false,
    pkce: { required: () => true },
    features: { devInteractions: { enabled: false } },
    interactions: { url: (_ctx: unknown, interaction: { uid: string }) => `/interaction/${interaction.uid}` },
    ttl: { AccessToken: 600, AuthorizationCode: 60, IdToken: 600, Interaction: 600, Session: 600, Grant: 600 },
    renderError: (ctx: { type: string; body: string }, out: { error: string }) => {
      ctx.type = 'text/plain';
      ctx.body = `identity provider error: ${out.error}`;
    },
    findAccount: (_ctx: unknown, id: string) => {
      const user = options.users[id];
      return user ? { accountId: id, claims: () => ({ sub: id, name: user.name, roles: user.roles ?? [], groups: user.groups ?? [] }) } : undefined;
    },
    // The staff console is a first-party app: no consent screen, as with an admin-consented Entra app.
    loadExistingGrant: async (ctx: ProviderContext) => {
      const { client, session, result, provider: self } = ctx.oidc;
      if (!client || !session?.accountId) return undefined;
      const existing = result?.consent?.grantId ?? session.grantIdFor(client.clientId);
      if (existing) return self.Grant.find(existing);
      const grant = new self.Grant({ clientId: client.clientId, accountId: session.accountId });
      grant.addOIDCScope('openid profile');
      await grant.save();
      return grant;
    },
  });
  const handle = provider.callback();

  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    const match = /^\/interaction\/([^/?]+)(\/login)?$/.exec((req.url ?? '').split('?')[0] ?? '');
    if (!match) return handle(req, res);
    void (async () => {
      try {
        const interaction = await provider.interactionDetails(req, res);
        if (req.method === 'GET' && !match[2]) return loginPage(res, interaction.uid);
        const login = (await readForm(req)).get('login')?.trim() ?? '';
        if (!options.users[login]) return loginPage(res, interaction.uid, 'Okänd användare');
        await provider.interactionFinished(req, res, { login: { accountId: login } }, { mergeWithLastSubmission: false });
      } catch (err) {
        res.writeHead(400, { 'content-type': 'text/plain' });
        res.end(`interaction failed: ${err instanceof Error ? err.message : String(err)}`);
      }
    })();
  });

  return {
    issuer,
    clientId,
    clientSecret,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
