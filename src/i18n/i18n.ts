import i18next, { type i18n as I18nInstance } from 'i18next';
import Backend, { type FsBackendOptions } from 'i18next-fs-backend';
import type { Lang } from '../core/index.js';
import type { MessageKey } from './keys.js';

/** Values interpolated into a UI string. */
export type MessageValues = Readonly<Record<string, string | number>>;

/** One language's UI strings for one turn. */
export type Translate = (key: MessageKey, values?: MessageValues) => string;

export interface I18nOptions {
  /** The folder holding `{lang}/bot.json`, e.g. the repository's `locales/`. */
  readonly localesDir: string;
}

/** The process's UI strings: one i18next instance, a translator per turn. */
export interface I18n {
  /** A translator bound to one language. Cheap; make one per turn. */
  translator(lang: Lang): Translate;
}

const NAMESPACE = 'bot';

/**
 * Loads `locales/sv` and `locales/en` once. Fails (rejects) when a file is missing or invalid, so the
 * service never starts with raw keys in its replies.
 */
export async function createI18n({ localesDir }: I18nOptions): Promise<I18n> {
  const instance: I18nInstance = i18next.createInstance();
  await instance.use(Backend).init<FsBackendOptions>({
    backend: { loadPath: `${localesDir}/{{lng}}/{{ns}}.json` },
    lng: 'sv',
    fallbackLng: 'sv',
    supportedLngs: ['sv', 'en'],
    preload: ['sv', 'en'],
    ns: [NAMESPACE],
    defaultNS: NAMESPACE,
    // Replies are Markdown/plain text, not HTML: escaping would turn "&" in titles into "&amp;".
    interpolation: { escapeValue: false },
    returnNull: false,
  });
  for (const lang of ['sv', 'en'] as const) {
    if (!instance.hasResourceBundle(lang, NAMESPACE)) {
      throw new Error(`UI strings for "${lang}" could not be loaded from ${localesDir}/${lang}/${NAMESPACE}.json. Check that the file exists and is valid JSON.`);
    }
  }
  return {
    translator(lang) {
      const t = instance.getFixedT(lang, NAMESPACE);
      return (key, values) => String(t(key, values ?? {}));
    },
  };
}
