/**
 * Strict query-string parsing for the agents' API and every staff route that reads parameters. Unlike
 * restify's parser (or URLSearchParams, which keeps the first of a repeated parameter for `get` and leaves
 * "%zz" as it stands) it reports what is wrong: malformed percent-encoding and repeated parameters are
 * errors, not silently "fixed".
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

export type QueryProblem = Extract<QueryParse, { ok: false }>;

/** What is wrong with a query string and how to fix it, naming the parameter: `Parameter "days" is given more than once; give it once.` */
export function describeQueryProblem(problem: QueryProblem): string {
  return `Parameter "${problem.parameter}" ${QUERY_PROBLEMS[problem.problem]}.`;
}

/** The second half of each message, after the parameter's name. */
export const QUERY_PROBLEMS = Object.freeze({
  repeated: 'is given more than once; give it once',
  'malformed-encoding': 'has malformed percent-encoding; encode it with encodeURIComponent',
} satisfies Record<QueryProblem['problem'], string>);
