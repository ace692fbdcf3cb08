import {
  EventFactory,
  TeamsActivityHandler,
  type Attachment,
  TurnContext,
  type MessagingExtensionQuery,
  type MessagingExtensionResponse,
} from 'botbuilder';
import type { Audience, Clock, Decision, EscalationReason, FaqEngine, FaqEntry, Lang, PersonalDataKind } from '../../core/index.js';
import { identityOf, type I18n, type Translate } from '../../i18n/index.js';
import { scrubPersonalData, type Logger } from '../../logging/index.js';
import type { TurnOutcome, TurnRecorder } from '../../records/index.js';
import { askButton, parseButtonValue, type ButtonValue } from './actions.js';
import { AnswerReplies, clarifyReply, suggestionCard, textReply, timelineReply, type Reply } from './cards.js';
import { contactActionsCard, teamsContactCard } from './teams-cards.js';
import { contactCard } from './contact-card.js';
import { langOfLocale } from './language.js';
import { BOT_LIMITS } from './limits.js';
import { messageExtensionResults, resultCountOf, searchTextOf } from './message-extension.js';
import type { TurnObserver } from './observer.js';
import { conversationKey, type PendingChoices } from './pending-choice.js';
import { createMemoryReadingPreferences, type ReadingPreferences } from './reading-preference.js';
import { decisionOutcome, residentTurn } from './turn-record.js';
import type { UsageCounter } from './usage.js';
import type { ConversationTopics } from './conversation-topic.js';

/** Personal data a resident is reminded not to write in the chat (an organisation number is not personal). */
const REMINDED_KINDS: ReadonlySet<PersonalDataKind> = new Set(['personnummer', 'phone', 'email', 'address']);

/** Why an escalation happens, including the bot's own routes to the contact center. */
type EscalationCause = EscalationReason | 'none-of-these' | 'not-helpful';

export interface FaqBotOptions {
  /** The FAQ engine every channel shares. */
  readonly engine: FaqEngine;
  /** UI strings; a translator is taken per turn. */
  readonly i18n: I18n;
  /** Structured logs; residents' text is never logged. */
  readonly logger: Logger;
  /** "Now": for the contact center's open/closed status, the answer version valid and the timeline shown. */
  readonly clock: Clock;
  /** Typed answers to "Menar du …?" ("2", or the question itself). */
  readonly pendingChoices: PendingChoices;
  /** Answer counts for the message extension's empty search. */
  readonly usage: UsageCounter;
  /** Whether a conversation asked for easy-to-read answers; in process memory when omitted. */
  readonly readingPreferences?: ReadingPreferences;
  /** Keeps what residents asked for the staff side (never the message extension's searches); returns at once. */
  readonly recorder?: TurnRecorder | undefined;
  /** Told about every outcome (metrics). */
  readonly observer?: TurnObserver;
  /** The entry answered last per conversation, so follow-ups are read against it; none: every message stands alone. */
  readonly topics?: ConversationTopics | undefined;
}

/**
 * The residents' conversation and the Teams features over one FAQ engine. Teams users are staff;
 * everyone else a resident. Every reply's text comes from locales/ or the vetted corpus.
 */
export class FaqBot extends TeamsActivityHandler {
  // An answer's reply is built once per version served and reused for every turn (botbuilder copies an
  // activity before adding the conversation reference, so sharing is safe). Keyed by the version object,
  // so a reloaded corpus (new objects) never gets an old reply.
  private readonly answers: AnswerReplies;
  private cards: { minute: number; contact: object | undefined; byLang: Map<Lang, Attachment> } = { minute: -1, contact: undefined, byLang: new Map() };
  private readonly readingPreferences: ReadingPreferences;

  constructor(private readonly options: FaqBotOptions) {
    super();
    this.readingPreferences = options.readingPreferences ?? createMemoryReadingPreferences();
    this.answers = new AnswerReplies(options.engine, (lang) => options.i18n.translator(lang));

    this.onMessage(async (context, next) => {
      await this.handleMessage(context);
      await next();
    });

    this.onMembersAdded(async (context, next) => {
      const botId = context.activity.recipient?.id;
      if ((context.activity.membersAdded ?? []).some((m) => m.id !== botId)) {
        const lang = langOfLocale(context.activity.locale) ?? 'sv';
        const t = options.i18n.translator(lang);
        // The corpus's own greeting (welcome.yaml) when it has one; the product's otherwise, naming the
        // corpus's organisation and topic when it gives them.
        const welcome = options.engine.corpus.welcome;
        const greeting = welcome.greeting?.[lang] ?? t('welcome.text', { ...identityOf(welcome, lang, t) });
        await context.sendActivity(textReply(greeting, lang, this.starterButtons(lang)));
      }
      await next();
    });
  }

