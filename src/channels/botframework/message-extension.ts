import { CardFactory, type MessagingExtensionAttachment, type MessagingExtensionResponse } from 'botbuilder';
import { z } from 'zod';
import { answerAt, latestUpdateAt, showsTimeline, type Candidate, type FaqEngine, type FaqEntry, type Lang } from '../../core/index.js';
import { versionText, type Translate } from '../../i18n/index.js';
import { latestUpdateText } from './cards.js';
import { linkContactDetails } from './contact-links.js';
import { BOT_LIMITS } from './limits.js';
import { answerCard } from './teams-cards.js';
import type { UsageCounter } from './usage.js';

// The invoke's value as Teams sends it; anything else (null, a string) counts as an empty search.
const querySchema = z.looseObject({
  parameters: z.array(z.looseObject({ name: z.string(), value: z.unknown() })).default([]),
  queryOptions: z.looseObject({ count: z.number().int().min(1).max(25).optional() }).optional(),
});

/** The search text of a Teams message-extension query; "" on the initial run or when none is given. */
export function searchTextOf(query: unknown): string {
  const parsed = querySchema.safeParse(query);
  if (!parsed.success) return '';
  const search = parsed.data.parameters.find((p) => p.name !== 'initialRun');
  return typeof search?.value === 'string' ? search.value.trim() : '';
}

/** How many results the query asks for, if it says (Teams sends queryOptions.count). */
export function resultCountOf(query: unknown): number | undefined {
  const parsed = querySchema.safeParse(query);
  return parsed.success ? parsed.data.queryOptions?.count : undefined;
}

/**
 * The agents' search inside Teams: up to `limit` vetted answers as cards (preview: the question; card:
 * an Adaptive Card with the answer valid at `at`, the latest update on the timeline's entry, source,
 * last-reviewed date, which version and since when for a dated answer, and FAQ id, and a button for
 * every phone number and e-mail address the answer names). An empty search lists the most-used entries.
 */
export function messageExtensionResults(
  engine: FaqEngine,
  usage: UsageCounter,
  search: string,
  lang: Lang,
  t: Translate,
  limit: number,
  at: Date,
): MessagingExtensionResponse {
  // No audience: agents look up what residents are told, whoever asked them.
  const entries = search === '' ? usage.mostUsed(engine.corpus.entries) : ranked(engine, search, lang);
  const attachments = entries
    .flatMap((e) => resultCard(e, engine, lang, t, at) ?? [])
    .slice(0, Math.max(1, Math.min(limit, BOT_LIMITS.messageExtensionResults)));
  return { composeExtension: { type: 'result', attachmentLayout: 'list', attachments } };
}

function ranked(engine: FaqEngine, search: string, lang: Lang): FaqEntry[] {
  const decision = engine.ask(search, { lang });
  const candidates: readonly Candidate[] = decision.kind === 'clarify' ? [...decision.options, ...decision.candidates] : decision.candidates;
  const seen = new Set<string>();
  return candidates.map((c) => c.entry).filter((e) => (seen.has(e.id) ? false : (seen.add(e.id), true)));
}

/** The entry's card with the answer valid at `at`; undefined when none is (never for a checked corpus). */
function resultCard(entry: FaqEntry, engine: FaqEngine, lang: Lang, t: Translate, at: Date): MessagingExtensionAttachment | undefined {
  const served = answerAt(entry, at);
  if (!served) return undefined;
  const timeline = engine.corpus.timeline;
  const latest = showsTimeline(timeline, entry) ? latestUpdateAt(timeline, at) : undefined;
  const version = versionText(served, lang, t);
  const answer = [linkContactDetails(served.version.answer[lang].trim()), ...(latest === undefined ? [] : [latestUpdateText(latest, entry.source.url, lang, t)])].join('\n\n');
  const details = [
    t('messageExtension.source', { title: entry.source.title, url: entry.source.url }),
    // Only an editor's review date; the corpus may not have one.
    ...(entry.lastReviewed === undefined ? [] : [t('messageExtension.reviewed', { date: entry.lastReviewed })]),
    ...(version === undefined ? [] : [version]),
    t('messageExtension.id', { id: entry.id }),
  ];
  return { ...answerCard(entry.question[lang], answer, details, t), preview: CardFactory.thumbnailCard(entry.question[lang], entry.id) };
}
