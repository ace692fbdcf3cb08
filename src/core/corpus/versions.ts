import type { Moment } from './moments.js';
import type { AnswerVersion, FaqEntry } from './schema.js';

/** A validity window: from `validFrom` (or always before) until `validUntil` (or for ever after). */
export interface ValidityWindow {
  readonly validFrom?: Moment | undefined;
  readonly validUntil?: Moment | undefined;
}

/** The answer an entry gives at one moment, with which version it is. */
export interface ServedAnswer {
  /** The version served: its answer, lattlast and window (`validFrom` is "since when"). */
  readonly version: AnswerVersion;
  /** Its place among the entry's versions, oldest first, from 1. */
  readonly number: number;
  /** How many versions the entry has. */
  readonly of: number;
}

const startOf = (w: ValidityWindow) => w.validFrom?.epochMs ?? Number.NEGATIVE_INFINITY;
const endOf = (w: ValidityWindow) => w.validUntil?.epochMs ?? Number.POSITIVE_INFINITY;

/** Whether a window holds an instant: from validFrom (included) until validUntil (excluded). */
export function isValidAt(window: ValidityWindow, epochMs: number): boolean {
  return startOf(window) <= epochMs && epochMs < endOf(window);
}

/**
 * The version of an entry's answer valid at `at`, or undefined when none is (a loaded corpus always has
 * one: `faq:check` refuses gaps). Pure: the caller's clock decides "now".
 */
export function answerAt(entry: FaqEntry, at: Date): ServedAnswer | undefined {
  const ms = at.getTime();
  const index = entry.versions.findIndex((v) => isValidAt(v, ms));
  const version = entry.versions[index];
  return version === undefined ? undefined : { version, number: index + 1, of: entry.versions.length };
}

/** Whether an entry's answer changes with the date: more than one version, or a window on its one version. */
export function isDated(entry: FaqEntry): boolean {
  const [only, ...more] = entry.versions;
  return more.length > 0 || only?.validFrom !== undefined || only?.validUntil !== undefined;
}

/** What is wrong with an entry's versions; versions are numbered from 1 in the order written. */
export type VersionProblem =
  /** validFrom is not before validUntil: never valid. */
  | { readonly kind: 'empty'; readonly version: number; readonly from: Moment; readonly until: Moment }
  /** `version` begins before the one written above it. */
  | { readonly kind: 'order'; readonly version: number }
  /** Two versions valid at once, from `from` (or always) until `until` (or for ever). */
  | { readonly kind: 'overlap'; readonly versions: readonly [number, number]; readonly from: Moment | undefined; readonly until: Moment | undefined }
  /** No version is valid before the first one begins. */
  | { readonly kind: 'before'; readonly from: Moment }
  /** No version is valid between the end of version `after` and the start of version `next`. */
  | { readonly kind: 'gap'; readonly after: number; readonly next: number; readonly from: Moment; readonly until: Moment }
  /** No version is valid once `after`, the last to end, has ended. */
  | { readonly kind: 'after'; readonly after: number; readonly from: Moment };

/**
 * Checks that at every moment exactly one version of the entry's answer is valid: no empty windows,
 * versions written oldest first, no overlaps, no gaps, none missing before the first or after the last.
 */
export function versionProblems(entry: FaqEntry): VersionProblem[] {
  const problems: VersionProblem[] = [];
  const live: { v: AnswerVersion; n: number }[] = [];
  entry.versions.forEach((v, i) => {
    if (v.validFrom !== undefined && v.validUntil !== undefined && v.validFrom.epochMs >= v.validUntil.epochMs) {
      problems.push({ kind: 'empty', version: i + 1, from: v.validFrom, until: v.validUntil });
    } else {
      live.push({ v, n: i + 1 });
    }
  });
  for (let i = 1; i < live.length; i++) {
    const prev = live[i - 1];
    const cur = live[i];
    if (prev && cur && startOf(cur.v) < startOf(prev.v)) problems.push({ kind: 'order', version: cur.n });
  }
  // Out of order, overlaps and gaps would be reported against versions the editor is about to move.
  if (problems.some((p) => p.kind === 'order') || live.length === 0) return problems;

  for (let i = 0; i < live.length; i++) {
    for (let j = i + 1; j < live.length; j++) {
      const a = live[i];
      const b = live[j];
      if (!a || !b || startOf(b.v) >= endOf(a.v)) continue;
      const until = endOf(a.v) <= endOf(b.v) ? a.v.validUntil : b.v.validUntil;
      problems.push({ kind: 'overlap', versions: [a.n, b.n], from: b.v.validFrom, until });
    }
  }

  const first = live[0];
  if (first?.v.validFrom !== undefined) problems.push({ kind: 'before', from: first.v.validFrom });
  // Sweep oldest first: `covered` is the version whose end is the latest so far.
  let covered = first;
  for (const cur of live.slice(1)) {
    if (!covered) break;
    const coveredEnd = covered.v.validUntil;
    if (coveredEnd !== undefined && cur.v.validFrom !== undefined && cur.v.validFrom.epochMs > coveredEnd.epochMs) {
      problems.push({ kind: 'gap', after: covered.n, next: cur.n, from: coveredEnd, until: cur.v.validFrom });
    }
    if (endOf(cur.v) > endOf(covered.v)) covered = cur;
  }
  if (covered?.v.validUntil !== undefined) problems.push({ kind: 'after', after: covered.n, from: covered.v.validUntil });
  return problems;
}
