import { CardFactory, type Activity, type Attachment, type CardAction } from 'botbuilder';
import { answerAt, latestUpdateAt, showsTimeline, updatesAt, type AnswerVersion, type Candidate, type FaqEngine, type FaqEntry, type Lang, type ServedAnswer, type TimelineUpdate } from '../../core/index.js';
import { corpusDateText, identityOf, versionText, type Translate } from '../../i18n/index.js';
import { askButton, button } from './actions.js';
import { linkContactDetails } from './contact-links.js';
import { BOT_LIMITS } from './limits.js';
import type { ReadingStyle } from './reading-preference.js';

/** A reply the bot sends: a partial activity botbuilder completes with the conversation reference. */
export type Reply = Partial<Activity>;

/**
 * The vetted answer served (or its easy-to-read variant when the conversation chose it and the version
 * has one), its provenance (source, review date, and for a dated answer which version and since when),
 * "Hjälpte svaret? Ja / Nej", a button to switch between standard and easy-to-read text when the version
 * has both, and related questions. With the latest update (the timeline's entry), also "Tidslinje".
 */
function buildAnswerReply(entry: FaqEntry, served: ServedAnswer, latest: TimelineUpdate | undefined, lang: Lang, t: Translate, engine: FaqEngine, style: ReadingStyle): Reply {
  const { version } = served;
  const source = { title: entry.source.title, url: entry.source.url };
  // The review date is an editor's field: shown only when one has set it.
  const provenance = [
    entry.lastReviewed === undefined ? t('answer.provenance', source) : t('answer.provenanceReviewed', { ...source, date: entry.lastReviewed }),
    ...optional(versionText(served, lang, t)),
  ].join(' · ');
  const easy = style === 'lattlast' ? version.lattlast?.[lang] : undefined;
  const switchStyle =
    version.lattlast === undefined
      ? []
      : easy === undefined
        ? [button(t('answer.lattlast'), { action: 'reading', style: 'lattlast', id: entry.id, lang })]
        : [button(t('answer.standard'), { action: 'reading', style: 'standard', id: entry.id, lang })];
  const related = entry.related
    .map((id) => engine.entry(id))
    .filter((e): e is FaqEntry => e !== undefined)
    .slice(0, BOT_LIMITS.relatedQuestions);
  const update = latest === undefined ? [] : [latestUpdateText(latest, entry.source.url, lang, t)];
  // The whole timeline is offered where the latest update is shown.
  const timeline = latest === undefined ? [] : [button(t('timeline.button'), { action: 'timeline', lang })];
  return {
    type: 'message',
    textFormat: 'markdown',
    locale: lang,
    // Numbers and addresses in the vetted text can be tapped (the contact card's always could).
    text: [linkContactDetails((easy ?? version.answer[lang]).trim()), ...update, provenance].join('\n\n'),
    attachments: [
      CardFactory.heroCard('', t('answer.feedbackQuestion'), [], [
        button(t('answer.yes'), { action: 'feedback', id: entry.id, helpful: true, lang }),
        button(t('answer.no'), { action: 'feedback', id: entry.id, helpful: false, lang }),
      ]),
    ],
    ...suggested([...timeline, ...switchStyle, ...related.map((e) => askButton(e.question[lang], e.id, lang))]),
  };
}

/** "Senaste uppdatering, fredag 9 december 2022: …", naming its source when it is not the answer's own. */
export function latestUpdateText(update: TimelineUpdate, answerSourceUrl: string | undefined, lang: Lang, t: Translate): string {
  const line = t('timeline.latest', { date: corpusDateText(update.at, lang, t), text: update.text[lang].trim() });
  return update.source.url === answerSourceUrl ? line : `${line} (${sourceLink(update.source)})`;
}

/**
 * The updates shown at `at`, newest first, with their sources; the timeline's entry offered again. A long
 * timeline is cut to the newest (BOT_LIMITS.timelineUpdates, within BOT_LIMITS.timelineChars) and points
 * to the corpus's updates page for the rest: the web chat drops a reply over 20,000 characters whole.
 */
