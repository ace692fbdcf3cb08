/**
 * A page read as a sequence of blocks, whatever its markup: headings, paragraphs, list items and the
 * question-and-answer pairs that the markup itself marks (expandable blocks, accordions, definition
 * lists). Both the HTML reader and the plain-text reader produce these; everything after them is the same.
 */
export type PageBlock =
  | { readonly kind: 'heading'; readonly level: number; readonly text: string }
  /** `lead`: the bold words a paragraph begins with ("**Vad har hänt?** Måndag …"), when it has some. */
  | { readonly kind: 'paragraph'; readonly text: string; readonly lead?: string }
  | { readonly kind: 'item'; readonly text: string }
  /** A question the markup pairs with its answer: <details>/<summary>, a button and its panel, <dt>/<dd>. */
  | { readonly kind: 'qa'; readonly question: string; readonly answer: readonly PageBlock[] };

/** What a reader found besides the blocks: the page's title and its publishing date, when it gives them. */
export interface ReadPage {
  readonly title?: string;
  /** The page's own address (canonical link), when it gives one. */
  readonly url?: string;
  /** Publishing or last-updated date as the page states it (YYYY-MM-DD), when machine-readable. */
  readonly published?: string;
  readonly blocks: readonly PageBlock[];
}

/** White space collapsed, as a reader sees it; no-break and zero-width spaces included. */
export function collapse(text: string): string {
  return text.replace(/[\u200b\u200c\u200d\ufeff]/g, '').replace(/[\s\u00a0]+/g, ' ').trim();
}

/** The page as plain lines: what the watcher hashes and diffs, and what the facts check reads. */
export function blocksToText(blocks: readonly PageBlock[]): string {
  const lines: string[] = [];
  const walk = (list: readonly PageBlock[]) => {
    for (const b of list) {
      if (b.kind === 'qa') {
        lines.push(b.question);
        walk(b.answer);
      } else if (b.kind === 'item') {
        lines.push(`- ${b.text}`);
      } else {
        lines.push(b.text);
      }
    }
  };
  walk(blocks);
  return lines.join('\n');
}
