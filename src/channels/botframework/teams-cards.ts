import { CardFactory, type Attachment } from 'botbuilder';
import type { Translate } from '../../i18n/index.js';
import { contactLinksIn, type ContactLink } from './contact-links.js';

/**
 * Adaptive Cards for Teams. Teams opens a tel: or mailto: URL reliably from an Adaptive Card's
 * Action.OpenUrl, not from a hero card, and it may drop a tel: link inside text: so a number or address
 * an answer names is also a button here. Version 1.4: what Teams renders on desktop, web and mobile.
 */
const VERSION = '1.4';
/** More buttons than this crowd a phone's card; answers name one number and one address. */
const MAX_CONTACT_ACTIONS = 4;

interface TextBlock {
  readonly type: 'TextBlock';
  readonly text: string;
  readonly wrap: true;
  readonly weight?: 'Bolder';
  readonly size?: 'Medium' | 'Small';
  readonly isSubtle?: true;
  readonly spacing?: 'Medium';
}

/** "Ring 011-15 00 00" (tel:) and "Skicka e-post till …" (mailto:) for every link in `markdown`. */
export function contactActions(markdown: string, t: Translate): { type: 'Action.OpenUrl'; title: string; url: string }[] {
  return contactLinksIn(markdown)
    .slice(0, MAX_CONTACT_ACTIONS)
    .map((link: ContactLink) => ({
      type: 'Action.OpenUrl' as const,
      title: link.kind === 'tel' ? t('contact.call', { phone: link.display }) : t('contact.mailTo', { email: link.display }),
      url: link.url,
    }));
}

/**
 * The message extension's result: the question as the title, the answer's paragraphs (markdown, its
 * numbers and addresses linked), then the smaller provenance lines, and a button per number and address.
 */
export function answerCard(title: string, answer: string, details: readonly string[], t: Translate): Attachment {
  const paragraphs = answer.split(/\n{2,}/).filter((p) => p.trim() !== '');
  const body: TextBlock[] = [
    { type: 'TextBlock', text: title, wrap: true, weight: 'Bolder', size: 'Medium' },
    ...paragraphs.map((text): TextBlock => ({ type: 'TextBlock', text, wrap: true })),
    ...details.map((text, i): TextBlock => ({ type: 'TextBlock', text, wrap: true, isSubtle: true, size: 'Small', ...(i === 0 ? { spacing: 'Medium' as const } : {}) })),
  ];
  const actions = contactActions(answer, t);
  return CardFactory.adaptiveCard({ type: 'AdaptiveCard', version: VERSION, body, ...(actions.length === 0 ? {} : { actions }) });
}

/** For an answer in a Teams chat that names a number or an address: its buttons, as a card of their own. */
export function contactActionsCard(markdown: string, t: Translate): Attachment | undefined {
  const actions = contactActions(markdown, t);
  if (actions.length === 0) return undefined;
  return CardFactory.adaptiveCard({ type: 'AdaptiveCard', version: VERSION, body: [{ type: 'TextBlock', text: t('contact.actionsHeading'), wrap: true, isSubtle: true, size: 'Small' }], actions });
}

/**
 * The contact center's hero card (contact-card.ts) for Teams: the same title, opening status and lines,
 * as an Adaptive Card whose call and mail buttons Teams opens.
 */
export function teamsContactCard(hero: Attachment, t: Translate): Attachment {
  const content = (hero.content ?? {}) as { readonly title?: string; readonly subtitle?: string; readonly text?: string };
  const text = [content.subtitle, content.text].filter((part): part is string => part !== undefined && part !== '').join('\n\n');
  return answerCard(content.title ?? '', text, [], t);
}
