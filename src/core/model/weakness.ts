import { forecastAnswered, type AnsweredForecast } from './forecast.js';
import type { HeldOutPrediction } from './train.js';

/**
 * Where a corpus is weak, read from the held-out predictions made while training (messages each fold's
 * model never saw): which entries are taken for one another, which have too few phrasings to be answered
 * with confidence, and the share of questions the bot would answer. Held-out phrasings are harder than
 * residents' messages (each loses its own wording), so the share is a floor; `forecast` is what residents
 * can expect (forecast.ts).
 */
export interface CorpusWeakness {
  /** The answer threshold the figures were read at. */
  readonly threshold: number;
  /** Share of held-out questions answered with the right entry (0–1). */
  readonly predictedAnswered: number;
  /** Share of held-out questions answered with a wrong entry (0–1). */
  readonly predictedWrong: number;
  /** Residents' questions answered right, forecast from `predictedAnswered` (see forecast.ts). */
  readonly forecast: AnsweredForecast;
  /** Entry pairs whose questions are often taken for the other's, most confused first. */
  readonly confusions: readonly { readonly entry: string; readonly takenFor: string; readonly share: number }[];
  /** Entries whose own questions are seldom answered: too few or too alike phrasings. */
  readonly thin: readonly { readonly entry: string; readonly phrasings: number; readonly answered: number }[];
}

/** An entry's questions taken for another this often (or more) make a confused pair. */
export const CONFUSION_SHARE = 0.15;
/**
 * An entry whose held-out questions are answered less often than this share of the corpus's average
 * (and never less than {@link THIN_FLOOR}) is thin: held-out phrasings are hard everywhere, so an entry
 * is weak against its own corpus.
 */
export const THIN_ANSWERED = 0.5;
export const THIN_FLOOR = 0.2;
/** Fewer Swedish phrasings than this are too few for a confident answer, whatever the held-out figures. */
export const MIN_PHRASINGS = 6;

export function corpusWeakness(
  heldOut: readonly HeldOutPrediction[],
  classes: readonly string[],
  confidenceOf: (h: HeldOutPrediction) => number,
  phrasingsOf: (id: string) => { readonly sv: number; readonly en: number },
  threshold: number,
): CorpusWeakness {
  const questions = heldOut.filter((h) => (h.kind === 'phrasing' || h.kind === 'variant') && classes[h.label] !== undefined);
  const byEntry = new Map<number, { n: number; answered: number; wrongAs: Map<number, number> }>();
  let answered = 0;
  let wrong = 0;
  for (const h of questions) {
    const e = byEntry.get(h.label) ?? { n: 0, answered: 0, wrongAs: new Map<number, number>() };
    e.n++;
    const sure = confidenceOf(h) >= threshold;
    if (h.best === h.label) {
      if (sure) {
        e.answered++;
        answered++;
      }
    } else {
      e.wrongAs.set(h.best, (e.wrongAs.get(h.best) ?? 0) + 1);
      if (sure) wrong++;
    }
    byEntry.set(h.label, e);
  }
  const confusions: { entry: string; takenFor: string; share: number }[] = [];
  const thin: { entry: string; phrasings: number; answered: number }[] = [];
  for (const [label, e] of byEntry) {
    const entry = classes[label] as string;
    for (const [other, n] of e.wrongAs) {
      if (n / e.n >= CONFUSION_SHARE) confusions.push({ entry, takenFor: classes[other] as string, share: n / e.n });
    }
    const count = phrasingsOf(entry);
    const rarelyAnswered = e.answered / e.n < Math.max(THIN_FLOOR, THIN_ANSWERED * (answered / Math.max(1, questions.length)));
    if (rarelyAnswered || count.sv < MIN_PHRASINGS) thin.push({ entry, phrasings: count.sv + count.en, answered: e.answered / e.n });
  }
  return {
    threshold,
    predictedAnswered: answered / Math.max(1, questions.length),
    forecast: forecastAnswered(answered / Math.max(1, questions.length)),
    predictedWrong: wrong / Math.max(1, questions.length),
    confusions: confusions.sort((a, b) => b.share - a.share),
    thin: thin.sort((a, b) => a.answered - b.answered),
  };
}
