/**
 * Which page addresses may be fetched: https only, or plain http to this machine (loopback) so tests
 * and a local copy of the page can be watched without certificates.
 */

export type PageUrlCheck = { readonly ok: true; readonly url: URL } | { readonly ok: false; readonly message: string };

export function isLoopbackHostname(hostname: string): boolean {
  const h = hostname.toLowerCase().replace(/^\[|\]$/g, '');
  return h === 'localhost' || h === '::1' || /^127(?:\.\d{1,3}){3}$/.test(h);
}

export function checkPageUrl(written: string): PageUrlCheck {
  let url: URL;
  try {
    url = new URL(written.trim());
  } catch {
    return { ok: false, message: `"${written}" is not an address; write it in full, e.g. https://www.kommun.se/incident` };
  }
  if (url.username !== '' || url.password !== '') return { ok: false, message: 'an address with a user name or password is refused: pages are public' };
  if (url.protocol === 'https:') return { ok: true, url };
  if (url.protocol === 'http:' && isLoopbackHostname(url.hostname)) return { ok: true, url };
  return { ok: false, message: `only https:// addresses are fetched (plain http only on this machine, 127.0.0.1 or localhost); got ${url.protocol}//${url.host}` };
}
