import { contactFactProblems, resolveContactFacts } from './contact-facts.js';
import { loadCorpus as loadWritten, type LoadOptions, type LoadResult } from './load.js';

/**
 * Loads and validates a corpus folder (see load.ts) and serves it with the contact center's details in
 * place of their references; a copied contact fact is a problem like any other.
 */
export function loadCorpus(dir: string, options: LoadOptions = {}): LoadResult {
  const loaded = loadWritten(dir, options);
  if (!loaded.ok) return loaded;
  const problems = contactFactProblems(loaded.corpus, dir);
  return problems.length > 0 ? { ok: false, problems } : { ok: true, corpus: resolveContactFacts(loaded.corpus), setAside: loaded.setAside };
}
