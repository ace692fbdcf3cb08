import { CardFactory, type Activity, type Attachment, type CardAction } from 'botbuilder';
import type { Candidate, FaqEngine, FaqEntry, Lang } from '../../core/index.js';
import type { Translate } from '../../i18n/index.js';
import { askButton, button } from './actions.js';
import { BOT_LIMITS } from './limits.js';
import type { ReadingStyle } from './reading-preference.js';

/** A reply the bot sends: a partial activity botbuilder completes with the conversation reference. */
export type Reply = Partial<Activity>;

/**
 * The vetted answer (or its easy-to-read variant when the conversation chose it and the entry has one),
 * its provenance, "Hjälpte svaret? Ja / Nej", a button to switch between standard and easy-to-read
 * text when the entry has both, and related questions.
 */
export function answerReply(entry: FaqEntry, lang: Lang, t: Translate, engine: FaqEngine, style: ReadingStyle = 'standard'): Reply {
  const source = { title: entry.source.title, url: entry.source.url };
  // The review date is an editor's field: shown only when one has set it.
  const provenance = entry.lastReviewed === undefined ? t('answer.provenance', source) : t('answer.provenanceReviewed', { ...source, date: entry.lastReviewed });
  const easy = style === 'lattlast' ? entry.lattlast?.[lang] : undefined;
  const switchStyle =
    entry.lattlast === undefined
      ? []
      : easy === undefined
        ? [button(t('answer.lattlast'), { action: 'reading', style: 'lattlast', id: entry.id, lang })]
        : [button(t('answer.standard'), { action: 'reading', style: 'standard', id: entry.id, lang })];
  const related = entry.related
    .map((id) => engine.entry(id))
    .filter((e): e is FaqEntry => e !== undefined)
    .slice(0, BOT_LIMITS.relatedQuestions);
  return {
    type: 'message',
    textFormat: 'markdown',
    locale: lang,
    text: `${(easy ?? entry.answer[lang]).trim()}\n\n${provenance}`,
    attachments: [
      CardFactory.heroCard('', t('answer.feedbackQuestion'), [], [
        button(t('answer.yes'), { action: 'feedback', id: entry.id, helpful: true, lang }),
        button(t('answer.no'), { action: 'feedback', id: entry.id, helpful: false, lang }),
      ]),
    ],
    ...suggested([...switchStyle, ...related.map((e) => askButton(e.question[lang], e.id, lang))]),
  };
}

/** "Menar du …?": numbered candidate questions as buttons, plus "Inget av dessa". */
export function clarifyReply(options: readonly Candidate[], lang: Lang, t: Translate): Reply {
  const buttons: CardAction[] = options.map((c, i) => ({
    ...askButton(c.entry.question[lang], c.entry.id, lang),
    title: t('clarify.option', { number: i + 1, question: c.entry.question[lang] }),
  }));
  buttons.push(button(t('clarify.none'), { action: 'none-of-these', lang }));
  return { type: 'message', locale: lang, text: t('clarify.text'), attachments: [CardFactory.heroCard('', '', [], buttons)] };
}

/** A short text reply, optionally with suggested actions and cards. */
export function textReply(text: string, lang: Lang, actions: readonly CardAction[] = [], attachments: readonly Attachment[] = []): Reply {
  return { type: 'message', locale: lang, text, ...(attachments.length > 0 ? { attachments: [...attachments] } : {}), ...suggested(actions) };
}

function suggested(actions: readonly CardAction[]): Pick<Reply, 'suggestedActions'> {
  return actions.length > 0 ? { suggestedActions: { to: [], actions: [...actions] } } : {};
}
