import { z } from 'zod';
import { answerAt, latestUpdateAt, LANGS, showsTimeline, type Candidate, type Contact, type Decision, type FaqEngine, type Lang, type Moment, type Timeline, writtenMoment } from '../../core/index.js';
import { typedText } from './typed-text.js';
import { parseQueryString, QUERY_PROBLEMS } from './query-string.js';

/** Limits of the agents' search API (documented in README). */
export const SEARCH_LIMITS = Object.freeze({ maxQueryLength: 1000, defaultLimit: 5, maxLimit: 20 });

// C0 and C1 control characters; tab and newline are control characters too: agents paste one line.
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;

const searchParamsSchema = z.object({
  q: z
    .string({ error: 'is required' })
    // Composed (NFC) and without zero-width and bidirectional format characters first: either way of
    // writing hid personal data from its patterns, and a q of nothing but format characters is empty.
    .overwrite(typedText)
    .refine((s) => s.trim().length > 0, 'must not be empty or only white space')
    .refine((s) => s.length <= SEARCH_LIMITS.maxQueryLength, `must be at most ${SEARCH_LIMITS.maxQueryLength} characters`)
    .refine((s) => !CONTROL.test(s), 'must not contain control characters'),
  lang: z.enum(LANGS, { error: `must be one of ${LANGS.join(', ')}` }).optional(),
  limit: z
    .string()
    .regex(/^\d{1,2}$/, `must be a whole number from 1 to ${SEARCH_LIMITS.maxLimit}`)
    .transform(Number)
    .refine((n) => n >= 1 && n <= SEARCH_LIMITS.maxLimit, `must be a whole number from 1 to ${SEARCH_LIMITS.maxLimit}`)
    .optional(),
});

export interface ApiError {
  readonly status: 400;
  readonly body: { error: { code: 'invalid_parameter'; parameter: string; message: string } };
}

export interface SearchResponse {
  decision: Decision['kind'];
  lang: Lang;
  confidence: number;
  results: {
    id: string;
    score: number;
    question: string;
    answer: string;
    source: { title: string; url: string };
    /** Present only when an editor has set it in the corpus. */
    lastReviewed?: string;
    /** Which version of the answer is served (oldest first, from 1) and the window it holds in. */
    version: { number: number; of: number; validFrom: VersionEdge | null; validUntil: VersionEdge | null };
    /** On the timeline's entry (the incident status): the latest dated update, as the bot shows it. */
    latestUpdate?: { date: string; time?: string; text: string; source: { title: string; url: string } };
  }[];
  explanation: {
    summary: string;
    matchedPhrasing: string | null;
    matchedTerms: { query: string; key: string; via: string }[];
    unmatchedTerms: string[];
    /** The message part by part: what was used, what was set aside and why. */
    parts: { text: string; role: string; weight: number; note: string }[];
  };
  /** True when personnummer, phone numbers, e-mail or addresses were removed before matching. */
  personalDataRemoved: boolean;
  escalation?: { reason: string; contact: ContactCard };
}

/** A window's edge as the editor wrote it (Stockholm time; a date alone in validUntil is the end of that day) and as an instant. */
export interface VersionEdge {
  written: string;
  instant: string;
}

export interface ContactCard {
  phone: string;
  email: string;
  visitingAddress: string;
  openingHours: string;
}

const invalid = (parameter: string, message: string): ApiError => ({
  status: 400,
  body: { error: { code: 'invalid_parameter', parameter, message: `Parameter "${parameter}" ${message}.` } },
});

/**
 * The agents' search: validates the raw query string once, asks the engine, and shapes the answer with
 * the version of each answer valid at `at`. Pure (no HTTP types) so the same function serves restify
 * and the tests.
 */
export function searchFaq(engine: FaqEngine, rawQuery: string, at: Date): { status: 200; body: SearchResponse } | ApiError {
  const parsed = parseQueryString(rawQuery);
  if (!parsed.ok) return invalid(parsed.parameter, QUERY_PROBLEMS[parsed.problem]);
  const input = searchParamsSchema.safeParse(Object.fromEntries(parsed.params));
  if (!input.success) {
    const issue = input.error.issues[0];
    const parameter = String(issue?.path[0] ?? 'q');
    const message = issue?.code === 'invalid_type' && parsed.params.get(parameter) === undefined ? 'is required' : (issue?.message ?? 'is invalid');
    return invalid(parameter, message);
  }
  const { q, lang, limit = SEARCH_LIMITS.defaultLimit } = input.data;
  const decision = engine.ask(q, { lang });
  return { status: 200, body: toResponse(decision, limit, engine.corpus.contact, engine.corpus.timeline, at) };
}

function toResponse(decision: Decision, limit: number, contact: Contact, timeline: Timeline, at: Date): SearchResponse {
  const lang = decision.lang;
  const ranked: readonly Candidate[] = decision.kind === 'clarify' ? uniqueById([...decision.options, ...decision.candidates]) : decision.candidates;
  const latest = latestUpdateAt(timeline, at);
  const body: SearchResponse = {
    decision: decision.kind,
    lang,
    confidence: round(decision.confidence),
    // An entry with no valid answer now (only in a corpus that skipped faq:check) is left out.
    results: ranked.flatMap((c) => {
      const served = answerAt(c.entry, at);
      if (!served) return [];
      const { validFrom, validUntil } = served.version;
      return [
        {
          id: c.entry.id,
          score: round(c.score),
          question: c.entry.question[lang],
          answer: served.version.answer[lang],
          source: { title: c.entry.source.title, url: c.entry.source.url },
          ...(c.entry.lastReviewed === undefined ? {} : { lastReviewed: c.entry.lastReviewed }),
          version: { number: served.number, of: served.of, validFrom: edge(validFrom), validUntil: edge(validUntil) },
          ...(latest !== undefined && showsTimeline(timeline, c.entry)
            ? {
                latestUpdate: {
                  date: latest.date,
                  ...(latest.time === undefined ? {} : { time: latest.time }),
                  text: latest.text[lang],
                  source: { title: latest.source.title, url: latest.source.url },
                },
              }
            : {}),
        },
      ];
    }).slice(0, limit),
    explanation: {
      summary: decision.explanation.summary,
      matchedPhrasing: decision.explanation.matchedPhrasing ?? null,
      matchedTerms: decision.explanation.matchedTerms.map((t) => ({ ...t })),
      unmatchedTerms: [...decision.explanation.unmatchedTerms],
      parts: decision.explanation.parts.map((p) => ({ ...p })),
    },
    personalDataRemoved: decision.personalData.length > 0,
  };
  if (decision.kind === 'escalate') {
    body.escalation = {
      reason: decision.reason,
      contact: {
        phone: contact.phone.display,
        email: contact.email,
        visitingAddress: contact.visitingAddress[lang],
        openingHours: contact.openingHours.display[lang],
      },
    };
  }
  return body;
}

function uniqueById(cs: readonly Candidate[]): Candidate[] {
  const seen = new Set<string>();
  return cs.filter((c) => (seen.has(c.entry.id) ? false : (seen.add(c.entry.id), true)));
}

const round = (n: number) => Math.round(n * 1000) / 1000;

const edge = (moment: Moment | undefined): VersionEdge | null =>
  moment === undefined ? null : { written: writtenMoment(moment), instant: new Date(moment.epochMs).toISOString() };