  protected override async handleTeamsMessagingExtensionQuery(context: TurnContext, query: MessagingExtensionQuery): Promise<MessagingExtensionResponse> {
    // The invoke's value is outside data (Teams or anyone posting an invoke): parsed, never trusted.
    const search = searchTextOf(query);
    const lang = langOfLocale(context.activity.locale) ?? this.options.engine.languageOf(search);
    const count = resultCountOf(query) ?? BOT_LIMITS.messageExtensionResults;
    const response = messageExtensionResults(this.options.engine, this.options.usage, search, lang, this.options.i18n.translator(lang), count, this.options.clock());
    this.options.logger.debug({ event: 'message-extension', empty: search === '', results: response.composeExtension?.attachments?.length ?? 0 }, 'message extension query');
    return response;
  }

  private async handleMessage(context: TurnContext): Promise<void> {
    const activity = context.activity;
    // In Teams channels the bot is addressed as "@Bot fråga": the mention is not part of the question.
    const text = (activity.entities?.length ? TurnContext.removeRecipientMention(activity) : (activity.text ?? '')).trim();
    const localeLang = langOfLocale(activity.locale);

    const clicked = parseButtonValue(activity.value);
    if (clicked) return this.handleButton(context, clicked);

    const lang = localeLang ?? this.options.engine.languageOf(text);
    const t: Translate = (key, values) => this.options.i18n.translator(lang)(key, values);
    if (text === '') {
      const hasFiles = (activity.attachments ?? []).some((a) => a.contentType !== 'text/html');
      this.log(context, { outcome: hasFiles ? 'attachment' : 'empty' });
      await context.sendActivity(textReply(t(hasFiles ? 'input.attachment' : 'input.empty'), lang));
      return;
    }
    if (text.length > BOT_LIMITS.maxQuestionLength) {
      this.log(context, { outcome: 'too-long', length: text.length });
      await context.sendActivity(textReply(t('input.tooLong', { length: text.length, max: BOT_LIMITS.maxQuestionLength }), lang));
      return;
    }

    // The conversation's state, read at once: an open "Menar du …?" and the topic answered last.
    const [typed, previous] = await Promise.all([this.options.pendingChoices.take(context, text), this.options.topics?.get(conversationKey(context))]);
    if (typed?.kind === 'entry') return this.sendAnswer(context, typed.entry, localeLang ?? lang, 'typed-choice');
    if (typed?.kind === 'none-of-these') return this.escalate(context, 'none-of-these', localeLang ?? lang);

    const small = this.options.engine.smallTalk(text);
    if (small) {
      this.log(context, { outcome: 'small-talk', intent: small });
      const starters = small === 'thanks' ? [] : this.starterButtons(lang);
      await context.sendActivity(textReply(t(`smallTalk.${small}`, { ...identityOf(this.options.engine.corpus.welcome, lang, t) }), lang, starters));
      return;
    }

    // A follow-up ("och när kommer de då?") is read against the topic answered last in this conversation.
    const decision = this.options.engine.ask(text, { lang: localeLang, audience: audienceOf(activity.channelId), previous });
    this.record(context, decision.lang, decisionOutcome(decision), text);
    await this.handleDecision(context, decision);
    // The engine removed personal data before reading; one short reminder not to write it here.
    if (decision.personalData.some((kind) => REMINDED_KINDS.has(kind))) {
      await context.sendActivity(textReply(this.options.i18n.translator(decision.lang)('privacy.reminder'), decision.lang));
    }
  }

