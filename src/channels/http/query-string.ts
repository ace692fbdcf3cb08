/**
 * Strict query-string parsing for the agents' API. Unlike restify's parser it reports what is wrong:
 * malformed percent-encoding and repeated parameters are errors, not silently "fixed".
 */
export type QueryParse =
  | { ok: true; params: Map<string, string> }
  | { ok: false; parameter: string; problem: 'malformed-encoding' | 'repeated' };

export function parseQueryString(raw: string): QueryParse {
  const params = new Map<string, string>();
  if (raw === '') return { ok: true, params };
  for (const part of raw.split('&')) {
    if (part === '') continue;
    const eq = part.indexOf('=');
    const rawName = eq === -1 ? part : part.slice(0, eq);
    const rawValue = eq === -1 ? '' : part.slice(eq + 1);
    let name: string;
    let value: string;
    try {
      name = decodeURIComponent(rawName.replace(/\+/g, ' '));
    } catch {
      return { ok: false, parameter: rawName, problem: 'malformed-encoding' };
    }
    try {
      value = decodeURIComponent(rawValue.replace(/\+/g, ' '));
    } catch {
      return { ok: false, parameter: name, problem: 'malformed-encoding' };
    }
    if (params.has(name)) return { ok: false, parameter: name, problem: 'repeated' };
    params.set(name, value);
  }
  return { ok: true, params };
}
