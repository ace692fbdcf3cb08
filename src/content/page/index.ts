/** The official page as a source: read it (HTML or text) into a draft corpus, and check facts against it. */
export { importPage, guessFormat, type PageInput, type PageFormat, type DraftCorpus, type DraftEntry, type ImportResult, type ImportRefusalCode } from './import-page.js';
export { MAX_PAGE_BYTES } from './limits.js';
export { blocksToText, type PageBlock, type ReadPage } from './blocks.js';
export { readHtml } from './html-blocks.js';
export { readPlainText } from './text-blocks.js';
export { extractFacts, sentences, type Fact, type FactKind } from './facts.js';
export type { DraftUpdate, Unplaced } from './timeline-draft.js';
export type { ContactDraft } from './contact-draft.js';
export { draftFiles, statusEntryId } from './draft-files.js';
export { checkFacts, readPageForCheck, describeFinding, type CheckedPage, type FactFinding, type FactsCheck } from './facts-check.js';
export { snapshotPage, comparePages, type PageSnapshot, type PageChange, type LineChange, type WordPart } from './page-change.js';
