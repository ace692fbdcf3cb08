import { createHash } from 'node:crypto';
import type { Contact, TimelineUpdate, Welcome } from '../../core/index.js';
import { corpusDateText, type Translate } from '../../i18n/index.js';
import type { WebChatLinks } from './options.js';
import { noticesText, pageText, webChatStrings, type Notices } from './page-text.js';

export type PageVariant = 'standalone' | 'embed';

export type BrowserTransport =
  | { readonly kind: 'self-hosted'; readonly messagesUrl: string }
  | { readonly kind: 'direct-line'; readonly tokenUrl: string; readonly domain: string };

/** What chat.js needs; written into the page as a JSON data block (not executed, so CSP-safe). */
export interface BrowserConfig {
  readonly transport: BrowserTransport;
  readonly locale: 'sv-SE';
  readonly nonce: string;
  /** Longest message the input lets through: the server's limit, named in the page. */
  readonly maxLength: number;
  /** The bot as replies name it, so the page's own notices and typing indicator come from the same sender. */
  readonly bot: { readonly id: string; readonly name: string };
  /** The page's notices per conversation language (the language of the bot's last reply). */
  readonly notices: { readonly sv: Notices; readonly en: Notices };
  /** Web Chat's corrected sv-SE strings (overrideLocalizedStrings). */
  readonly strings: Readonly<Record<string, string>>;
  /** The page's status line and contact details as served; chat.js swaps them when the corpus changes. */
  readonly state: PageState;
  /** Where chat.js asks for a newer PageState when replies do not carry it (the Direct Line transport). */
  readonly stateUrl: string;
}

/**
 * What on an open page follows the corpus: the latest update, the contact center's details and the
 * notices that name them. `version` is a hash of the rest; the page sends it with every message and a
 * reply carries a new state only when it differs.
 */
export interface PageState {
  readonly version: string;
  /** The status line's parts; null when the timeline has no update to show. */
  readonly status: { readonly label: string; readonly datetime: string; readonly date: string; readonly text: string } | null;
  readonly contact: {
    readonly phone: string;
    readonly tel: string;
    readonly email: string;
    readonly hours: string;
    readonly address: string;
    readonly name: string;
  };
  readonly notices: { readonly sv: Notices; readonly en: Notices };
}

export interface ChatPageOptions {
  readonly contact: Contact;
  /** Who the page speaks for and what it is about (the corpus's welcome.yaml). */
  readonly welcome: Welcome;
  /** The page's Swedish text. */
  readonly translate: Translate;
  /** English notices; Swedish when omitted. */
  readonly translateEn?: Translate | undefined;
  readonly links: WebChatLinks;
  /** The input's limit in characters (the smaller of the endpoint's and the bot's). */
  readonly maxLength: number;
  readonly transport: BrowserTransport;
  readonly bot: { readonly id: string; readonly name: string };
  /** See BrowserConfig.stateUrl. */
  readonly stateUrl: string;
}

export interface ChatPage {
  /**
   * The page's HTML for one request; `nonce` is the request's CSP nonce, `latest` the incident's latest
   * update at the moment of the request (shown in one line above the chat; nothing when undefined).
   */
  html(variant: PageVariant, nonce: string, latest?: TimelineUpdate): string;
  /** The page's live parts for the same inputs (see PageState). */
  state(latest?: TimelineUpdate): PageState;
}

const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);

// "<" escaped so no string in the config can close the script element.
const jsonForScript = (value: unknown) => JSON.stringify(value).replace(/</g, '\\u003c');

/**
 * The chat page. Everything it loads comes from this server; the contact details come from the corpus.
 * The text is built once; each request only adds its nonce and the latest update.
 */
