/**
 * The welcome (welcome.yaml: who the bot speaks for, its topic, links, greeting, the questions offered
 * first, places) is edited like the rest of the corpus: a page for editors, a draft judged by the corpus
 * rules with each problem at its field, four eyes, and once published the chat page and the bot speak the
 * new words. Through the real service on loopback with the embedded store.
 */
import { runInNewContext } from 'node:vm';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { z } from 'zod';
import { eventually, problemsBody, startEditingService, TOKENS, type apiClient } from './api-client.js';
import type { InProcessService } from '../support/service.js';

let svc: InProcessService;
let api: ReturnType<typeof apiClient>;
let close: (() => Promise<void>) | undefined;

beforeAll(async () => void ({ svc, api, close } = await startEditingService()), 60_000);
afterAll(async () => close?.());

const welcomeView = z.object({
  version: z.number(),
  welcome: z.looseObject({ organisation: z.object({ sv: z.string(), en: z.string() }), starters: z.array(z.string()) }),
  entries: z.array(z.looseObject({ id: z.string() })),
});

const editorPage = async (path: string) => {
  const res = await fetch(`${svc.url}${path}`, { headers: { authorization: `Bearer ${TOKENS.edda}` } });
  return { status: res.status, html: await res.text() };
};

const pageTitle = (html: string) => /<title>([^<]*)<\/title>/.exec(html)?.[1];

