import type { Lang, Welcome } from '../core/index.js';
import type { Translate } from './i18n.js';

/**
 * Who the bot speaks for and what it is about, as the UI strings interpolate them: `{{organisation}}`,
 * `{{organisationPossessive}}` ("Sjöviks kommuns", "Sjövik Municipality's") and `{{topic}}`
 * ("it-incidenten"). From the corpus's welcome.yaml, so the next incident's bot names its own
 * municipality and incident; the product's neutral words ("kommunen", "händelsen") otherwise.
 */
export interface Identity {
  readonly organisation: string;
  readonly organisationPossessive: string;
  readonly topic: string;
}

export function identityOf(welcome: Welcome, lang: Lang, t: Translate): Identity {
  const organisation = welcome.organisation?.[lang].trim() || t('identity.organisation');
  const topic = welcome.topic?.[lang].trim() || t('identity.topic');
  return { organisation, organisationPossessive: possessive(organisation, lang), topic };
}

/**
 * The genitive of a name: Swedish adds -s except after s, x or z ("Borås stad" → "Borås stads", "Borås"
 * stays "Borås"); English adds 's, or an apostrophe after s ("Wales" → "Wales'").
 */
export function possessive(name: string, lang: Lang): string {
  if (lang === 'sv') return /[sxz]$/iu.test(name) ? name : `${name}s`;
  return /s$/iu.test(name) ? `${name}'` : `${name}'s`;
}

/** The name as a heading shows it: a capital first letter ("kommunen" → "Kommunen"). */
export function capitalized(name: string): string {
  return name.charAt(0).toLocaleUpperCase('sv-SE') + name.slice(1);
}
