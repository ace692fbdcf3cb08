/**
 * Matching options, grouped and frozen in one place (as Fuse.js keeps its defaults).
 * The values were chosen by comparing leave-one-out results on the corpus; see docs/matching.md.
 */
export interface MatchOptions {
  /** Weight of query coverage against phrasing coverage in a phrasing's score (0–1). */
  readonly queryCoverageWeight: number;
  /** Share of query coverage taken from the whole entry (all its phrasings) rather than the best phrasing. */
  readonly entryCoverageShare: number;
  /** Credit for a query word matched only through one part of a compound. */
  readonly compoundCredit: number;
  /** Index the first part of corpus compounds even when the corpus never uses it alone ("vatten" in "vattenbolaget"). */
  readonly indexCompoundModifiers: boolean;
  /** Credit lost per edit when a misspelt word is matched to a corpus word. */
  readonly typoPenaltyPerEdit: number;
  /** Words shorter than this are never typo-corrected ("mig" must not become "mil"). */
  readonly minTypoLength: number;
  /** Words at least this long may be two edits away from a corpus word; shorter ones one edit. */
  readonly twoEditLength: number;
  /** fuse.js threshold for typo candidates (0 exact, 1 anything): 0.3 admits one edit in four letters and
   * two in seven; candidates are then verified by edit distance. */
  readonly fuseThreshold: number;
  /** Share of an entry's score from its runner-up phrasings (2nd and 3rd best), so entries whose
   * phrasings agree outrank one stray phrasing elsewhere. */
  readonly supportShare: number;
  /** Weight of a meaningful word the corpus does not know, relative to the rarest known word. */
  readonly unknownWeightFactor: number;
  /** How many candidates to return at most. */
  readonly maxCandidates: number;
}

export const DEFAULT_MATCH_OPTIONS: MatchOptions = Object.freeze({
  queryCoverageWeight: 0.65,
  entryCoverageShare: 0.25,
  compoundCredit: 0.85,
  indexCompoundModifiers: true,
  typoPenaltyPerEdit: 0.15,
  minTypoLength: 4,
  twoEditLength: 7,
  fuseThreshold: 0.3,
  supportShare: 0.3,
  unknownWeightFactor: 1.5,
  maxCandidates: 10,
});
