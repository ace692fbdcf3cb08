import type { Contact } from '../../core/index.js';
import type { Translate } from '../../i18n/index.js';
import { pageText } from './page-text.js';

export type PageVariant = 'standalone' | 'embed';

/** What chat.js needs; written into the page as a JSON data block (not executed, so CSP-safe). */
export interface BrowserConfig {
  readonly transport: { readonly kind: 'self-hosted'; readonly messagesUrl: string } | { readonly kind: 'direct-line'; readonly tokenUrl: string; readonly domain: string };
  readonly locale: 'sv-SE';
  readonly nonce: string;
  readonly maxTextLength: number;
  readonly botName: string;
  readonly notices: { readonly rateLimited: string; readonly tooLong: string; readonly failed: string };
}

const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);

// "<" escaped so no string in the config can close the script element.
const jsonForScript = (value: unknown) => JSON.stringify(value).replace(/</g, '\\u003c');

/** The chat page. Everything it loads comes from this server; the contact details come from the corpus. */
export function renderChatPage(variant: PageVariant, contact: Contact, config: BrowserConfig, translate: Translate): string {
  const t = pageText(contact, translate);
  const e = escapeHtml;
  const contactBlock = `<dl class="contact">
        <dt>${e(t.phoneLabel)}</dt><dd><a href="tel:${e(contact.phone.tel)}">${e(contact.phone.display)}</a></dd>
        <dt>${e(t.emailLabel)}</dt><dd><a href="mailto:${e(contact.email)}">${e(contact.email)}</a></dd>
        <dt>${e(t.hoursLabel)}</dt><dd>${e(t.hoursValue)}</dd>
        <dt>${e(t.addressLabel)}</dt><dd>${e(contact.visitingAddress.sv)}</dd>
      </dl>`;
  const header =
    variant === 'standalone'
      ? `<header class="site-header"><p class="site-name">${e(t.siteName)}</p></header>`
      : '';
  const footer =
    variant === 'standalone'
      ? `<footer class="site-footer"><h2>${e(t.contactHeading)}</h2>
      ${contactBlock}
    </footer>`
      : '';
  return `<!doctype html>
<html lang="sv">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>${e(t.title)}</title>
  <link rel="icon" href="/webchat/favicon.svg" type="image/svg+xml">
  <link rel="stylesheet" href="/webchat/chat.css">
  <script type="application/json" id="chat-config">${jsonForScript(config)}</script>
  <script src="/webchat/webchat.js" defer></script>
  <script src="/webchat/chat.js" defer></script>
  <noscript><style nonce="${e(config.nonce)}">.chat__loading { display: none; }</style></noscript>
</head>
<body class="page page--${variant}">
  <a class="skip-link" href="#chat">${e(t.skipLink)}</a>
  ${header}
  <main class="main">
    <h1 class="${variant === 'embed' ? 'visually-hidden' : 'heading'}">${e(t.heading)}</h1>
    ${variant === 'standalone' ? `<p class="intro">${e(t.intro)}</p>` : ''}
    <section id="chat" class="chat" aria-label="${e(t.chatRegion)}" tabindex="-1">
      <div id="webchat" class="chat__webchat"><p class="chat__loading">${e(t.loading)}</p></div>
      <noscript>
        <div class="noscript">
          <p>${e(t.noscript)}</p>
          ${contactBlock}
        </div>
      </noscript>
    </section>
  </main>
  ${footer}
</body>
</html>
`;
}

// react-scroll-to-bottom (inside Web Chat) inserts one empty <style> without the nonce and then fills it
// through the CSSOM, which CSP does not restrict: allowing exactly the empty content is enough.
const EMPTY_STYLE_HASH = "'sha256-47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU='";

/**
 * Only this server, plus the Direct Line service when it is configured. Web Chat's CSS-in-JS style
 * elements carry the per-request nonce; it draws its typing indicator as GIFs in blob: URLs it makes
 * itself and its card icons as data: URLs (neither touches the network). `frameAncestors` decides who
 * may frame the page.
 */
export function contentSecurityPolicy(nonce: string, opts: { directLineOrigin?: string | undefined; frameAncestors: readonly string[] }): string {
  const connect = ["'self'"];
  if (opts.directLineOrigin !== undefined) {
    connect.push(opts.directLineOrigin, opts.directLineOrigin.replace(/^https:/, 'wss:'));
  }
  const ancestors = opts.frameAncestors.length > 0 ? opts.frameAncestors.join(' ') : "'none'";
  return [
    "default-src 'none'",
    "script-src 'self'",
    `style-src 'self' 'nonce-${nonce}' ${EMPTY_STYLE_HASH}`,
    "img-src 'self' blob: data:",
    "font-src 'self'",
    `connect-src ${connect.join(' ')}`,
    "base-uri 'none'",
    "form-action 'none'",
    `frame-ancestors ${ancestors}`,
  ].join('; ');
}
