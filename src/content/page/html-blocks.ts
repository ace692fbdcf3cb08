/**
 * Reads an HTML page into blocks with a real HTML parser (cheerio over parse5), never with regular
 * expressions over markup. Only text is taken: nothing from the page is executed or kept as HTML.
 */
import { load, type CheerioAPI } from 'cheerio';
import { collapse, type PageBlock, type ReadPage } from './blocks.js';
import { findDates, isoDate } from './dates.js';

// Never text for residents: code, styles, forms, embedded objects, and the site's chrome around the article.
const SKIPPED = new Set(['script', 'style', 'noscript', 'template', 'svg', 'iframe', 'object', 'embed', 'canvas', 'form', 'input', 'select', 'textarea', 'head', 'meta', 'link', 'img', 'picture', 'video', 'audio']);
const CHROME = new Set(['nav', 'header', 'footer', 'aside']);
const HEADING = /^h([1-6])$/;
const INLINE = new Set(['a', 'abbr', 'b', 'bdi', 'bdo', 'br', 'cite', 'code', 'data', 'del', 'dfn', 'em', 'font', 'i', 'ins', 'kbd', 'label', 'mark', 'q', 's', 'samp', 'small', 'span', 'strong', 'sub', 'sup', 'time', 'u', 'var', 'wbr']);

/** The parts of a parsed node this reader uses; cheerio's nodes have them (structural, no casts). */
interface Node {
  readonly type: string;
  readonly nodeType: number;
}
interface ElementNode extends Node {
  readonly name: string;
  readonly attribs: Record<string, string>;
  readonly children: Node[];
}
interface TextNode extends Node {
  readonly data: string;
}
const isElement = (n: Node): n is ElementNode => n.nodeType === 1 && 'name' in n && 'children' in n;
const isText = (n: Node): n is TextNode => n.nodeType === 3 && 'data' in n;

/** Reads the page; never throws on malformed markup (the parser repairs it as browsers do). */
export function readHtml(html: string): ReadPage {
  const $ = load(html);
  const title = collapse($('h1').first().text()) || collapse($('title').first().text()) || undefined;
  const canonical = $('link[rel="canonical"]').attr('href') ?? $('meta[property="og:url"]').attr('content');
  const published = publishedDate($);
  // The article when the page marks one: a site's menus and footer are not the incident's text.
  const main = $('main').first();
  const article = $('article').first();
  const rootEl = main.length > 0 ? main : article.length > 0 ? article : $('body').first();
  const roots: Node[] = rootEl.length > 0 ? rootEl.toArray() : $.root().toArray();
  const consumed = new Set<Node>();
  // By comparing ids, not by building a selector from the page's text (an odd id must not break parsing).
  const withId = $('[id]').toArray();
  const panelFor = (id: string): Node | undefined => withId.find((el) => el.attribs['id'] === id);
  const blocks: PageBlock[] = [];
  for (const root of roots) {
    if (isElement(root)) readChildren(root, blocks, { panelFor, consumed, skipChrome: main.length === 0 && article.length === 0 });
  }
  return {
    blocks,
    ...(title === undefined ? {} : { title }),
    ...(canonical === undefined || canonical.trim() === '' ? {} : { url: canonical.trim() }),
    ...(published === undefined ? {} : { published }),
  };
}

interface Context {
  readonly panelFor: (id: string) => Node | undefined;
  readonly consumed: Set<Node>;
  readonly skipChrome: boolean;
}

function publishedDate($: CheerioAPI): string | undefined {
  const candidates = [
    $('meta[property="article:modified_time"]').attr('content'),
    $('meta[property="article:published_time"]').attr('content'),
    $('meta[name="dcterms.modified"]').attr('content'),
    $('meta[name="dcterms.date"]').attr('content'),
    $('meta[name="DC.date"]').attr('content'),
    ...$('time[datetime]').toArray().map((t) => $(t).attr('datetime')),
  ];
  for (const c of candidates) {
    const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(c?.trim() ?? '');
    if (m !== null) return `${m[1]}-${m[2]}-${m[3]}`;
  }
  // "Publicerad 6 oktober 2025" written in the page's text.
  const line = $('body').text().match(/(?:publicerad|uppdaterad|published|updated)[:\s]+[^\n]{0,60}/i)?.[0];
  const date = line === undefined ? undefined : findDates(line).find((d) => d.year !== undefined);
  return date?.year === undefined ? undefined : isoDate(date.year, date.month, date.day);
}

/** Inline text of a node: tags dropped, <br> as a line break. */
function inlineText(node: Node): string {
  if (isText(node)) return node.data;
  if (!isElement(node) || SKIPPED.has(node.name)) return '';
  if (node.name === 'br') return '\n';
  return node.children.map(inlineText).join('');
}

/** The bold words a paragraph starts with: <p><strong>Vad har hänt?</strong> Måndag …</p>. */
function leadOf(node: ElementNode): string | undefined {
  const first = node.children.find((c) => !(isText(c) && c.data.trim() === ''));
  if (first === undefined || !isElement(first) || !['strong', 'b'].includes(first.name)) return undefined;
  const lead = collapse(inlineText(first));
  return lead === '' ? undefined : lead;
}