async function welcomeActivities() {
  const res = await fetch(`${svc.url}/api/webchat/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ type: 'conversationUpdate', conversationId: `c-${crypto.randomUUID()}`, userId: `u-${crypto.randomUUID()}`, locale: 'sv-SE' }),
  });
  expect(res.status).toBe(200);
  return z.object({ activities: z.array(z.looseObject({ text: z.string().optional(), suggestedActions: z.object({ actions: z.array(z.looseObject({ title: z.string() })) }).optional() })) }).parse(await res.json()).activities;
}

describe('the welcome, edited like the answers', () => {
  test('the welcome page shows every field of the published welcome.yaml and lists the ids to choose from', async () => {
    const corpus = welcomeView.parse(await (await api.call('edda', 'GET', '/api/staff/corpus')).json());
    const { status, html } = await editorPage('/staff/welcome');
    expect(status).toBe(200);
    expect(html).toContain('<h1>Välkomsten</h1>');
    expect(html).toMatch(new RegExp(`id="f-organisation-sv"[^>]*value="${corpus.welcome.organisation.sv}"`));
    expect(html).toMatch(new RegExp(`data-field="starters" data-kind="lines"[^>]*>${corpus.welcome.starters.join('\n')}</textarea>`));
    for (const entry of corpus.entries) expect(html).toContain(`<span class="entry-id">${entry.id}</span>`);
    // An entry written for staff alone says so: the welcome greets every resident.
    const staffOnly = corpus.entries.filter((e) => JSON.stringify(e['audience']) === '["staff"]').map((e) => e.id);
    expect(staffOnly.length).toBeGreaterThan(0);
    for (const id of staffOnly) expect(html).toMatch(new RegExp(`<span class="entry-id">${id}</span> – [^<]*\\(bara för anställda`));
    // Reached from the entries page, like the timeline and the contact details.
    expect((await editorPage('/staff/entries')).html).toContain('<a href="/staff/welcome">Välkomsten</a>');
    // Agents do not edit.
    expect((await fetch(`${svc.url}/staff/welcome`, { headers: { authorization: `Bearer ${TOKENS.agda}` } })).status).toBe(403);
  });

  test('a welcome that breaks the rules is refused whole, each problem at its field, and nothing is stored', async () => {
    const corpus = welcomeView.parse(await (await api.call('edda', 'GET', '/api/staff/corpus')).json());
    const ids = corpus.entries.map((e) => e.id);
    const refused = async (welcome: Record<string, unknown>) => {
      const res = await api.call('edda', 'POST', '/api/staff/changes', { title: 'x', baseVersion: corpus.version, welcome: { ...corpus.welcome, ...welcome } });
      expect(res.status).toBe(422);
      return problemsBody.extend({ problems: z.array(z.object({ file: z.string(), field: z.string(), code: z.string(), message: z.string() })) }).parse(await res.json()).problems;
    };
    expect(await refused({ starters: [...corpus.welcome.starters, 'finns-inte'] })).toContainEqual(expect.objectContaining({ file: 'welcome.yaml', field: 'starters', code: 'UNKNOWN_STARTER' }));
    const seven = await refused({ starters: ids.slice(0, 7) });
    expect(seven).toContainEqual(expect.objectContaining({ file: 'welcome.yaml', field: 'starters', code: 'FIELD_INVALID' }));
    const twice = await refused({ starters: [corpus.welcome.starters[0], corpus.welcome.starters[0]] });
    expect(twice).toContainEqual(expect.objectContaining({ file: 'welcome.yaml', field: 'starters', code: 'FIELD_INVALID' }));
    // Editors read them in Swedish, through the script the pages run with the words the pages hand it.
    const html = (await editorPage('/staff/welcome')).html;
    const data = z.object({ swedish: z.unknown() }).parse(JSON.parse(/<script type="application\/json" id="staff-data">([\s\S]*?)<\/script>/.exec(html)?.[1] ?? 'null'));
    const window: { StaffSwedish?: { problem: (p: unknown, S: unknown) => string } } = {};
    runInNewContext(await (await fetch(`${svc.url}/staff/assets/swedish.js`)).text(), { window });
    const swedish = (problems: readonly unknown[]) => problems.map((p) => window.StaffSwedish?.problem(p, data.swedish));
    expect(swedish(seven)).toContain('Får ha högst 6 svar: välkomsten erbjuder högst 6 frågor');
    expect(swedish(twice)).toContain('Varje svar får stå en gång: annars visas samma fråga två gånger');
    expect(await refused({ links: { privacy: 'javascript:alert(1)' } })).toContainEqual(expect.objectContaining({ file: 'welcome.yaml', field: 'links.privacy', code: 'FIELD_INVALID' }));
    expect(await refused({ topic: { sv: 'vattenläckan', en: '' } })).toContainEqual(expect.objectContaining({ file: 'welcome.yaml', field: 'topic.en' }));
    expect(await refused({ greeting: { sv: 'Hej! Ring Anna på 070-123 45 67, personnummer 19900101-0017.', en: 'Hello!' } })).toContainEqual(expect.objectContaining({ file: 'welcome.yaml', code: 'PERSONAL_DATA' }));
    // The contact center's number is written {telefon} in the greeting too, so one edit of contact.yaml changes it everywhere.
    expect(await refused({ greeting: { sv: 'Hej! Ring 011-15 00 00 om du inte hittar svaret.', en: 'Hello!' } })).toContainEqual(expect.objectContaining({ file: 'welcome.yaml', field: 'greeting.sv', code: 'COPIED_CONTACT_FACT' }));
    const drafts = z.object({ items: z.array(z.unknown()) }).parse(await (await api.call('edda', 'GET', '/api/staff/changes?status=draft')).json());
    expect(drafts.items).toHaveLength(0);
  });

  test('a welcome with HTML, invisible characters, an overlong name or greeting, a bad link or an unknown field is refused, each in one Swedish line at its field', async () => {
    const corpus = welcomeView.parse(await (await api.call('edda', 'GET', '/api/staff/corpus')).json());
    const refused = async (welcome: Record<string, unknown>) => {
      const res = await api.call('edda', 'POST', '/api/staff/changes', { title: 'x', baseVersion: corpus.version, welcome: { ...corpus.welcome, ...welcome } });
      expect(res.status).toBe(422);
      return z.object({ problems: z.array(z.object({ file: z.string(), field: z.string(), code: z.string(), message: z.string() })) }).parse(await res.json()).problems;
    };
    const html = (await editorPage('/staff/welcome')).html;
    const data = z.object({ swedish: z.unknown() }).parse(JSON.parse(/<script type="application\/json" id="staff-data">([\s\S]*?)<\/script>/.exec(html)?.[1] ?? 'null'));
    const window: { StaffSwedish?: { problem: (p: unknown, S: unknown) => string } } = {};
    runInNewContext(await (await fetch(`${svc.url}/staff/assets/swedish.js`)).text(), { window });
    /** The problems as [field, what the editor reads]. */
    const said = async (welcome: Record<string, unknown>) => (await refused(welcome)).map((p) => [p.field, window.StaffSwedish?.problem(p, data.swedish)]);

    expect(await said({ organisation: { sv: '<b>Exempelstads kommun</b>', en: 'Exempelstad Municipality' } })).toEqual([
      ['organisation.sv', 'Innehåller ”<b”, som webbchatten skulle visa som HTML och inte som text; skriv texten utan taggar (ett ”<” följt av mellanslag, som i ”< 5 år”, går bra)'],
    ]);
    expect(await said({ greeting: { sv: 'Hej! <img src=x onerror=alert(1)>', en: 'Hello!' } })).toEqual([['greeting.sv', expect.stringMatching(/^Innehåller ”<img”, som webbchatten skulle visa som HTML/)]]);
    expect(await said({ topic: { sv: 'it-incidenten\u202e', en: 'the IT incident' } })).toEqual([['topic.sv', expect.stringMatching(/^Innehåller ett osynligt styrtecken eller trasigt tecken \(U\+202E\)/)]]);
    expect(await said({ organisation: { sv: 'Exempelstads\nkommun', en: 'Exempelstad Municipality' } })).toEqual([['organisation.sv', expect.stringMatching(/^Ska vara en enda rad/)]]);
    expect(await said({ organisation: { sv: 'Exempelstads kommun '.repeat(500), en: 'Exempelstad Municipality' } })).toEqual([['organisation.sv', expect.stringMatching(/^Får vara högst 80 tecken: organisationens namn/)]]);
    expect(await said({ greeting: { sv: 'Hej och välkommen. '.repeat(60), en: 'Hello!' } })).toEqual([['greeting.sv', expect.stringMatching(/^Får vara högst 1000 tecken: hälsningen/)]]);
    // (The personal-data check also sees an e-mail address in "hemligt@www.exempelstad.se".)
    expect(await said({ links: { privacy: 'https://admin:hemligt@www.exempelstad.se/gdpr' } })).toContainEqual(['links.privacy', expect.stringMatching(/^Får inte innehålla användarnamn eller lösenord/)]);
    expect(await said({ links: { privacy: 'https://intranat/gdpr' } })).toEqual([['links.privacy', expect.stringMatching(/^Ska peka på en offentlig webbplats, t\.ex\. ”www\.kommunen\.se”: ”intranat” saknar punkt/)]]);
    // One plain line each, never zod's words or a count of a text's letters.
    expect(await said({ starters: 'incident-status' })).toEqual([['starters', 'Ska vara en lista']]);
    expect(await said({ links: ['https://www.exempelstad.se/gdpr'] })).toEqual([['links', 'Ska vara fält (namn och värde), inte en lista eller en text']]);
    const unknown = await refused({ kampanj: 'x' });
    expect(unknown.map((p) => [p.field, p.message])).toEqual([['', expect.stringMatching(/^"kampanj" is not a field here; check the spelling/)]]);
    expect(unknown.map((p) => window.StaffSwedish?.problem(p, data.swedish))).toEqual(['”kampanj” är inget fält här; kontrollera stavningen']);
  });

  test('once a second person publishes a new welcome, the chat page and the bot speak its words and offer its questions in its order', async () => {
    const corpus = welcomeView.parse(await (await api.call('edda', 'GET', '/api/staff/corpus')).json());
    const starters = [...corpus.welcome.starters].reverse();
    const welcome = {
      ...corpus.welcome,
      organisation: { sv: 'Exempelstads kommun', en: 'Exempelstad Municipality' },
      topic: { sv: 'driftstörningen', en: 'the outage' },
      greeting: { sv: 'Hej! Här svarar Exempelstads kommun på frågor om driftstörningen (testets hälsning).', en: 'Hello! Exempelstad Municipality answers questions about the outage (the test greeting).' },
      starters,
    };
    const id = await api.draft('edda', { title: 'Ny välkomst', baseVersion: corpus.version, welcome });
    // The draft's page shows what it changes; the welcome's editor opens with the draft's words.
    const draftPage = (await editorPage(`/staff/drafts/${id}`)).html;
    expect(draftPage).toMatch(/<td>welcome\.yaml<\/td>\s*<td>organisation\.sv<\/td>/);
    expect((await editorPage(`/staff/welcome?draft=${id}`)).html).toContain('value="Exempelstads kommun"');
    expect((await api.publish('edda', id)).status).toBe(403);
    expect((await api.publish('pia', id)).status).toBe(200);

    await eventually(async () => (pageTitle(await (await fetch(`${svc.url}/`)).text()) === 'Frågor om driftstörningen – Exempelstads kommun' ? true : undefined), 'the new welcome served on the chat page');
    const activities = await welcomeActivities();
    expect(activities.map((a) => a.text ?? '').join('\n')).toContain('Här svarar Exempelstads kommun på frågor om driftstörningen (testets hälsning).');
    const offered = activities.flatMap((a) => a.suggestedActions?.actions ?? []).map((a) => a.title);
    const questionOf = (entryId: string) => z.object({ question: z.object({ sv: z.string() }) }).parse(corpus.entries.find((e) => e.id === entryId)).question.sv;
    expect(offered.slice(0, starters.length)).toEqual(starters.map(questionOf));
  });

  test('a draft that leaves out the questions says what the welcome offers instead, and the draft page names what the loader warns of, in Swedish', async () => {
    const corpus = welcomeView.parse(await (await api.call('edda', 'GET', '/api/staff/corpus')).json());
    const { starters: _left, ...withoutStarters } = corpus.welcome;
    const id = await api.draft('edda', {
      title: 'Utan egna startfrågor',
      baseVersion: corpus.version,
      welcome: { ...withoutStarters, topic: { sv: 'It-incidenten', en: 'the IT incident' }, links: { privacy: 'http://norrkoping.se/gdpr' } },
    });
    const html = (await editorPage(`/staff/drafts/${id}`)).html;
    // The starters' row says, in words, what residents will be offered: the status entry and the first entries.
    const row = /<td>welcome\.yaml<\/td>\s*<td>starters<\/td>\s*<td><pre class="value">([^<]*)<\/pre><\/td>\s*<td><pre class="value">([^<]*)<\/pre><\/td>/.exec(html);
    expect(row?.[1]?.split('\n')).toEqual(corpus.welcome.starters.map((s) => `- ${s}`));
    expect(row?.[2]).toMatch(/^Inga egna frågor: välkomsten erbjuder i stället lägesbeskedet och de första svaren \([a-z0-9-]+(?:, [a-z0-9-]+)+\)\.$/);
    expect(html).not.toContain('<pre class="value">–</pre>');
    // The topic's capital and the http:// link are warned of (saved, never refused), each at its field.
    const warnings = [...html.matchAll(/<li><strong>([^<]*)<\/strong>: <span class="warning-text" data-code="([A-Z_]+)" data-message="([^"]*)">/g)].map((m) => ({
      place: m[1],
      code: m[2],
      message: (m[3] ?? '').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&'),
    }));
    expect(warnings.map((w) => [w.place, w.code])).toEqual([
      ['welcome.yaml, fältet topic.sv', 'TOPIC_CAPITALISED'],
      ['welcome.yaml, fältet links.privacy', 'INSECURE_LINK'],
    ]);
    const data = z.object({ swedish: z.unknown() }).parse(JSON.parse(/<script type="application\/json" id="staff-data">([\s\S]*?)<\/script>/.exec(html)?.[1] ?? 'null'));
    const window: { StaffSwedish?: { problem: (p: unknown, S: unknown) => string } } = {};
    runInNewContext(await (await fetch(`${svc.url}/staff/assets/swedish.js`)).text(), { window });
    expect(warnings.map((w) => window.StaffSwedish?.problem(w, data.swedish))).toEqual([
      'Ämnet ”It-incidenten” börjar med stor bokstav, men det står mitt i en mening (”Jag är … chattbot om It-incidenten”, ”Frågor om It-incidenten”). Skriv ”it-incidenten”, om det inte börjar med ett namn.',
      'Adressen ”http://norrkoping.se/gdpr” börjar med http://, så chattsidan länkar till en okrypterad sida, och Teams-appen kan inte byggas (Teams tar bara https://-länkar). Skriv sidans https://-adress.',
    ]);
    // A draft that brings no warning of its own shows none (the published corpus's are faq:check's).
    const plain = await api.draft('edda', { title: 'Bara ordningen', baseVersion: corpus.version, welcome: { ...corpus.welcome, starters: [...corpus.welcome.starters].reverse() } });
    expect((await editorPage(`/staff/drafts/${plain}`)).html).not.toContain('id="warnings"');
  });
});