  private async handleDecision(context: TurnContext, decision: Decision): Promise<void> {
    switch (decision.kind) {
      case 'answer':
        return this.sendAnswer(context, decision.entry, decision.lang, 'answer', decision.confidence);
      case 'clarify': {
        const options = decision.options;
        this.log(context, { outcome: 'clarify', options: options.map((o) => o.entry.id), confidence: round(decision.confidence) });
        this.options.observer?.decision({ decision: 'clarify', channel: context.activity.channelId });
        await this.options.pendingChoices.offer(context, { ids: options.map((o) => o.entry.id), lang: decision.lang });
        await context.sendActivity(clarifyReply(options, decision.lang, this.options.i18n.translator(decision.lang)));
        return;
      }
      case 'escalate':
        return this.escalate(context, decision.reason, decision.lang, decision.confidence, decision.suggestion?.entry);
    }
  }

  private async handleButton(context: TurnContext, value: ButtonValue): Promise<void> {
    const lang = value.lang;
    switch (value.action) {
      case 'ask': {
        const entry = this.options.engine.entry(value.id);
        if (entry) return this.sendAnswer(context, entry, lang, 'button');
        // A stale button (the entry was retired): the contact center can still help.
        return this.escalate(context, 'low-confidence', lang);
      }
      case 'none-of-these':
        return this.escalate(context, 'none-of-these', lang);
      case 'feedback': {
        // Feedback is what editors need to improve the corpus: log it at info, with the id only.
        // The id comes from the button's value (the caller's): logged only when it is a corpus id.
        const faqId = this.options.engine.entry(value.id) === undefined ? 'unknown' : value.id;
        this.options.logger.info({ event: 'feedback', faqId, helpful: value.helpful, channel: context.activity.channelId }, 'feedback');
        this.options.observer?.feedback({ entryId: value.id, helpful: value.helpful, channel: context.activity.channelId });
        if (faqId !== 'unknown') this.record(context, lang, { kind: 'feedback', entryId: faqId, helpful: value.helpful });
        if (!value.helpful) return this.escalate(context, 'not-helpful', lang);
        await context.sendActivity(textReply(this.options.i18n.translator(lang)('feedback.thanks'), lang));
        return;
      }
      case 'reading': {
        // "Lättläst" (or back to standard text): remembered for the rest of the conversation.
        await this.readingPreferences.set(conversationKey(context), value.style);
        const entry = this.options.engine.entry(value.id);
        if (entry) return this.sendAnswer(context, entry, lang, `reading-${value.style}`);
        return this.escalate(context, 'low-confidence', lang);
      }
      case 'timeline':
        this.log(context, { outcome: 'timeline' });
        await context.sendActivity(timelineReply(this.options.engine, lang, this.options.i18n.translator(lang), this.options.clock()));
        return;
    }
  }

  private async sendAnswer(context: TurnContext, entry: FaqEntry, lang: Lang, via: string, confidence?: number): Promise<void> {
    this.options.usage.record(entry.id);
    // Remembered for the next message's follow-up; not awaited, so a slow store never delays the answer.
    this.options.topics?.set(conversationKey(context), entry.id).catch(() => undefined);
    if (via !== 'answer') this.record(context, lang, { kind: 'answer', entryId: entry.id, via: 'click' });
    this.log(context, { outcome: 'answer', faqId: entry.id, via, ...(confidence === undefined ? {} : { confidence: round(confidence) }) });
    this.options.observer?.decision({ decision: 'answer', channel: context.activity.channelId, entryId: entry.id });
    const style = (await this.readingPreferences.get(conversationKey(context))) ?? 'standard';
    const reply = this.answers.get(entry, lang, style, this.options.clock());
    // Only a corpus that skipped faq:check can leave an entry without a valid answer: the contact center helps.
    if (!reply) return this.escalate(context, 'low-confidence', lang);
    // Teams may drop a tel: link inside text: a number or address the answer names is also a button there.
    const actions = context.activity.channelId === 'msteams' ? contactActionsCard(reply.text ?? '', this.options.i18n.translator(lang)) : undefined;
    await context.sendActivity(actions === undefined ? reply : { ...reply, attachments: [actions, ...(reply.attachments ?? [])] });
  }

