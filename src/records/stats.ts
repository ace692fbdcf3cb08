import type { Corpus } from '../core/index.js';
import { daysBetween } from './days.js';
import type { CountOutcome, CountSummary } from './model.js';

/** The numbers: what /staff/stats draws and /api/staff/stats returns. */
export interface StaffStats {
  /** First and last day of the period (YYYY-MM-DD, contact center's time zone). */
  readonly from: string;
  readonly to: string;
  readonly today: string;
  readonly totals: {
    /** Typed questions: answered + clarified + escalated. */
    readonly questions: number;
    readonly answered: number;
    readonly clarified: number;
    readonly escalated: number;
    /** Answers shown after a click (a starter, "Menar du", a related question). */
    readonly answerClicks: number;
    readonly noneOfThese: number;
    readonly helpful: number;
    readonly notHelpful: number;
  };
  /** Shares of typed questions, 0–1. */
  readonly shares: { readonly answered: number; readonly clarified: number; readonly escalated: number };
  /** Every day of the period, zeros included. */
  readonly days: readonly { day: string; answered: number; clarified: number; escalated: number }[];
  /** Typed questions by hour of day, 0–23. */
  readonly hours: readonly { hour: number; questions: number }[];
  /** Per entry: times shown, "Ja", "Nej", clarifications and escalations where it was nearest. Most shown first. */
  readonly entries: readonly { id: string; question: string | null; shown: number; helpful: number; notHelpful: number; clarified: number; escalated: number }[];
  /** Today's most-shown answers. */
  readonly mostUsedToday: readonly { id: string; question: string | null; count: number }[];
}

const QUESTION_OUTCOMES: ReadonlySet<CountOutcome> = new Set(['answer', 'clarify', 'escalate']);
const share = (part: number, whole: number) => (whole === 0 ? 0 : Math.round((part / whole) * 1000) / 1000);

/** Shapes the store's sums for a period and for today. */
export function buildStats(period: CountSummary, today: CountSummary, range: { from: string; to: string; today: string }, corpus: Corpus): StaffStats {
  const sum = (outcome: CountOutcome) => period.byDay.filter((r) => r.outcome === outcome).reduce((s, r) => s + r.count, 0);
  const answered = sum('answer');
  const clarified = sum('clarify');
  const escalated = sum('escalate');
  const questions = answered + clarified + escalated;
  const byId = new Map(corpus.entries.map((e) => [e.id, e]));
  const question = (id: string) => byId.get(id)?.question.sv ?? null;

  const days = daysBetween(range.from, range.to).map((day) => {
    const of = (outcome: CountOutcome) => period.byDay.find((r) => r.day === day && r.outcome === outcome)?.count ?? 0;
    return { day, answered: of('answer'), clarified: of('clarify'), escalated: of('escalate') };
  });
  const hours = Array.from({ length: 24 }, (_, hour) => ({
    hour,
    questions: period.byHour.filter((r) => r.hour === hour && QUESTION_OUTCOMES.has(r.outcome)).reduce((s, r) => s + r.count, 0),
  }));

  const perEntry = new Map<string, { shown: number; helpful: number; notHelpful: number; clarified: number; escalated: number }>();
  for (const r of period.byEntry) {
    const e = perEntry.get(r.entryId) ?? { shown: 0, helpful: 0, notHelpful: 0, clarified: 0, escalated: 0 };
    if (r.outcome === 'answer' || r.outcome === 'answer-click') e.shown += r.count;
    else if (r.outcome === 'helpful') e.helpful += r.count;
    else if (r.outcome === 'not-helpful') e.notHelpful += r.count;
    else if (r.outcome === 'clarify') e.clarified += r.count;
    else if (r.outcome === 'escalate') e.escalated += r.count;
    perEntry.set(r.entryId, e);
  }
  const entries = [...perEntry.entries()]
    .map(([id, e]) => ({ id, question: question(id), ...e }))
    .sort((a, b) => b.shown - a.shown || b.notHelpful - a.notHelpful || a.id.localeCompare(b.id));

  const todayShown = new Map<string, number>();
  for (const r of today.byEntry) if (r.outcome === 'answer' || r.outcome === 'answer-click') todayShown.set(r.entryId, (todayShown.get(r.entryId) ?? 0) + r.count);
  const mostUsedToday = [...todayShown.entries()]
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .slice(0, 10)
    .map(([id, count]) => ({ id, question: question(id), count }));

  return {
    ...range,
    totals: { questions, answered, clarified, escalated, answerClicks: sum('answer-click'), noneOfThese: sum('none-of-these'), helpful: sum('helpful'), notHelpful: sum('not-helpful') },
    shares: { answered: share(answered, questions), clarified: share(clarified, questions), escalated: share(escalated, questions) },
    days,
    hours,
    entries,
    mostUsedToday,
  };
}
