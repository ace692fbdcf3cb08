import { z } from 'zod';

/** True for a host only this machine reaches (the same rule as HOST's, kept here so config stays free of the platform). */
const loopback = (host: string) => {
  const h = host.toLowerCase().replace(/^\[|\]$/g, '');
  return h === 'localhost' || h === '::1' || /^127(?:\.\d{1,3}){3}$/.test(h);
};

function pageUrl(written: string): string | undefined {
  try {
    const url = new URL(written);
    if (url.username !== '' || url.password !== '') return undefined;
    if (url.protocol === 'https:' || (url.protocol === 'http:' && loopback(url.hostname))) return url.href;
  } catch {
    return undefined;
  }
  return undefined;
}

/**
 * The official page(s) the watcher fetches (docs/official-page.md). Unset: nothing is fetched. Several
 * addresses are separated by commas or spaces; each must be https:// (http:// only to 127.0.0.1 or
 * localhost, for tests and a local copy).
 */
export const pageEnvShape = {
  OFFICIAL_PAGE_URL: z
    .string()
    .optional()
    .transform((value, ctx): string[] => {
      const written = (value ?? '').split(/[\s,]+/).filter((u) => u !== '');
      const urls: string[] = [];
      for (const w of written) {
        const url = pageUrl(w);
        if (url === undefined) {
          ctx.issues.push({ code: 'custom', input: w, message: `"${w}" is not an https:// address (http:// only to 127.0.0.1 or localhost), e.g. https://www.norrkoping.se/nyheter/incident` });
          return z.NEVER;
        }
        if (!urls.includes(url)) urls.push(url);
      }
      return urls;
    }),
  OFFICIAL_PAGE_INTERVAL_SECONDS: z.preprocess(
    (v) => (typeof v === 'string' && v.trim() === '' ? undefined : v),
    z.coerce.number({ error: 'must be a whole number of seconds' }).int('must be a whole number of seconds').min(10, 'must be at least 10 seconds').max(86_400, 'must be at most 86400 (a day)').default(300),
  ),
};