function pushParagraphs(text: string, out: PageBlock[], lead?: string): void {
  // A <br><br> inside one <p> separates paragraphs as a reader sees them.
  // A single <br> is a line break the reader sees ("Telefon: …" on a line of its own): kept as one.
  const parts = text
    .split(/\n\s*\n/)
    .map((p) => p.split('\n').map(collapse).filter((l) => l !== '').join('\n'))
    .filter((p) => p !== '');
  parts.forEach((p, i) => {
    if (i === 0 && lead !== undefined && p.startsWith(lead)) out.push({ kind: 'paragraph', text: p, lead });
    else out.push({ kind: 'paragraph', text: p });
  });
}

function readChildren(parent: ElementNode, out: PageBlock[], ctx: Context): void {
  let run = '';
  let runLead: string | undefined;
  let runStart = true;
  const flush = () => {
    if (collapse(run) !== '') pushParagraphs(run, out, runLead);
    run = '';
    runLead = undefined;
    runStart = true;
  };
  for (const child of parent.children) {
    if (ctx.consumed.has(child)) continue;
    if (isText(child)) {
      run += child.data;
      if (child.data.trim() !== '') runStart = false;
      continue;
    }
    if (!isElement(child) || SKIPPED.has(child.name)) continue;
    if (INLINE.has(child.name)) {
      if (runStart && ['strong', 'b'].includes(child.name)) {
        const lead = collapse(inlineText(child));
        if (lead !== '') runLead = lead;
      }
      if (inlineText(child).trim() !== '') runStart = false;
      run += inlineText(child);
      continue;
    }
    flush();
    readBlock(child, out, ctx);
  }
  flush();
}

function readBlock(node: ElementNode, out: PageBlock[], ctx: Context): void {
  const name = node.name;
  if (ctx.skipChrome && CHROME.has(name)) return;
  const heading = HEADING.exec(name);
  if (heading !== null) {
    const button = findAccordionButton(node);
    if (button !== undefined && readAccordion(button, out, ctx)) return;
    const text = collapse(inlineText(node));
    if (text !== '') out.push({ kind: 'heading', level: Number(heading[1]), text });
    return;
  }
  if (name === 'p') {
    const lead = leadOf(node);
    pushParagraphs(inlineText(node), out, lead);
    return;
  }
  if (name === 'li') {
    // A list item's own text, then any list nested in it as items of their own.
    const own: PageBlock[] = [];
    readChildren(node, own, ctx);
    for (const b of own) out.push(b.kind === 'paragraph' ? { kind: 'item', text: b.text } : b);
    return;
  }
  if (name === 'details') {
    const summary = node.children.find((c): c is ElementNode => isElement(c) && c.name === 'summary');
    const question = summary === undefined ? '' : collapse(inlineText(summary));
    const answer: PageBlock[] = [];
    const rest = { ...node, children: node.children.filter((c) => c !== summary) };
    readChildren(rest, answer, ctx);
    if (question !== '') out.push({ kind: 'qa', question, answer });
    else out.push(...answer);
    return;
  }
  if (name === 'dl') {
    readDefinitionList(node, out, ctx);
    return;
  }
  if (name === 'button') {
    readAccordion(node, out, ctx);
    return;
  }
  if (name === 'table') {
    // Rows as paragraphs: opening hours and phone lists are often tables.
    for (const row of descendants(node).filter((n) => n.name === 'tr')) {
      const cells = row.children.filter(isElement).map((c) => collapse(inlineText(c))).filter((t) => t !== '');
      if (cells.length > 0) out.push({ kind: 'paragraph', text: cells.join(' ') });
    }
    return;
  }
  readChildren(node, out, ctx);
}

function descendants(node: ElementNode): ElementNode[] {
  const out: ElementNode[] = [];
  for (const c of node.children) {
    if (isElement(c)) out.push(c, ...descendants(c));
  }
  return out;
}

function findAccordionButton(node: ElementNode): ElementNode | undefined {
  return descendants(node).find((d) => d.name === 'button' && (d.attribs['aria-controls'] !== undefined || d.attribs['aria-expanded'] !== undefined));
}

/**
 * A button that opens a panel (<button aria-expanded aria-controls="p1">Fråga?</button> … <div id="p1">):
 * the button's text is the question and the panel's text its answer. A button without a panel found is
 * only text.
 */
function readAccordion(button: ElementNode, out: PageBlock[], ctx: Context): boolean {
  const question = collapse(inlineText(button));
  const id = button.attribs['aria-controls'];
  const panel = id === undefined ? undefined : ctx.panelFor(id);
  if (question === '' || panel === undefined || !isElement(panel)) {
    if (question !== '' && button.attribs['aria-expanded'] !== undefined) out.push({ kind: 'paragraph', text: question });
    return question !== '';
  }
  ctx.consumed.add(panel);
  const answer: PageBlock[] = [];
  readChildren(panel, answer, ctx);
  out.push({ kind: 'qa', question, answer });
  return true;
}

function readDefinitionList(node: ElementNode, out: PageBlock[], ctx: Context): void {
  let question: string | undefined;
  let answer: PageBlock[] = [];
  const flush = () => {
    if (question !== undefined) out.push({ kind: 'qa', question, answer });
    else out.push(...answer);
    question = undefined;
    answer = [];
  };
  // <dl> may wrap its pairs in <div>s (allowed by HTML).
  const items = node.children.filter(isElement).flatMap((c) => (c.name === 'div' ? c.children.filter(isElement) : [c]));
  for (const item of items) {
    if (item.name === 'dt') {
      flush();
      question = collapse(inlineText(item));
    } else if (item.name === 'dd') {
      readChildren(item, answer, ctx);
    }
  }
  flush();
}
