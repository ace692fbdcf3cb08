/**
 * `npm run faq:check -- --page URL|FILE`: the facts check of a valid corpus against the official page
 * (and more pages, each with its own --page, for fields whose source is another page). Prints every fact
 * that does not stand on its source, with entry and field; false when there is any.
 */
import type { Corpus } from '../src/core/index.js';
import { checkFacts, describeFinding, readPageForCheck, type CheckedPage } from '../src/content/page/index.js';
import { readPageSource } from './page-source.js';

export async function checkAgainstPages(corpus: Corpus, wheres: readonly string[], today = new Date().toISOString().slice(0, 10)): Promise<boolean> {
  const pages: CheckedPage[] = [];
  for (const where of wheres) {
    // "FILE=https://address": a saved copy of the page at that address.
    const [file, url] = where.includes('=') ? where.split(/=(.*)/s) : [where, undefined];
    const source = await readPageSource(file ?? where);
    if (!source.ok) {
      process.stderr.write(`facts check: ${source.message}\n`);
      return false;
    }
    const page = readPageForCheck({
      body: source.body,
      format: source.format,
      today,
      ...(url === undefined ? {} : { url }),
      ...(source.url === undefined ? {} : { fetchedFrom: source.url }),
    });
    if (page === undefined) {
      process.stderr.write(`facts check: ${where} does not say its own address; write FILE=https://the-address\n`);
      return false;
    }
    pages.push(page);
  }
  const result = checkFacts(corpus, pages);
  for (const u of result.unchecked) {
    process.stdout.write(`note: ${u.where}, field "${u.field}": its source ${u.source} was not given (--page), so its facts were not checked.\n`);
  }
  if (result.findings.length === 0) {
    process.stdout.write(`facts check: all ${result.checked} facts (phone numbers, e-mail and street addresses, dates, weekdays, times, opening hours) stand on ${pages.map((p) => p.url).join(', ')}.\n`);
    return true;
  }
  process.stderr.write(`facts check: ${result.findings.length} of ${result.checked} facts are not on their source page:\n`);
  for (const f of result.findings) process.stderr.write(`  - ${describeFinding(f)}\n`);
  return false;
}
