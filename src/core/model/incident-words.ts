import { eng, swe } from 'stopword';
import type { Corpus } from '../corpus/schema.js';
import { understandMessage } from '../understand/message.js';
import { isWordKey, type Featurizer, type MessageFeature } from './features.js';

/**
 * The incident's own words: what its page says (the entries' questions, the timeline) and
 * the off-topic errands do not ("attacken", "kokningsrekommendationen", "elavbrottet"). A message the bot
 * cannot answer that uses one of them is about the incident, and is told the vetted information does not
 * cover it; any other is told what the bot is for.
 */
export function incidentWords(corpus: Corpus, featurizer: Featurizer): ReadonlySet<string> {
  // Each text is read once: on a corpus of thousands of entries, reading them twice was seconds of a build.
  const read = new Map<string, ReadonlySet<string>>();
  const words = (text: string): ReadonlySet<string> => {
    let keys = read.get(text);
    if (keys === undefined) read.set(text, (keys = new Set(wordKeys(featurizer.features(understandMessage(text).segments)))));
    return keys;
  };
  const incidentTexts: string[] = [];
  // What the incident is: its timeline (how the page tells it) and the questions the page answers; the
  // answers' everyday words ("öppet", "ring", "kväll") would make every errand sound like the incident.
  for (const e of corpus.entries) for (const lang of ['sv', 'en'] as const) incidentTexts.push(e.question[lang]);
  for (const u of corpus.timeline.updates) for (const lang of ['sv', 'en'] as const) incidentTexts.push(u.text[lang]);
  const errandTexts = [...corpus.outOfScope.sv, ...corpus.outOfScope.en];
  const share = (texts: readonly string[]) => {
    const df = new Map<string, number>();
    for (const t of texts) for (const k of words(t)) df.set(k, (df.get(k) ?? 0) + 1);
    return (k: string) => (df.get(k) ?? 0) / Math.max(1, texts.length);
  };
  // Function words ("du", "har", "the") are in every kind of question.
  const functionWords = new Set([...swe, ...eng, ...corpus.stopwords.sv, ...corpus.stopwords.en].flatMap((w) => [...words(w)]));
  const inIncident = share(incidentTexts);
  const inErrands = share(errandTexts);
  // A word of the incident's texts that is far more typical of them than of ordinary errands ("attacken"
  // also stands in "mitt konto blev hackat", but much more often on the incident's page).
  const incident = new Set<string>();
  for (const t of incidentTexts) {
    for (const k of words(t)) if (!functionWords.has(k) && inIncident(k) >= TYPICAL * inErrands(k) && inErrands(k) < COMMON) incident.add(k);
  }
  return incident;
}

/** How many times more often a word must stand in the incident's texts than in off-topic errands. */
const TYPICAL = 4;
/** A word in this share of off-topic errands or more is everyday language, whatever the incident. */
const COMMON = 0.02;

/**
 * Word and concept keys as written: letter groups (#) and word pairs (+) say nothing on their own, and a
 * word repaired as a typo ("recept" read as "reception") is a guess, not the resident's word.
 */
export function wordKeys(features: readonly MessageFeature[]): string[] {
  return features.filter(isWrittenWord).map((f) => f.key);
}

/** Whether one of the message's words as written (see {@link wordKeys}) is among `words`: asked of every turn, so no lists are built. */
export function usesAnyWord(features: readonly MessageFeature[], words: ReadonlySet<string>): boolean {
  for (const f of features) if (isWrittenWord(f) && words.has(f.key)) return true;
  return false;
}

function isWrittenWord(f: MessageFeature): boolean {
  return f.weight > 0 && (f.via === 'exact' || f.via === 'synonym') && isWordKey(f.key);
}
