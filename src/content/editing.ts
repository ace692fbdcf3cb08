import type { Corpus } from '../core/index.js';
import { applyPatch, patchOf, type ChangeInput } from './change.js';
import { CONTACT_FILE, entriesOf, OUT_OF_SCOPE_FILE, SYNONYMS_FILE, TIMELINE_FILE, WELCOME_FILE } from './corpus-files.js';
import { ContentStore, type Actor, type AuditItem, type PublishOutcome, type RestoreOutcome, type StoredChange, type WithdrawOutcome } from './content-store.js';
import { fieldDiff } from './field-diff.js';
import { factsToConfirm, type KeptPage } from './official-page.js';
import { validateChange, type DraftProblem } from './validate.js';

type PublishFactsFindings = ReturnType<typeof factsToConfirm>['unconfirmed'];

export type CreateOutcome =
  | { readonly ok: true; readonly id: number; readonly problems: readonly DraftProblem[] }
  | { readonly ok: false; readonly reason: 'invalid'; readonly problems: readonly DraftProblem[] }
  | { readonly ok: false; readonly reason: 'unknown_base'; readonly latest: number | undefined };

/** The published corpus as the staff API shows it: the written form of faq-data/README.md. */
export interface PublishedCorpusView {
  readonly version: number;
  readonly hash: string;
  readonly publishedAt: string;
  readonly publishedBy: string;
  readonly entries: readonly unknown[];
  readonly timeline: unknown;
  readonly contact: unknown;
  readonly outOfScope: unknown;
  readonly synonyms: unknown;
  /** welcome.yaml as written (null when the corpus has none: the product's welcome is used). */
  readonly welcome: unknown;
}

export interface ContentEditingOptions {
  readonly store: ContentStore;
  /** Four eyes: a draft's author may not publish it (STAFF_FOUR_EYES). */
  readonly fourEyes: boolean;
  /** What else a served corpus must satisfy (the bot's welcome questions), as messages. */
  readonly check?: (corpus: Corpus) => readonly string[];
  /** Told about every version this process wrote, at once (other instances hear through LISTEN or polling). */
  readonly onPublished?: (version: number) => void;
  /**
   * The official page(s) as last read (watched, or imported by an editor): checked against before
   * publishing and kept with each version. Without it, nothing is checked or kept.
   */
  readonly pages?: () => Promise<readonly KeptPage[]>;
}

/**
 * Editing the answers: drafts validated by the corpus rules, publishing with four eyes and optimistic
 * locking, rollback to any earlier version, and the audit log. Outcomes are values; the store's
 * failures (a database gone) are exceptions the channel turns into 503.
 */
export class ContentEditing {
  constructor(private readonly options: ContentEditingOptions) {}

  get store(): ContentStore {
    return this.options.store;
  }

  async published(): Promise<PublishedCorpusView | undefined> {
    const latest = await this.options.store.latest();
    if (latest === undefined) return undefined;
    return {
      version: latest.version,
      hash: latest.hash,
      publishedAt: latest.publishedAt.toISOString(),
      publishedBy: latest.publishedBy,
      entries: entriesOf(latest.files).map((e) => e.data),
      timeline: latest.files[TIMELINE_FILE] ?? null,
      contact: latest.files[CONTACT_FILE] ?? null,
      outOfScope: latest.files[OUT_OF_SCOPE_FILE] ?? null,
      synonyms: latest.files[SYNONYMS_FILE] ?? null,
      welcome: latest.files[WELCOME_FILE] ?? null,
    };
  }

  /** Stores a draft when the corpus it would make is valid; an invalid one is refused whole, every problem named. */
  async createChange(input: ChangeInput, author: Actor, also: { readonly publicTexts?: readonly string[] } = {}): Promise<CreateOutcome> {
    const base = await this.options.store.version(input.baseVersion);
    if (base === undefined) return { ok: false, reason: 'unknown_base', latest: await this.options.store.latestNumber() };
    const patch = patchOf(input);
    const checked = validateChange(base.files, patch, { ...this.validateOptions(), publicTexts: [...(await this.pageTexts()), ...(also.publicTexts ?? [])] });
    if (!checked.ok) return { ok: false, reason: 'invalid', problems: checked.problems };
    const diff = fieldDiff(base.files, applyPatch(base.files, patch));
    const id = await this.options.store.createChange({ title: input.title, baseVersion: input.baseVersion, patch, author, diff });
    return { ok: true, id, problems: [] };
  }

  change(id: number): Promise<StoredChange | undefined> {
    return this.options.store.change(id);
  }

  /**
   * Publishes a draft. The facts check comes first: a draft bringing a phone number, e-mail address,
   * address, date, weekday, time or opening hours that its source page does not state is refused as
   * `facts_unconfirmed` until the publisher acknowledges them (`acknowledgeFacts`); the acknowledged facts
   * go into the audit log, and the page as read now is kept with the version.
   */
  async publish(id: number, publisher: Actor, options: { acknowledgeFacts?: boolean } = {}): Promise<PublishOutcome> {
    const pages = this.options.pages === undefined ? [] : await this.options.pages();
    let acknowledged: PublishFactsFindings = [];
    if (pages.length > 0) {
      const change = await this.options.store.change(id);
      const latest = await this.options.store.latest();
      // Refusals the store gives (no such draft, four eyes, conflicts) come from the store below.
      if (change !== undefined && change.status === 'draft' && latest !== undefined && !(this.options.fourEyes && change.authorKey === publisher.key)) {
        const facts = factsToConfirm(latest.files, applyPatch(latest.files, change.patch), pages).unconfirmed;
        if (facts.length > 0 && options.acknowledgeFacts !== true) return { ok: false, reason: 'facts_unconfirmed', facts };
        acknowledged = facts;
      }
    }
    const outcome = await this.options.store.publish(id, publisher, {
      fourEyes: this.options.fourEyes,
      ...(pages.length === 0 ? {} : { pages }),
      ...(acknowledged.length === 0 ? {} : { factsAcknowledged: acknowledged }),
      validate: (files) => {
        const checked = validateChange(files, { put: {}, remove: [] }, this.validateOptions());
        return checked.ok ? [] : checked.problems;
      },
    });
    if (outcome.ok) this.options.onPublished?.(outcome.version);
    return outcome;
  }

  /** Withdraws a draft: its author, or a publisher (`isPublisher`); a published or withdrawn one stays as it is. */
  withdraw(id: number, actor: Actor, isPublisher: boolean): Promise<WithdrawOutcome> {
    return this.options.store.withdraw(id, actor, isPublisher);
  }

  async restore(version: number, publisher: Actor): Promise<RestoreOutcome> {
    // The page as read now goes with the restored version: what the page said when it was served again.
    const pages = this.options.pages === undefined ? [] : await this.options.pages();
    const outcome = await this.options.store.restore(version, publisher, pages.length === 0 ? undefined : pages);
    if (outcome.ok) this.options.onPublished?.(outcome.version);
    return outcome;
  }

  audit(limit?: number): Promise<AuditItem[]> {
    return this.options.store.audit(limit);
  }

  /** The official pages' text as last read (none when no page is read, or the read fails). */
  private async pageTexts(): Promise<string[]> {
    try {
      return ((await this.options.pages?.()) ?? []).map((p) => p.text);
    } catch {
      return [];
    }
  }

  private validateOptions() {
    return this.options.check === undefined ? {} : { check: this.options.check };
  }
}
