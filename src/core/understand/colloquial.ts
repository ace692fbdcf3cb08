/**
 * How residents type, turned into the words the corpus uses: chat abbreviations and colloquial forms
 * ("elr" → eller, "e" → är, "nån" → någon, "pga" → på grund av). Applied to single tokens after
 * tokenizing, to queries only (the corpus is written out in full). Domain slang with a meaning of its
 * own ("soc", "snuten") belongs in faq-data/synonyms.yaml, where editors can see and extend it.
 */
const SWEDISH_CHAT: Readonly<Record<string, string>> = Object.freeze({
  elr: 'eller',
  el: 'eller',
  e: 'är',
  ä: 'är',
  nån: 'någon',
  nan: 'någon',
  nåt: 'något',
  nat: 'något',
  nåra: 'några',
  nåå: 'någon',
  ngn: 'någon',
  ngt: 'något',
  ngr: 'några',
  pga: 'på grund av',
  pg: 'på grund av',
  asså: 'alltså',
  assa: 'alltså',
  aså: 'alltså',
  o: 'och',
  å: 'och',
  dom: 'de',
  mej: 'mig',
  dej: 'dig',
  sej: 'sig',
  sån: 'sådan',
  sånt: 'sådant',
  såna: 'sådana',
  iaf: 'i alla fall',
  mkt: 'mycket',
  bla: 'bland annat',
  ev: 'eventuellt',
  tex: 'till exempel',
  ba: 'bara',
  kmr: 'kommer',
  kmmr: 'kommer',
  fö: 'för övrigt',
  dvs: 'det vill säga',
  osv: 'och så vidare',
  mvh: 'med vänlig hälsning',
  u: 'you',
  ur: 'your',
  pls: 'please',
  plz: 'please',
  thx: 'thanks',
  wanna: 'want to',
  gonna: 'going to',
  abt: 'about',
  bc: 'because',
  cuz: 'because',
  im: 'i am',
});

const CHAT_FORMS: ReadonlyMap<string, string> = new Map(Object.entries(SWEDISH_CHAT));

/**
 * The written-out form of one lower-case token, or undefined when it is not a chat form. The caller
 * skips tokens joined by a hyphen ("e-tjänst" is not "är tjänst").
 */
export function writtenOut(token: string): string | undefined {
  return CHAT_FORMS.get(token);
}