export function createChatPage(options: ChatPageOptions): ChatPage {
  const { contact, links, maxLength } = options;
  const t = pageText(contact, options.welcome, options.translate, maxLength);
  const sv = noticesText(contact, 'sv', options.translate);
  const notices = { sv, en: options.translateEn === undefined ? sv : noticesText(contact, 'en', options.translateEn) };
  const config: Omit<BrowserConfig, 'nonce' | 'state'> = {
    transport: options.transport,
    locale: 'sv-SE',
    maxLength,
    bot: options.bot,
    notices,
    strings: webChatStrings(options.translate),
    stateUrl: options.stateUrl,
  };
  const e = escapeHtml;
  // data-contact names what chat.js refreshes when the corpus's contact details change.
  const contactBlock = `<dl class="contact">
        <dt>${e(t.phoneLabel)}</dt><dd><a data-contact="phone" href="tel:${e(contact.phone.tel)}">${e(contact.phone.display)}</a></dd>
        <dt>${e(t.emailLabel)}</dt><dd><a data-contact="email" href="mailto:${e(contact.email)}">${e(contact.email)}</a></dd>
        <dt>${e(t.hoursLabel)}</dt><dd data-contact="hours">${e(t.hoursValue)}</dd>
        <dt>${e(t.addressLabel)}</dt><dd data-contact="address">${e(contact.visitingAddress.sv)}</dd>
      </dl>`;
  // In the iframe a link must not replace the chat: it opens in a new tab.
  // A page the chat has no address for (neither the environment nor the corpus names one) is not linked.
  const link = (variant: PageVariant, href: string | undefined, text: string) =>
    href === undefined
      ? ''
      : variant === 'embed'
        ? `<a href="${e(href)}" target="_blank" rel="noopener noreferrer">${e(text)}</a>`
        : `<a href="${e(href)}">${e(text)}</a>`;

  // The page is Swedish: the update's Swedish text, its date as people read it, and no invented time.
  const statusParts = (update: TimelineUpdate | undefined): PageState['status'] =>
    update === undefined
      ? null
      : {
          label: t.latestUpdate,
          datetime: update.time === undefined ? update.date : `${update.date}T${update.time}`,
          date: corpusDateText(update.at, 'sv', options.translate),
          text: update.text.sv.trim(),
        };
  const stateFor = (latest: TimelineUpdate | undefined): PageState => {
    const rest = {
      status: statusParts(latest),
      contact: { phone: contact.phone.display, tel: contact.phone.tel, email: contact.email, hours: t.hoursValue, address: contact.visitingAddress.sv, name: t.contactHeading },
      notices,
    };
    return { version: createHash('sha256').update(JSON.stringify(rest)).digest('hex').slice(0, 16), ...rest };
  };
  // One line on a small screen (the summary is cut with "…"), the whole text when opened; chat.js opens
  // it on a large screen. Always in the page, hidden when there is no update, so a later one can appear.
  const statusLine = (status: PageState['status']) =>
    `<details class="fold status-line" id="chat-status-box"${status === null ? ' hidden' : ''}><summary class="fold__summary" id="chat-status"><strong data-status="label">${e(status?.label ?? t.latestUpdate)}</strong>, <time data-status="date" datetime="${e(status?.datetime ?? '')}">${e(status?.date ?? '')}</time>: <span data-status="text">${e(status?.text ?? '')}</span></summary></details>`;

  return {
    state: stateFor,
    html(variant, nonce, latest) {
      const state = stateFor(latest);
      const browserConfig: BrowserConfig = { ...config, nonce, state };
      const header = variant === 'standalone' ? `<header class="site-header"><p class="site-name">${e(t.siteName)}</p></header>` : '';
      const footer =
        variant === 'standalone'
          ? `<footer class="site-footer">
    <h2>${e(t.contactHeading)}</h2>
    ${contactBlock}
    <p class="site-footer__links">${link(variant, links.accessibility, t.accessibilityLink)}</p>
  </footer>`
          : '';
      return `<!doctype html>
<html lang="sv">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1, interactive-widget=resizes-content">
  <title>${e(t.title)}</title>
  <link rel="icon" href="/webchat/favicon.svg" type="image/svg+xml">
  <link rel="stylesheet" href="/webchat/chat.css">
  <script type="application/json" id="chat-config">${jsonForScript(browserConfig)}</script>
  <script src="/webchat/webchat.js" defer></script>
  <script src="/webchat/chat.js" defer></script>
  <noscript><style nonce="${e(nonce)}">.chat__loading, .chat__input-status { display: none; }</style></noscript>
</head>
<body class="page page--${variant}">
  <a class="skip-link" href="#chat">${e(t.skipLink)}</a>
  <div class="shell">
    ${header}
    <main class="main">
      <h1 class="${variant === 'embed' ? 'visually-hidden' : 'heading'}">${e(t.heading)}</h1>
      ${statusLine(state.status)}
      <details class="fold privacy" id="chat-privacy"><summary class="fold__summary">${e(t.privacy)}</summary><p class="privacy__links">${[link(variant, links.privacy, t.privacyLink), link(variant, links.accessibility, t.accessibilityLink)].filter((l) => l !== '').join('<span aria-hidden="true"> · </span>')}</p></details>
      <section id="chat" class="chat" aria-label="${e(t.chatRegion)}" tabindex="-1">
        <div id="webchat" class="chat__webchat"><p class="chat__loading">${e(t.loading)}</p></div>
        <div class="chat__input-status">
          <p id="chat-input-limit" class="chat__limit">${e(t.inputLimit)}</p>
          <p id="chat-counter" class="chat__counter" aria-hidden="true">0/${maxLength}</p>
        </div>
        <p id="chat-alert" class="chat__alert" role="alert"></p>
        <noscript>
          <div class="noscript">
            <p>${e(t.noscript)}</p>
            ${contactBlock}
          </div>
        </noscript>
      </section>
    </main>
  </div>
  ${footer}
</body>
</html>
`;
    },
  };
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
