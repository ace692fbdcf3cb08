/**
 * Finds the page's questions and their answers among its blocks, in every shape municipal sites use:
 * pairs the markup marks (expandable blocks, accordions, definition lists), headings that are
 * questions, bold questions leading a paragraph, and a question on a line of its own followed by its
 * answer. What is not part of a question's answer is returned with the heading it stands under.
 */
import type { PageBlock } from './blocks.js';

export interface FoundFaq {
  readonly question: string;
  /** The answer's paragraphs and list items, in page order. */
  readonly answer: readonly AnswerPart[];
  /** The heading the question stands under (not itself a question), when there is one. */
  readonly section?: string;
}
export type AnswerPart = { readonly kind: 'paragraph' | 'item'; readonly text: string };

export interface OtherBlock {
  readonly block: Exclude<PageBlock, { kind: 'qa' }>;
  /** The nearest heading above it. */
  readonly heading?: string;
}

export interface FaqSplit {
  readonly faqs: readonly FoundFaq[];
  readonly rest: readonly OtherBlock[];
  /** Questions the page asks without an answer under them: listed for the editor. */
  readonly unanswered: readonly string[];
}

const MAX_QUESTION_LENGTH = 250;

/** A question as a page writes one: ends with "?", short, at most three sentences. */
export function isQuestionText(text: string): boolean {
  const t = text.trim();
  if (!t.endsWith('?') || t.length > MAX_QUESTION_LENGTH) return false;
  return t.split(/(?<=[.!?])\s+/).length <= 3;
}

const flatten = (blocks: readonly PageBlock[]): AnswerPart[] =>
  blocks.flatMap((b): AnswerPart[] => {
    if (b.kind === 'qa') return [{ kind: 'paragraph', text: b.question }, ...flatten(b.answer)];
    if (b.kind === 'heading') return [{ kind: 'paragraph', text: b.text }];
    return [{ kind: b.kind, text: b.text }];
  });

export function splitFaqs(blocks: readonly PageBlock[]): FaqSplit {
  const faqs: FoundFaq[] = [];
  const rest: OtherBlock[] = [];
  const unanswered: string[] = [];
  let heading: string | undefined;
  let section: string | undefined;
  let open: { question: string; answer: AnswerPart[]; section?: string } | undefined;
  let openLevel = 7;

  const close = () => {
    if (open === undefined) return;
    if (open.answer.length > 0) faqs.push(open);
    else unanswered.push(open.question);
    open = undefined;
  };
  const start = (question: string, first: AnswerPart[], level = 7) => {
    close();
    open = { question, answer: first, ...(section === undefined ? {} : { section }) };
    openLevel = level;
  };

  blocks.forEach((b, i) => {
    const next = blocks[i + 1];
    if (b.kind === 'qa') {
      close();
      const answer = flatten(b.answer);
      if (answer.length > 0) faqs.push({ question: b.question, answer, ...(section === undefined ? {} : { section }) });
      else unanswered.push(b.question);
      return;
    }
    if (b.kind === 'heading') {
      if (isQuestionText(b.text)) {
        start(b.text, [], b.level);
        return;
      }
      // A heading below the question's own level stays inside its answer (a sub-heading of the answer).
      if (open !== undefined && b.level > openLevel) {
        open.answer.push({ kind: 'paragraph', text: b.text });
        return;
      }
      close();
      heading = b.text;
      section = b.text;
      rest.push({ block: b, heading });
      return;
    }
    if (b.kind === 'paragraph' && b.lead !== undefined && isQuestionText(b.lead)) {
      const after = b.text.slice(b.lead.length).trim();
      start(b.lead, after === '' ? [] : [{ kind: 'paragraph', text: after }]);
      return;
    }
    if (b.kind === 'paragraph' && isQuestionText(b.text) && next !== undefined && (next.kind === 'paragraph' || next.kind === 'item') && !startsQuestion(next)) {
      start(b.text, []);
      return;
    }
    if (open !== undefined) {
      open.answer.push({ kind: b.kind, text: b.text });
      return;
    }
    rest.push({ block: b, ...(heading === undefined ? {} : { heading }) });
  });
  close();
  return { faqs, rest, unanswered };
}

function startsQuestion(b: PageBlock): boolean {
  if (b.kind === 'paragraph') return (b.lead !== undefined && isQuestionText(b.lead)) || isQuestionText(b.text);
  return false;
}

/** The answer as corpus text: paragraphs separated by a blank line, list items as "- " lines. */
export function answerText(parts: readonly AnswerPart[]): string {
  let out = '';
  parts.forEach((p, i) => {
    const prev = parts[i - 1];
    if (i > 0) out += p.kind === 'item' && prev?.kind === 'item' ? '\n' : '\n\n';
    out += p.kind === 'item' ? `- ${p.text}` : p.text;
  });
  return out;
}
