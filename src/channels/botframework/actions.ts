import type { CardAction } from 'botbuilder';
import { z } from 'zod';
import { LANGS, MAX_ID_LENGTH, type Lang } from '../../core/index.js';
import { READING_STYLES } from './reading-preference.js';

// An entry id; the corpus schema refuses a longer one, so every entry's buttons fit.
const entryId = z.string().max(MAX_ID_LENGTH);

/**
 * What a button click carries in `activity.value`. Everything the bot needs is in the value (the FAQ
 * id, the language), so acting on a click needs no conversation state.
 */
export const buttonValueSchema = z.discriminatedUnion('action', [
  /** A starter, related or "did you mean" question: answer this entry. */
  z.object({ action: z.literal('ask'), id: entryId, lang: z.enum(LANGS) }),
  /** "Inget av dessa" under a clarification: escalate. */
  z.object({ action: z.literal('none-of-these'), lang: z.enum(LANGS) }),
  /** "Hjälpte svaret? Ja / Nej". */
  z.object({ action: z.literal('feedback'), id: entryId, helpful: z.boolean(), lang: z.enum(LANGS) }),
  /** "Lättläst" / "Vanlig text" under an answer: this entry again in that style, and the style from now on. */
  z.object({ action: z.literal('reading'), style: z.enum(READING_STYLES), id: entryId, lang: z.enum(LANGS) }),
  /** "Tidslinje" under the status answer: every dated update, newest first. */
  z.object({ action: z.literal('timeline'), lang: z.enum(LANGS) }),
]);

export type ButtonValue = z.infer<typeof buttonValueSchema>;

/** The button value of an activity, or undefined when there is none or it is not one of ours. */
export function parseButtonValue(value: unknown): ButtonValue | undefined {
  const parsed = buttonValueSchema.safeParse(value);
  return parsed.success ? parsed.data : undefined;
}

/**
 * A button that posts `text` as the person's message together with `value` (messageBack): Web Chat
 * and the Emulator show the text; the bot acts on the value.
 */
export function button(title: string, value: ButtonValue): CardAction {
  return { type: 'messageBack', title, text: title, displayText: title, value };
}

/** Ask-buttons for FAQ questions, e.g. starters and related questions. */
export function askButton(question: string, id: string, lang: Lang): CardAction {
  return button(question, { action: 'ask', id, lang });
}
