import { contactFactProblems, resolveContactFacts } from './contact-facts.js';
import { loadCorpus as loadWritten, type LoadOptions, type LoadResult } from './load.js';

export interface ResolvedLoadOptions extends LoadOptions {
  /**
   * A copied contact fact (the phone number typed into an answer) is a problem, not a warning: the
   * editors' drafts are held to it. A folder on disk (faq-data/, an incident's folder written before
   * references existed) loads with a warning, so any valid corpus keeps starting.
   */
  readonly strictContactFacts?: boolean;
}

/**
 * Loads and validates a corpus folder (see load.ts) and serves it with the contact center's details in
 * place of their references. A reference to a detail that does not exist is a problem; a copied contact
 * fact is a warning (`npm run faq:check` lists it), or a problem with `strictContactFacts`.
 */
export function loadCorpus(dir: string, options: ResolvedLoadOptions = {}): LoadResult {
  const loaded = loadWritten(dir, options);
  if (!loaded.ok) return loaded;
  const found = contactFactProblems(loaded.corpus, dir);
  const problems = options.strictContactFacts === true ? found : found.filter((p) => p.code !== 'COPIED_CONTACT_FACT');
  const warnings = [...(loaded.warnings ?? []), ...found.filter((p) => !problems.includes(p))];
  return problems.length > 0 ? { ok: false, problems } : { ok: true, corpus: resolveContactFacts(loaded.corpus), setAside: loaded.setAside, warnings };
}