  /**
   * The contact center's card; a request for a human also starts a Bot Framework handoff. `suggestion`
   * (the engine's best entry when it is likely enough, see PolicyOptions.suggestThreshold) follows the
   * card as a button: the resident whose question the vetted answers may cover is one click from it.
   */
  private async escalate(context: TurnContext, cause: EscalationCause, lang: Lang, confidence?: number, suggestion?: FaqEntry): Promise<void> {
    if (cause === 'none-of-these') this.record(context, lang, { kind: 'none-of-these' });
    // After a hand-over the next "och när då?" is about what was escalated, not an earlier answer.
    this.options.topics?.forget(conversationKey(context)).catch(() => undefined);
    const t = this.options.i18n.translator(lang);
    const hero = this.contactCard(lang);
    // Teams opens tel: and mailto: from an Adaptive Card's buttons, not reliably from a hero card's.
    const card = context.activity.channelId === 'msteams' ? teamsContactCard(hero, t) : hero;
    // "Den frågan kan jag inte svara på …" would contradict the entry offered below it: with one, the
    // off-topic hand-over says only that there is no sure answer.
    const said = cause === 'off-topic' && suggestion !== undefined ? 'low-confidence' : cause;
    const replies: Reply[] = [textReply(t(`escalate.${said}`), lang, [], suggestion === undefined ? [card] : [card, suggestionCard(suggestion, lang, t)])];
    if (cause === 'human') {
      replies.push(EventFactory.createHandoffInitiation(context, { reason: 'human-requested', lang, audience: audienceOf(context.activity.channelId) }));
      this.options.logger.info({ event: 'handoff', conversationId: context.activity.conversation?.id, channel: context.activity.channelId }, 'handoff initiated');
    }
    this.log(context, { outcome: 'escalate', reason: cause, ...(confidence === undefined ? {} : { confidence: round(confidence) }), ...(suggestion === undefined ? {} : { suggested: suggestion.id }) });
    this.options.observer?.decision({ decision: 'escalate', channel: context.activity.channelId, reason: cause });
    await context.sendActivities(replies);
  }

  /**
   * The contact center's card: the same for every escalation in a language until the opening status or
   * the contact data changes, so it is built once per status (a minute at most) and reused.
   */
  private contactCard(lang: Lang): Attachment {
    const contact = this.options.engine.corpus.contact;
    const now = this.options.clock();
    const minute = Math.floor(now.getTime() / 60_000);
    if (minute !== this.cards.minute || contact !== this.cards.contact) this.cards = { minute, contact, byLang: new Map() };
    let card = this.cards.byLang.get(lang);
    if (!card) {
      card = contactCard(contact, lang, this.options.i18n.translator(lang), now);
      this.cards.byLang.set(lang, card);
    }
    return card;
  }

  // Synchronous and guarded: keeping a record must never delay or cost a resident's answer.
  private record(context: TurnContext, lang: Lang, outcome: TurnOutcome, text: string = context.activity.text ?? ''): void {
    try {
      this.options.recorder?.record(residentTurn(context, this.options.clock(), lang, text, outcome));
    } catch (err) {
      this.options.logger.error({ err, event: 'record-turn-failed' }, 'the turn recorder threw');
    }
  }

  // The corpus says which questions the welcome offers (welcome.yaml); from the corpus being served, so an
  // edited welcome question shows after a reload.
  private starterButtons(lang: Lang) {
    return this.options.engine.corpus.welcome.starters.map((id) => this.options.engine.entry(id))
      .filter((e): e is FaqEntry => e !== undefined)
      .map((e) => askButton(e.question[lang], e.id, lang));
  }

  // One line per turn at debug: ids and outcomes, and the message only with personal data (personnummer,
  // phone numbers, e-mail, org.nr, addresses) scrubbed out. Nothing of the resident's text is logged at info.
  private log(context: TurnContext, fields: Record<string, unknown>): void {
    const { logger } = this.options;
    if (!logger.isLevelEnabled('debug')) return;
    const scrubbed = scrubPersonalData((context.activity.text ?? '').slice(0, BOT_LIMITS.maxQuestionLength));
    logger.debug({ channel: context.activity.channelId, activityId: context.activity.id, ...fields, scrubbedText: scrubbed }, 'turn');
  }
}

/** Teams is the staff's channel; everywhere else the bot talks to residents. */
export function audienceOf(channelId: string | undefined): Audience {
  return channelId === 'msteams' ? 'staff' : 'residents';
}

const round = (n: number) => Math.round(n * 1000) / 1000;
