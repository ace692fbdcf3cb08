import { rmSync } from 'node:fs';
import { createBotRuntime, createInlineRunner, registerBotRoutes } from '../../src/channels/botframework/index.js';
import { createHttpServer } from '../../src/channels/http/index.js';
import { registerStaffSide, type StaffSide } from '../../src/channels/staff/index.js';
import { registerWebChatRoutes } from '../../src/channels/web/index.js';
import { staffEnvSchema } from '../../src/config/staff-env.js';
import { createLogger, type Logger } from '../../src/logging/index.js';
import { testEngine, testI18n } from '../bot/harness.js';
import { preparedDataDir } from '../support/embedded-template.js';
import { startIdentityProvider, type IdentityProvider, type TestUser } from '../support/identity-provider.js';

export const STAFF_TOKEN = 'test-staff-token-0123456789-abcdefghijklmnop';
export const SESSION_SECRET = 'test-session-secret-0123456789-abcdefghijklm';
/** An Entra ID group object id that makes its members editors (beside the Staff.Editor app role). */
export const EDITOR_GROUP = '6f1c2f0e-3b1d-4c55-9a57-2f1a7c9d0e11';

export const USERS: Readonly<Record<string, TestUser>> = {
  agent: { name: 'Agda Agent', roles: ['Staff.Agent'] },
  editor: { name: 'Edvin Redaktör', roles: ['Staff.Editor'] },
  'group-editor': { name: 'Greta Grupp', groups: [EDITOR_GROUP] },
  resident: { name: 'Ingen Roll', roles: [] },
};

export interface StaffService {
  readonly url: string;
  readonly staff: StaffSide;
  readonly idp: IdentityProvider | undefined;
  close(): Promise<void>;
}

/**
 * The service as main.ts composes it (bot, web chat, staff side) on a free loopback port, with a loopback
 * identity provider standing in for Entra ID and the embedded store in a temporary folder.
 */
export async function startStaffService(options: { signIn?: 'oidc+token' | 'off'; logger?: Logger } = {}): Promise<StaffService> {
  const logger = options.logger ?? createLogger('silent');
  const engine = testEngine();
  const i18n = await testI18n();
  const server = createHttpServer({ logger });
  // Listen first: the redirect URI the identity provider checks needs the port.
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${server.address().port}`;
  const dataDir = await preparedDataDir();

  let idp: IdentityProvider | undefined;
  let env = staffEnvSchema.parse({ STAFF_DATA_DIR: dataDir });
  if (options.signIn !== 'off') {
    idp = await startIdentityProvider({ redirectUri: `${url}/staff/auth/callback`, users: USERS });
    env = staffEnvSchema.parse({
      STAFF_TOKEN,
      STAFF_OIDC_ISSUER: idp.issuer,
      STAFF_OIDC_CLIENT_ID: idp.clientId,
      STAFF_OIDC_CLIENT_SECRET: idp.clientSecret,
      STAFF_PUBLIC_URL: url,
      STAFF_SESSION_SECRET: SESSION_SECRET,
      STAFF_EDITOR_ROLES: `Staff.Editor ${EDITOR_GROUP}`,
      STAFF_DATA_DIR: dataDir,
    });
  }
  const staff = registerStaffSide(server, { env, engine: () => engine, logger, flushIntervalMs: 50 });
  const runtime = createBotRuntime({ engine, i18n, logger, clock: () => new Date(), auth: {}, recorder: staff.recorder });
  registerBotRoutes(server, runtime);
  registerWebChatRoutes(server, { runInline: createInlineRunner(runtime), contact: engine.corpus.contact, logger, translate: i18n.translator('sv') });

  return {
    url,
    staff,
    idp,
    async close() {
      await staff.close();
      await idp?.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** A browser's cookie store in miniature: cookies per host:port, Max-Age=0 deletes. */
export class CookieJar {
  private readonly cookies = new Map<string, Map<string, string>>();

  header(url: string): string {
    return [...(this.cookies.get(new URL(url).host) ?? new Map<string, string>())].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  get(url: string, name: string): string | undefined {
    return this.cookies.get(new URL(url).host)?.get(name);
  }

  take(url: string, res: Response): void {
    const host = new URL(url).host;
    const jar = this.cookies.get(host) ?? new Map<string, string>();
    for (const line of res.headers.getSetCookie()) {
      const [pair = ''] = line.split(';');
      const eq = pair.indexOf('=');
      const name = pair.slice(0, eq).trim();
      if (/;\s*max-age=0\b/i.test(line)) jar.delete(name);
      else jar.set(name, pair.slice(eq + 1).trim());
    }
    this.cookies.set(host, jar);
  }

  async fetch(url: string, init: RequestInit = {}): Promise<Response> {
    const headers = new Headers(init.headers);
    const cookie = this.header(url);
    if (cookie !== '') headers.set('cookie', cookie);
    const res = await fetch(url, { ...init, headers, redirect: 'manual' });
    this.take(url, res);
    return res;
  }
}

/**
 * Signs in through the identity provider as a browser would: /staff → sign-in → the provider's login
 * form → back to the callback → the page. Returns the jar and the last response.
 */
export async function signInAs(base: string, login: string, start = '/staff'): Promise<{ jar: CookieJar; response: Response; url: string; setCookies: string[] }> {
  const jar = new CookieJar();
  const setCookies: string[] = [];
  let url = `${base}${start}`;
  let init: RequestInit = {};
  for (let hop = 0; hop < 12; hop++) {
    const res = await jar.fetch(url, init);
    if (new URL(url).host === new URL(base).host) setCookies.push(...res.headers.getSetCookie());
    init = {};
    const location = res.headers.get('location');
    if (res.status >= 300 && res.status < 400 && location) {
      url = new URL(location, url).href;
      continue;
    }
    if (new URL(url).pathname.startsWith('/interaction/') && res.status === 200) {
      const action = /action="([^"]+)"/.exec(await res.text())?.[1];
      if (!action) throw new Error('the login form has no action');
      url = new URL(action, url).href;
      init = { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ login }).toString() };
      continue;
    }
    return { jar, response: res, url, setCookies };
  }
  throw new Error('sign-in did not finish in 12 hops');
}