export function timelineReply(engine: FaqEngine, lang: Lang, t: Translate, at: Date): Reply {
  const timeline = engine.corpus.timeline;
  const updates = updatesAt(timeline, at);
  const entry = engine.entry(timeline.entry);
  const back = entry === undefined ? [] : [askButton(entry.question[lang], entry.id, lang)];
  if (updates.length === 0) return textReply(t('timeline.empty'), lang, back);
  const shown: TimelineUpdate[] = [];
  const items: string[] = [];
  let chars = 0;
  for (const u of updates.slice(0, BOT_LIMITS.timelineUpdates)) {
    const item = `- ${t('timeline.item', { date: corpusDateText(u.at, lang, t), text: u.text[lang].trim() })}`;
    // The newest is always shown, however long.
    if (items.length > 0 && chars + item.length > BOT_LIMITS.timelineChars) break;
    shown.push(u);
    items.push(item);
    chars += item.length + 1;
  }
  const sources = [...new Map(shown.map((u) => [u.source.url, u.source])).values()].map(sourceLink).join(', ');
  const more = shown.length < updates.length ? [t('timeline.more', { url: engine.corpus.contact.updatesUrl })] : [];
  return {
    type: 'message',
    textFormat: 'markdown',
    locale: lang,
    text: [t('timeline.heading', { ...identityOf(engine.corpus.welcome, lang, t) }), items.join('\n'), ...more, t('timeline.source', { sources })].join('\n\n'),
    ...suggested(back),
  };
}

/**
 * Answer replies, built once per served version, language, style and latest update and reused. Keyed by
 * the corpus's own objects, so a reloaded corpus (new objects) never gets an old reply, and old ones go.
 */
export class AnswerReplies {
  private readonly byVersion = new WeakMap<AnswerVersion, Map<string, Reply>>();

  constructor(
    private readonly engine: FaqEngine,
    private readonly translator: (lang: Lang) => Translate,
  ) {}

  /** The reply for `entry` at `at`; undefined when no version of its answer is valid then. */
  get(entry: FaqEntry, lang: Lang, style: ReadingStyle, at: Date): Reply | undefined {
    const served = answerAt(entry, at);
    if (!served) return undefined;
    const timeline = this.engine.corpus.timeline;
    const latest = showsTimeline(timeline, entry) ? latestUpdateAt(timeline, at) : undefined;
    // The update's place in this corpus's timeline: the timeline is renewed with the version on a reload.
    const key = `${lang}|${style}|${latest === undefined ? -1 : timeline.updates.indexOf(latest)}`;
    let replies = this.byVersion.get(served.version);
    if (!replies) {
      replies = new Map();
      this.byVersion.set(served.version, replies);
    }
    let reply = replies.get(key);
    if (!reply) {
      reply = Object.freeze(buildAnswerReply(entry, served, latest, lang, this.translator(lang), this.engine, style));
      replies.set(key, reply);
    }
    return reply;
  }
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

/**
 * Beside a hand-over: the entry that may answer the question after all, as a button that answers it
 * (a hero card, like "Menar du …?", so Teams shows it too).
 */
export function suggestionCard(entry: FaqEntry, lang: Lang, t: Translate): Attachment {
  return CardFactory.heroCard('', t('escalate.suggestion'), [], [askButton(entry.question[lang], entry.id, lang)]);
}

/** A short text reply, optionally with suggested actions and cards. */
export function textReply(text: string, lang: Lang, actions: readonly CardAction[] = [], attachments: readonly Attachment[] = []): Reply {
  return { type: 'message', locale: lang, text, ...(attachments.length > 0 ? { attachments: [...attachments] } : {}), ...suggested(actions) };
}

function suggested(actions: readonly CardAction[]): Pick<Reply, 'suggestedActions'> {
  return actions.length > 0 ? { suggestedActions: { to: [], actions: [...actions] } } : {};
}

function optional<T>(value: T | undefined): T[] {
  return value === undefined ? [] : [value];
}

const sourceLink = (source: { title: string; url: string }) => `[${source.title}](${source.url})`;
