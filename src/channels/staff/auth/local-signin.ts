import type { IncomingMessage, ServerResponse } from 'node:http';
import type restify from 'restify';
import type { StaffLocalUser } from '../../../config/staff-env.js';
import type { Logger } from '../../../logging/index.js';
import { escapeHtml as e, queryOf, readBody, redirect, sendHtml } from '../http.js';
import { renderBadAddressPage, renderLayout, renderMessagePage } from '../pages/layout.js';
import { STAFF_TEXT } from '../text.js';
import type { SessionCookies } from './session.js';

export const LOCAL_SIGNIN_PATH = '/staff/auth/local';

export interface LocalSignInDeps {
  readonly users: readonly StaffLocalUser[];
  readonly cookies: SessionCookies;
  readonly logger: Logger;
  readonly clock: () => Date;
  /** Whether a path may be returned to after sign-in (the staff pages only). */
  readonly returnable: (path: string) => boolean;
  readonly fallback: string;
}

/** True when the request came over loopback: a local sign-in from another machine is refused. */
export function fromLoopback(req: IncomingMessage): boolean {
  const address = req.socket.remoteAddress ?? '';
  return address === '::1' || /^(?:::ffff:)?127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(address);
}

/**
 * Signing in as a named local user with chosen roles (STAFF_LOCAL_USERS), for a new teammate and the
 * browser tests: no Entra ID, no password, and so only on loopback (the service refuses to start with
 * it on another interface, and every request is checked again here).
 */
export function registerLocalSignIn(server: restify.Server, deps: LocalSignInDeps): void {
  const T = STAFF_TEXT;
  const refuse = (res: ServerResponse, status: number, message: string) => sendHtml(res, status, renderMessagePage(T.localSignIn.title, T.signIn.failedHeading, message));

  server.get(LOCAL_SIGNIN_PATH, async (req: restify.Request, res: restify.Response) => {
    if (!fromLoopback(req)) return refuse(res, 403, T.localSignIn.onlyLoopback);
    const query = queryOf(req);
    if (!query.ok) return sendHtml(res, 400, renderBadAddressPage(T.localSignIn.title, query, { href: LOCAL_SIGNIN_PATH, label: T.signIn.retry }));
    const wanted = query.params.get('returnTo') ?? deps.fallback;
    const returnTo = deps.returnable(wanted) ? wanted : deps.fallback;
    const forms = deps.users
      .map(
        (u) =>
          `<li><form method="post" action="${LOCAL_SIGNIN_PATH}"><input type="hidden" name="user" value="${e(u.name)}"><input type="hidden" name="returnTo" value="${e(returnTo)}"><button type="submit">${e(T.localSignIn.as)} ${e(u.name)} (${u.roles.map((r) => e(T.roles[r])).join(', ')})</button></form></li>`,
      )
      .join('');
    sendHtml(res, 200, renderLayout({ title: T.localSignIn.title, body: `    <h1>${e(T.localSignIn.heading)}</h1>\n    <p>${e(T.localSignIn.intro)}</p>\n    <ul class="local-users">${forms}</ul>` }));
  });

  server.post(LOCAL_SIGNIN_PATH, async (req: restify.Request, res: restify.Response) => {
    if (!fromLoopback(req)) return refuse(res, 403, T.localSignIn.onlyLoopback);
    // A form of our own page: a page elsewhere must not sign the browser in (login CSRF).
    const site = req.headers['sec-fetch-site'];
    const origin = req.headers.origin;
    if ((site !== undefined && site !== 'same-origin') || (origin !== undefined && origin !== `http://${req.headers.host ?? ''}`)) return refuse(res, 403, T.signIn.failed);
    const body = await readBody(req, 2048);
    if (!body.ok) return refuse(res, body.status === 415 ? 415 : 400, body.status === 415 ? T.localSignIn.notUtf8 : T.signIn.failed);
    const form = new URLSearchParams(body.text);
    const user = deps.users.find((u) => u.name === form.get('user'));
    if (user === undefined) return refuse(res, 400, T.localSignIn.unknownUser);
    const wanted = form.get('returnTo') ?? deps.fallback;
    const { cookie } = deps.cookies.issue({ sub: `local:${user.name}`, name: user.name, roles: user.roles }, deps.clock());
    deps.logger.info({ event: 'staff-signin-local', user: user.name, roles: user.roles }, 'staff signed in locally (loopback)');
    redirect(res, deps.returnable(wanted) ? wanted : deps.fallback, { 'set-cookie': cookie });
  });
}
